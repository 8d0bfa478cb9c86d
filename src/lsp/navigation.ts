/**
 * Go to definition, find references, rename and hover over the ids of a buffer (src/lsp/symbols.ts);
 * `ref` / `flow` file paths are followed across files.
 */
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Hover, Location, Range, TextEdit, WorkspaceEdit } from 'vscode-languageserver/node.js';
import { readSchema } from '../validate/schema.js';
import { diagramHead, yamlFiles } from './files.js';
import { declarationsFor, documentAt, indexBuffer, occurrenceAt, referencesFor, type BufferSymbols, type Declaration, type DocumentSymbols, type Occurrence } from './symbols.js';

/** One buffer as the features see it: its symbols, its file (if any) and how offsets become ranges. */
export interface BufferView {
  uri: string;
  fsPath?: string;
  text: string;
  /** The ids, indexed on first use: a keystroke's check does not need them. */
  readonly symbols: BufferSymbols;
  range(start: number, end: number): Range;
}

/** What the features know of the other files: folders to search and the text of a file, open or on disk. */
export interface Workspace {
  roots(): string[];
  view(absPath: string): BufferView | undefined;
}

interface Hit { doc: DocumentSymbols; occurrence: Occurrence }

export function hitAt(view: BufferView, offset: number): Hit | undefined {
  const doc = documentAt(view.symbols, offset);
  const occurrence = doc && occurrenceAt(doc, offset);
  return doc && occurrence ? { doc, occurrence } : undefined;
}

const isDeclaration = (o: Occurrence): o is Declaration => 'declaration' in o;

/** The file a `ref` / `flow` path names, resolved from the document's folder (undefined when it does not exist). */
export function targetFile(view: BufferView, o: Occurrence): string | undefined {
  if (!view.fsPath) return undefined;
  const target = path.resolve(path.dirname(view.fsPath), o.id);
  return fs.existsSync(target) && fs.statSync(target).isFile() ? target : undefined;
}

export function definitionAt(view: BufferView, offset: number): Location[] {
  const hit = hitAt(view, offset);
  if (!hit) return [];
  if (hit.occurrence.type === 'file') {
    const target = targetFile(view, hit.occurrence);
    const start = { line: 0, character: 0 };
    return target ? [{ uri: pathToFileURL(target).href, range: { start, end: start } }] : [];
  }
  return declarationsFor(hit.doc, hit.occurrence).map((d) => ({ uri: view.uri, range: view.range(d.start, d.end) }));
}

/** The views of every YAML file under the workspace's folders (each once), then of `extra` files outside them. */
export function* workspaceViews(workspace: Workspace, extra: readonly string[] = []): Generator<BufferView> {
  const seen = new Set<string>();
  for (const file of [...workspace.roots().flatMap((root) => yamlFiles(root)), ...extra]) {
    if (seen.has(file)) continue;
    seen.add(file);
    const view = workspace.view(file);
    if (view) yield view;
  }
}

/** Every `ref` / `flow` path in the workspace's diagrams that names `target`. */
function fileReferences(workspace: Workspace, target: string): Location[] {
  const out: Location[] = [];
  for (const view of workspaceViews(workspace)) {
    for (const doc of view.symbols.documents) {
      for (const o of doc.references) if (o.type === 'file' && targetFile(view, o) === target) out.push({ uri: view.uri, range: view.range(o.start, o.end) });
    }
  }
  return out;
}

export function referencesAt(view: BufferView, offset: number, includeDeclaration: boolean, workspace: Workspace): Location[] {
  const hit = hitAt(view, offset);
  if (!hit) return [];
  const { doc, occurrence } = hit;
  if (occurrence.type === 'file') {
    const target = targetFile(view, occurrence);
    return target ? fileReferences(workspace, target) : [{ uri: view.uri, range: view.range(occurrence.start, occurrence.end) }];
  }
  const uses = referencesFor(doc, occurrence.type, occurrence.id);
  const all = includeDeclaration ? [...declarationsFor(doc, occurrence), ...uses] : uses;
  return all.map((o) => ({ uri: view.uri, range: view.range(o.start, o.end) }));
}

/** The range of the id or `ref` / `flow` path a rename would change (a path only when its file exists). */
export function renameRangeAt(view: BufferView, offset: number): Range | undefined {
  const hit = hitAt(view, offset);
  if (!hit || (hit.occurrence.type === 'file' && !targetFile(view, hit.occurrence))) return undefined;
  return view.range(hit.occurrence.start, hit.occurrence.end);
}

/** The schema's pattern for element ids, so a rename cannot write an id the schema would refuse. */
function idPattern(kind: string): RegExp {
  const defs = (readSchema(kind).$defs ?? {}) as Record<string, { pattern?: string }>;
  return new RegExp(defs.elementId?.pattern ?? '^\\S+$');
}

export type RenameResult = { edit: WorkspaceEdit } | { refused: string } | undefined;

export function renameAt(view: BufferView, offset: number, newName: string): RenameResult {
  const hit = hitAt(view, offset);
  if (!hit || hit.occurrence.type === 'file') return undefined;
  const { doc, occurrence } = hit;
  if (!idPattern(doc.definition.kind).test(newName)) return { refused: `"${newName}" is not a valid id (letters, digits, - and _, not starting with -)` };
  const taken = doc.declarations.find((d) => d.type === occurrence.type && d.id === newName);
  if (taken && newName !== occurrence.id) return { refused: `${occurrence.type} "${newName}" already exists` };
  const edits: TextEdit[] = [...declarationsFor(doc, occurrence), ...referencesFor(doc, occurrence.type, occurrence.id)]
    .map((o) => ({ range: view.range(o.start, o.end), newText: newName }));
  return { edit: { changes: { [view.uri]: edits } } };
}

/** A field's value as one line of a hover. */
function shown(value: unknown): string {
  if (Array.isArray(value)) return value.map(shown).join(', ');
  if (value && typeof value === 'object') return Object.entries(value).map(([k, v]) => `${k} ${shown(v)}`).join(', ');
  return String(value);
}

function declarationHover(d: Declaration, doc: DocumentSymbols): string {
  const lines = [`**${d.label}** — ${d.type} \`${d.id}\``];
  for (const field of d.declaration.details) {
    const value = d.entry[field];
    if (value === undefined || value === null) continue;
    // A field that names another element shows that element's label too ("lane: service (客服中心)").
    const named = typeof value === 'string' ? doc.declarations.find((x) => x.type === field && x.id === value) : undefined;
    lines.push(`- ${field}: ${shown(value)}${named && named.label !== named.id ? ` (${named.label})` : ''}`);
  }
  return lines.join('\n');
}

export function hoverAt(view: BufferView, offset: number): Hover | undefined {
  const hit = hitAt(view, offset);
  if (!hit) return undefined;
  const { doc, occurrence } = hit;
  let value: string | undefined;
  if (occurrence.type === 'file') {
    const target = targetFile(view, occurrence);
    const head = target ? diagramHead(fs.readFileSync(target, 'utf8')) : undefined;
    value = target ? `**${head?.title || path.basename(target)}** — ${head?.kind ?? 'file'} \`${occurrence.id}\`` : `\`${occurrence.id}\`: no such file`;
  } else {
    const found = isDeclaration(occurrence) ? [occurrence] : declarationsFor(doc, occurrence);
    value = found.length ? found.map((d) => declarationHover(d, doc)).join('\n\n---\n\n') : `${occurrence.type} \`${occurrence.id}\` is not declared`;
  }
  return { contents: { kind: 'markdown', value }, range: view.range(occurrence.start, occurrence.end) };
}

/** Offsets of a buffer as an LSP range (0-based lines, UTF-16 columns, as JavaScript strings count). */
export function offsetRange(symbols: BufferSymbols, start: number, end: number): Range {
  const a = symbols.lines.linePos(start);
  const b = symbols.lines.linePos(end);
  return { start: { line: a.line - 1, character: a.col - 1 }, end: { line: b.line - 1, character: b.col - 1 } };
}

/** The offset of an LSP position in a buffer. */
export function positionOffset(symbols: BufferSymbols, position: Range['start']): number {
  const start = symbols.lines.lineStarts[position.line] ?? symbols.text.length;
  return Math.min(start + position.character, symbols.text.length);
}

/** A view of a buffer's text. */
export function bufferView(uri: string, fsPath: string | undefined, text: string): BufferView {
  let symbols: BufferSymbols | undefined;
  const view: BufferView = {
    uri, fsPath, text,
    get symbols() { return (symbols ??= indexBuffer(text)); },
    // An arrow, so the method can be handed on without its object.
    range: (start, end) => offsetRange(view.symbols, start, end),
  };
  return view;
}

/** A view of a file read from disk, for cross-file references. */
export function diskView(absPath: string): BufferView | undefined {
  let text: string;
  try { text = fs.readFileSync(absPath, 'utf8'); } catch { return undefined; }
  return bufferView(pathToFileURL(absPath).href, absPath, text);
}
