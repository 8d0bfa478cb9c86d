/** The outline (document symbols) and folding ranges of a buffer. */
import { isCollection, isMap, isPair, isScalar, isSeq, type Node } from 'yaml';
import { SymbolKind, type DocumentSymbol, type FoldingRange } from 'vscode-languageserver/node.js';
import type { BufferView } from './navigation.js';
import { matchPattern } from './symbols.js';

interface Entry { symbol: DocumentSymbol; start: number; end: number }

/** Every declaring entry of the kind (named by its label, else id), nested where one holds another. */
export function outlineOf(view: BufferView): DocumentSymbol[] {
  const top: DocumentSymbol[] = [];
  for (const doc of view.symbols.documents) {
    const entries: Entry[] = [];
    for (const declaration of doc.definition.symbols.declarations) {
      for (const { node } of matchPattern(doc.yaml.contents as Node | null, declaration.at)) {
        if (!isMap(node) || !node.range) continue;
        const id = node.get('id');
        const label = node.get(declaration.label ?? 'label');
        const name = typeof label === 'string' && label ? label : id !== undefined && id !== null ? String(id) : declaration.type;
        const idNode = node.get('id', true);
        const selection = isScalar(idNode) && idNode.range ? view.range(idNode.range[0], idNode.range[1]) : view.range(node.range[0], node.range[0]);
        const detail = id !== undefined && id !== null ? `${declaration.type} ${String(id)}` : declaration.type;
        entries.push({ symbol: { name, detail, kind: SymbolKind.Object, range: view.range(node.range[0], node.range[1]), selectionRange: selection, children: [] }, start: node.range[0], end: node.range[1] });
      }
    }
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

/** A fold for every map or sequence spanning more than one line (the line a key sits on folds with its value). */
export function foldingOf(view: BufferView): FoldingRange[] {
  const out: FoldingRange[] = [];
  const lineOf = (offset: number) => view.symbols.lines.linePos(offset).line - 1;
  const visit = (node: Node | null | undefined, from?: number) => {
    if (!isCollection(node) || !node.range) return;
    const start = lineOf(from ?? node.range[0]);
    // range[1] ends past the collection's last value; a trailing newline belongs to the next line.
    const end = lineOf(Math.max(node.range[0], node.range[1] - 1));
    if (end > start) out.push({ startLine: start, endLine: end });
    if (isMap(node)) for (const pair of node.items) { if (isPair(pair)) visit(pair.value as Node, (pair.key as Node | null)?.range?.[0]); }
    else if (isSeq(node)) for (const item of node.items) visit(item as Node);
  };
  for (const doc of view.symbols.documents) {
    const root = doc.yaml.contents as Node | null;
    if (isMap(root)) for (const pair of root.items) if (isPair(pair)) visit(pair.value as Node, (pair.key as Node | null)?.range?.[0]);
  }
  return out;
}
