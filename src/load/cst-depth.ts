import type { CST } from 'yaml';

/**
 * Offset of the first value nested deeper than `max` levels in one document's concrete syntax tree,
 * or undefined. It runs before the tree is composed: composing is recursive, so a document of
 * thousands of nested brackets would otherwise exhaust the stack, and where that happens depends on
 * how much stack the caller has left and how the engine compiled the parser (a warm process and a
 * cold one answered differently). The walk is iterative and counts levels as `scanTree` (yaml.ts) does on
 * the composed tree (the root value is level 1), visiting the last child first as it does, so both
 * name the same place; composing may add a level the syntax tree lacks (a `key: value` pair inside
 * brackets becomes a map), which the check on the composed tree still catches.
 */
export function tooDeepOffset(document: CST.Document, max: number): number | undefined {
  const stack: Array<[CST.Token, number]> = document.value ? [[document.value, 1]] : [];
  while (stack.length) {
    const [token, depth] = stack.pop()!;
    if (depth > max) return token.offset;
    if (token.type !== 'block-map' && token.type !== 'block-seq' && token.type !== 'flow-collection') continue;
    for (const item of token.items) {
      if (item.key && typeof item.key === 'object') stack.push([item.key, depth + 1]);
      if (item.value) stack.push([item.value, depth + 1]);
    }
  }
  return undefined;
}
