import { isMap, isPair, isScalar, isSeq, type Node, type Scalar } from 'yaml';
import { scalarSpan } from './symbols.js';

/** Where the cursor is in the YAML tree: the path of the key or value under it and that token's offsets. */
export interface Cursor {
  path: Array<string | number>;
  role: 'key' | 'value';
  /** Offsets of the token (without quotes); start = end for a value not typed yet. */
  start: number;
  end: number;
  scalar?: Scalar;
}

const blank = (s: string) => /^[ \t]*$/.test(s);

/**
 * Whether the cursor is on a scalar: inside it, just after it with only blanks between (the user
 * is typing past a trimmed value), or, for a value not typed yet, in the blanks before it.
 */
function onScalar(node: Scalar, offset: number, text: string): boolean {
  if (!node.range) return false;
  const { start, end } = scalarSpan(node);
  if (offset >= start && offset <= end) return true;
  if (offset > end && blank(text.slice(end, offset))) return node.type !== 'QUOTE_DOUBLE' && node.type !== 'QUOTE_SINGLE';
  return node.value === null && offset < start && blank(text.slice(offset, start));
}

function within(node: Node, offset: number): boolean {
  return !!node.range && offset >= node.range[0] && offset <= node.range[2];
}

/** The innermost key or value under the cursor (offset into `text`), or undefined between tokens. */
export function cursorAt(node: Node | null | undefined, offset: number, text: string, path: Array<string | number> = []): Cursor | undefined {
  if (isScalar(node)) {
    if (!onScalar(node, offset, text)) return undefined;
    const span = node.value === null ? { start: offset, end: offset } : scalarSpan(node);
    return { path, role: 'value', ...span, scalar: node };
  }
  if (isMap(node)) {
    for (const pair of node.items) {
      if (!isPair(pair) || !isScalar(pair.key)) continue;
      const keyPath = [...path, String(pair.key.value)];
      const key = scalarSpan(pair.key);
      if (pair.key.range && offset >= key.start && offset <= key.end) return { path: keyPath, role: 'key', ...key, scalar: pair.key };
      const value = pair.value as Node | null;
      if (value && (isScalar(value) ? onScalar(value, offset, text) : within(value, offset))) {
        const found = cursorAt(value, offset, text, keyPath);
        if (found) return found;
      }
    }
    return undefined;
  }
  if (isSeq(node)) {
    for (let i = 0; i < node.items.length; i++) {
      const item = node.items[i] as Node | null;
      if (item && (isScalar(item) ? onScalar(item, offset, text) : within(item, offset))) {
        const found = cursorAt(item, offset, text, [...path, i]);
        if (found) return found;
      }
    }
  }
  return undefined;
}
