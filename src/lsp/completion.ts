import path from 'node:path';
import { isMap, type Node } from 'yaml';
import { CompletionItemKind, type CompletionItem, type Range } from 'vscode-languageserver/node.js';
import type { SymbolReference } from '../kinds/types.js';
import { cursorAt, type Cursor } from './cursor.js';
import { diagramFiles, relativeRef } from './files.js';
import { documentAt, pathMatches, type BufferSymbols, type DocumentSymbols } from './symbols.js';

/** What to offer and which offsets a chosen item replaces. */
interface Slot { start: number; end: number; reference?: SymbolReference; values?: readonly string[] }

/** The id of a chain string under the cursor: from the last `->` before it to the next one after it. */
function chainSlot(cursor: Cursor, offset: number, text: string): { start: number; end: number } {
  const token = text.slice(cursor.start, cursor.end);
  const before = text.slice(cursor.start, offset).lastIndexOf('->');
  let start = before === -1 ? cursor.start : cursor.start + before + 2;
  while (start < offset && /[ \t]/.test(text[start])) start++;
  const after = token.indexOf('->', offset - cursor.start);
  let end = after === -1 ? cursor.end : cursor.start + after;
  while (end > start && /[ \t]/.test(text[end - 1])) end--;
  return { start, end: Math.max(end, offset) };
}

/** The reference or fixed-value field the cursor is in, if any. */
function slotAt(doc: DocumentSymbols, cursor: Cursor, offset: number, text: string): Slot | undefined {
  const { path: p, role } = cursor;
  for (const reference of doc.definition.symbols.references) {
    if (reference.form === 'key') {
      // A key of the map, or a first key typed where the map will be (a plain scalar for now).
      if ((role === 'key' && pathMatches(p, [...reference.at, '*'])) || (role === 'value' && pathMatches(p, reference.at))) return { start: cursor.start, end: cursor.end, reference };
      continue;
    }
    if (role !== 'value' || !pathMatches(p, reference.at)) continue;
    if (reference.form === 'chain') return { ...chainSlot(cursor, offset, text), reference };
    return { start: cursor.start, end: cursor.end, reference };
  }
  const values = doc.definition.symbols.values.find((v) => role === 'value' && pathMatches(p, v.at));
  return values ? { start: cursor.start, end: cursor.end, values: values.values } : undefined;
}

function fileItems(reference: SymbolReference, fsPath: string | undefined): CompletionItem[] {
  if (!fsPath) return [];
  return diagramFiles(path.dirname(fsPath), reference.fileKind)
    .filter((f) => f.absPath !== fsPath)
    .map((f) => ({ label: relativeRef(fsPath, f.absPath), kind: CompletionItemKind.File, detail: f.title || f.kind }));
}

/** Completion items at an offset of a buffer: ids where an id is expected, files, fixed values. */
export function completeAt(buffer: BufferSymbols, offset: number, fsPath: string | undefined, toRange: (start: number, end: number) => Range): CompletionItem[] {
  const doc = documentAt(buffer, offset);
  if (!doc) return [];
  const cursor = cursorAt(doc.yaml.contents as Node | null, offset, buffer.text);
  if (!cursor) return [];
  const slot = slotAt(doc, cursor, offset, buffer.text);
  if (!slot) return [];
  const range = toRange(slot.start, slot.end);
  let items: CompletionItem[];
  if (slot.values) {
    items = slot.values.map((v) => ({ label: v, kind: CompletionItemKind.EnumMember }));
  } else if (slot.reference!.type === 'file') {
    items = fileItems(slot.reference!, fsPath);
  } else {
    const type = slot.reference!.type;
    const taken = slot.reference!.form === 'key' ? takenKeys(doc, cursor) : new Set<string>();
    items = doc.declarations
      .filter((d) => d.type === type && !taken.has(d.id))
      .map((d) => ({ label: d.id, kind: CompletionItemKind.Reference, detail: d.label, documentation: `${type} ${d.id}` }));
  }
  // A fresh array per item: clients may change what they are given.
  return items.map((item) => ({ ...item, filterText: item.label, textEdit: { range, newText: item.label } }));
}

/** Keys already written in the map the cursor is in, except the one being typed. */
function takenKeys(doc: DocumentSymbols, cursor: Cursor): Set<string> {
  const mapPath = cursor.role === 'key' ? cursor.path.slice(0, -1) : cursor.path;
  const map = doc.yaml.getIn(mapPath, true) as Node | undefined;
  const keys = new Set<string>();
  if (isMap(map)) for (const pair of map.items) { const k = (pair.key as { value?: unknown } | null)?.value; if (k !== null && k !== undefined) keys.add(String(k)); }
  if (cursor.role === 'key') keys.delete(String(cursor.path[cursor.path.length - 1]));
  return keys;
}
