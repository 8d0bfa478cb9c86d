/**
 * The ids of one editor buffer: where each is declared and used, found by the kind's `symbols`
 * (src/kinds/<kind>/symbols.ts) in the YAML syntax tree, with offsets into the buffer's text. The
 * tree is the parser's repaired one, so a buffer that is being typed still has its ids.
 */
import { isMap, isPair, isScalar, isSeq, parseAllDocuments, type Document, type Node, type Scalar } from 'yaml';
import { kindDefinition } from '../kinds/registry.js';
import { DEFAULT_LIMITS, tokenBound } from '../load/limits.js';
import { tokenOverflow } from '../load/yaml.js';
import type { CommonModel, KindDefinition, PathPattern, SymbolDeclaration, SymbolReference } from '../kinds/types.js';

/** One id (or file path) in the text, `start`..`end` being offsets of its characters. */
export interface Occurrence {
  type: string;
  id: string;
  start: number;
  end: number;
  /** The reference entry it was found by (undefined for a declaration). */
  reference?: SymbolReference;
  /** How the scalar of a whole-value reference is written, so an edit can write the new value alike. */
  style?: Scalar.Type;
}

/** A place that names a file, in every kind: its one theme file, its data files (README "Themes", "Data binding"). */
interface CommonFileReference extends SymbolReference {
  /** Values that name a file here (a theme may also be a built-in name). */
  names?: RegExp;
}

/**
 * File paths every kind's documents may hold besides the kind's own `ref` / `flow` paths: go to
 * definition, references, and moves and renames of the file keep them naming it. No completion
 * offers them (that lists diagram files of a kind).
 */
export const COMMON_FILE_REFERENCES: readonly CommonFileReference[] = [
  { type: 'file', at: ['theme'], form: 'value', names: /\.ya?ml$/i },
  { type: 'file', at: ['data', '*', 'file'], form: 'value' },
];

export interface Declaration extends Occurrence {
  label: string;
  /** The declaring entry as plain data, for hovers (made on first use). */
  readonly entry: Record<string, unknown>;
  declaration: SymbolDeclaration;
  /** Offsets of the whole entry. */
  entryStart: number;
  entryEnd: number;
}

/** One YAML document of the buffer that names a registered kind. */
export interface DocumentSymbols {
  definition: KindDefinition<CommonModel>;
  yaml: Document.Parsed;
  start: number;
  end: number;
  declarations: Declaration[];
  references: Occurrence[];
}

export interface BufferSymbols {
  text: string;
  documents: DocumentSymbols[];
}

type Path = Array<string | number>;
interface Match { node: Node | null; path: Path }

/** Every node at `pattern` below `node` (`*` is any index or key), with its path. */
export function matchPattern(node: Node | null | undefined, pattern: PathPattern, path: Path = []): Match[] {
  if (pattern.length === 0) return [{ node: node ?? null, path }];
  const [seg, ...rest] = pattern;
  const out: Match[] = [];
  if (isSeq(node) && (seg === '*' || typeof seg === 'number')) {
    node.items.forEach((item, i) => { if (seg === '*' || seg === i) out.push(...matchPattern(item as Node, rest, [...path, i])); });
  } else if (isMap(node)) {
    for (const pair of node.items) {
      if (!isPair(pair) || !isScalar(pair.key)) continue;
      const key = String(pair.key.value);
      if (seg === '*' || String(seg) === key) out.push(...matchPattern(pair.value as Node, rest, [...path, key]));
    }
  }
  return out;
}

/** True when a concrete path matches a pattern. */
export function pathMatches(path: readonly (string | number)[], pattern: PathPattern): boolean {
  return path.length === pattern.length && pattern.every((seg, i) => seg === '*' || String(seg) === String(path[i]));
}

/** Offsets of a scalar's text without its quotes. */
export function scalarSpan(node: Scalar): { start: number; end: number } {
  const [start, end] = node.range ?? [0, 0];
  const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
  return quoted ? { start: start + 1, end: Math.max(start + 1, end - 1) } : { start, end };
}

/** The ids of a chain string and their offsets in it; a string without `->` is one id being typed. */
export function chainIds(text: string): Array<{ id: string; offset: number }> {
  const out: Array<{ id: string; offset: number }> = [];
  let offset = 0;
  for (const part of text.split('->')) {
    const lead = part.length - part.trimStart().length;
    out.push({ id: part.trim(), offset: offset + lead });
    offset += part.length + 2;
  }
  return out;
}

function idScalar(entry: Node | null): Scalar | undefined {
  if (!isMap(entry)) return undefined;
  const id = entry.get('id', true);
  return isScalar(id) && (typeof id.value === 'string' || typeof id.value === 'number') ? id : undefined;
}

function declarationsOf(root: Node | null, declaration: SymbolDeclaration): Declaration[] {
  const out: Declaration[] = [];
  for (const { node } of matchPattern(root, declaration.at)) {
    const id = idScalar(node);
    if (!id || !isMap(node)) continue;
    const label = node.get(declaration.label ?? 'label');
    const { start, end } = scalarSpan(id);
    let entry: Record<string, unknown> | undefined;
    out.push({
      type: declaration.type, id: String(id.value), start, end, label: typeof label === 'string' ? label : String(id.value),
      get entry() { return (entry ??= (node.toJSON() ?? {}) as Record<string, unknown>); },
      declaration, entryStart: node.range?.[0] ?? start, entryEnd: node.range?.[1] ?? end,
    });
  }
  return out;
}

function referencesOf(root: Node | null, reference: CommonFileReference): Occurrence[] {
  const out: Occurrence[] = [];
  const add = (scalar: Scalar, id: string, offset = 0) => {
    const span = scalarSpan(scalar);
    out.push({ type: reference.type, id, start: span.start + offset, end: span.start + offset + id.length, reference });
  };
  for (const { node } of matchPattern(root, reference.at)) {
    if (reference.form === 'key') {
      if (!isMap(node)) continue;
      for (const pair of node.items) if (isPair(pair) && isScalar(pair.key) && pair.key.value !== null) add(pair.key, String(pair.key.value));
    } else if (isScalar(node) && node.value !== null && typeof node.value !== 'boolean') {
      const text = String(node.value);
      if (reference.form === 'value') {
        // The whole source of the scalar (escapes in a quoted one make it longer than the value).
        if (!reference.names || reference.names.test(text)) out.push({ type: reference.type, id: text, ...scalarSpan(node), reference, style: node.type });
        continue;
      }
      // Chain offsets are offsets in the value, which match the source only on a single line.
      if (typeof node.value !== 'string' || !text.includes('->') || /\n/.test(text)) continue;
      for (const end of chainIds(text)) if (end.id) add(node, end.id, end.offset);
    }
  }
  return out;
}

/** Whether the loader would parse the text at all: within the default size and token bounds. */
function parseable(text: string): boolean {
  const bytes = Buffer.byteLength(text, 'utf8');
  const maxTokens = tokenBound(DEFAULT_LIMITS);
  return bytes <= DEFAULT_LIMITS.maxBytes && (bytes * 2 <= maxTokens || tokenOverflow(text, maxTokens) === undefined);
}

function parse(text: string): Document.Parsed[] {
  // A file the loader refuses as too large (its diagnostic says so) is not parsed here either.
  if (!parseable(text)) return [];
  try {
    // No lineCounter: offsets become lines through the buffer's own line starts (src/lsp/buffer.ts).
    const parsed = parseAllDocuments(text, { uniqueKeys: false, prettyErrors: false });
    return Array.isArray(parsed) ? (parsed as Document.Parsed[]) : [];
  } catch {
    // The loader reports what the parser cannot read; an unreadable buffer simply has no ids.
    return [];
  }
}

/** Parses a buffer and indexes the ids of every document that names a registered kind. */
export function indexBuffer(text: string): BufferSymbols {
  const documents: DocumentSymbols[] = [];
  for (const yaml of parse(text)) {
    const root = yaml.contents as Node | null;
    const kind = isMap(root) ? root.get('kind') : undefined;
    const definition = kindDefinition(kind);
    if (!definition) continue;
    const symbols = definition.symbols;
    try {
      documents.push({
        definition, yaml, start: yaml.range[0], end: yaml.range[2],
        declarations: symbols.declarations.flatMap((d) => declarationsOf(root, d)),
        references: [...symbols.references, ...COMMON_FILE_REFERENCES].flatMap((r) => referencesOf(root, r)),
      });
    } catch {
      // Nesting deep enough to exhaust the stack: the loader reports it; this document has no ids.
    }
  }
  return { text, documents };
}

/** The document of the buffer that holds an offset (the last one that starts before it). */
export function documentAt(buffer: BufferSymbols, offset: number): DocumentSymbols | undefined {
  return buffer.documents.find((d) => offset >= d.start && offset <= d.end) ?? buffer.documents.filter((d) => d.start <= offset).pop();
}

/** The id under the cursor, declared or used (the end offset counts, so a cursor just after an id finds it). */
export function occurrenceAt(doc: DocumentSymbols, offset: number): Occurrence | Declaration | undefined {
  const hit = (o: Occurrence) => offset >= o.start && offset <= o.end;
  return doc.declarations.find(hit) ?? doc.references.find(hit);
}

/** The declarations an occurrence names (several when an id is declared twice). */
export function declarationsFor(doc: DocumentSymbols, o: Occurrence): Declaration[] {
  return doc.declarations.filter((d) => d.type === o.type && d.id === o.id);
}

/** Every use of an id of a type in a document (declarations not included). */
export function referencesFor(doc: DocumentSymbols, type: string, id: string): Occurrence[] {
  return doc.references.filter((r) => r.type === type && r.id === id);
}
