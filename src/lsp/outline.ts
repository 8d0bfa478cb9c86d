/**
 * The outline (document symbols) and folding ranges of a buffer. Editors ask for both after every
 * change, so neither parses the buffer again: the outline reads the documents the buffer's check
 * loaded (the check diagnostics need anyway), folding reads the indentation of the lines.
 */
import { SymbolKind, type DocumentSymbol, type FoldingRange } from 'vscode-languageserver/node.js';
import type { SourceDocument, SourceSpan } from '../load/document.js';
import type { PathPattern } from '../kinds/types.js';
import type { BufferView } from './buffer.js';
import { isDiagram } from './diagnostics.js';

interface Entry { symbol: DocumentSymbol; start: number; end: number }
type Path = Array<string | number>;
type Plain = Record<string, unknown>;

const isPlainMap = (v: unknown): v is Plain => !!v && typeof v === 'object' && !Array.isArray(v);

/** Paths of every value at `pattern` below `value` (`*` is any index or key). */
function valuePaths(value: unknown, pattern: PathPattern, path: Path = []): Path[] {
  if (pattern.length === 0) return [path];
  const [seg, ...rest] = pattern;
  const keys = Array.isArray(value) ? value.map((_, i) => i) : isPlainMap(value) ? Object.keys(value) : [];
  return keys.filter((k) => seg === '*' || String(seg) === String(k))
    .flatMap((k) => valuePaths((value as Plain)[k as string], rest, [...path, k]));
}

/** The declaring entries of one loaded document, named by label, else id, else their type. */
function entriesOf(view: BufferView, doc: SourceDocument, declarations: ReadonlyArray<{ type: string; at: PathPattern; label?: string }>): Entry[] {
  const offset = (line: number, column: number) => (view.lines.lineStarts[line - 1] ?? view.text.length) + column - 1;
  const span = (s: SourceSpan) => ({ start: offset(s.line, s.column), end: offset(s.endLine, s.endColumn) });
  const entries: Entry[] = [];
  for (const declaration of declarations) {
    for (const path of valuePaths(doc.value, declaration.at)) {
      const entry = path.reduce<unknown>((v, k) => (v as Plain)[k as string], doc.value);
      if (!isPlainMap(entry)) continue;
      const { id, [declaration.label ?? 'label']: label } = entry;
      const hasId = id !== undefined && id !== null;
      const name = typeof label === 'string' && label ? label : hasId ? String(id) : declaration.type;
      const whole = span(doc.locate(path));
      const idSpan = hasId ? span(doc.locate([...path, 'id'])) : { start: whole.start, end: whole.start };
      const symbol = {
        name, detail: hasId ? `${declaration.type} ${String(id)}` : declaration.type, kind: SymbolKind.Object,
        range: view.range(whole.start, whole.end), selectionRange: view.range(idSpan.start, idSpan.end), children: [],
      };
      entries.push({ symbol, ...whole });
    }
  }
  return entries;
}

/** Every declaring entry of the kind, nested where one holds another. */
export function outlineOf(view: BufferView): DocumentSymbol[] {
  if (!isDiagram(view)) return [];
  const top: DocumentSymbol[] = [];
  for (const checked of view.checked.documents) {
    const entries = entriesOf(view, checked.doc, checked.definition.symbols.declarations);
    entries.sort((a, b) => a.start - b.start || b.end - a.end);
    // Entries come sorted by start, enclosing ones first: each goes under the nearest open one that holds it.
    const open: Entry[] = [];
    for (const entry of entries) {
      while (open.length && open[open.length - 1].end < entry.end) open.pop();
      if (open.length) open[open.length - 1].symbol.children!.push(entry.symbol);
      else top.push(entry.symbol);
      open.push(entry);
    }
  }
  return top;
}

/**
 * A fold for every line that the following, deeper indented lines belong to: a key and its map,
 * list or long value, a list item of several lines. A key's list may also start at the key's own
 * indentation (`nodes:` then `- …`). Blank and comment lines neither end a fold nor close one.
 */
export function foldingOf(view: BufferView): FoldingRange[] {
  const out: FoldingRange[] = [];
  const open: Array<{ line: number; indent: number; last: number; opensList: boolean }> = [];
  const close = (until: (top: (typeof open)[number]) => boolean) => {
    while (open.length && until(open[open.length - 1])) {
      const fold = open.pop()!;
      if (fold.last > fold.line) out.push({ startLine: fold.line, endLine: fold.last });
    }
  };
  view.text.split('\n').forEach((raw, line) => {
    const text = raw.trimStart();
    if (!text || text.startsWith('#')) return;
    if (/^(---|\.\.\.)(\s|$)/.test(text)) { close(() => true); return; }
    const indent = raw.length - text.length;
    const item = /^-(\s|$)/.test(text);
    close((top) => indent < top.indent || (indent === top.indent && !(item && top.opensList)));
    for (const fold of open) fold.last = line;
    open.push({ line, indent, last: line, opensList: !item && /:\s*(#.*)?$/.test(text.trimEnd()) });
  });
  close(() => true);
  return out.sort((a, b) => a.startLine - b.startLine);
}
