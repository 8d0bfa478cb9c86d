import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { SourceDocument } from '../load/document.js';
import { MAX_NUMBER, type Limits } from '../load/limits.js';
import { formatCount } from '../model/numbers.js';

/** Element counts and text lengths against the limits, before any costly stage runs. */
export function checkBounds(doc: SourceDocument, counted: readonly string[][], limits: Limits): Diagnostic[] {
  const out: Diagnostic[] = [];
  let total = 0;
  for (const p of counted) {
    let v: unknown = doc.value;
    for (const seg of p) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[seg] : undefined;
    if (Array.isArray(v)) total += v.length;
    if (Array.isArray(v) && v.length > limits.maxElements) {
      out.push(doc.diagnostic(p, 'input-too-large', `${p.join('.')} has ${v.length} entries; the limit is ${limits.maxElements} (raise it with --max-elements)`, 'error', true));
    }
  }
  if (!out.length && total > limits.maxElements * 2) {
    out.push(doc.diagnostic([], 'input-too-large', `the diagram has ${total} elements; the limit is ${limits.maxElements * 2} (raise it with --max-elements)`));
  }
  // Iterative walk: a long text is reported once, at its own node.
  const stack: Array<[unknown, Array<string | number>]> = [[doc.value, []]];
  while (stack.length && out.length < 20) {
    const [v, p] = stack.pop()!;
    const beyond = beyondBound(v, limits);
    if (beyond) out.push(doc.diagnostic(p, 'input-too-large', beyond));
    else if (Array.isArray(v)) v.forEach((x, i) => stack.push([x, [...p, i]]));
    else if (v && typeof v === 'object') for (const [k, x] of Object.entries(v)) stack.push([x, [...p, k]]);
  }
  return out;
}

/** Why one text or number is beyond the limits (rule `input-too-large`), or undefined. */
export function beyondBound(v: unknown, limits: Limits): string | undefined {
  if (typeof v === 'string' && v.length > limits.maxTextLength) return `text of ${v.length} characters; the limit is ${limits.maxTextLength} (raise it with --max-text)`;
  // Past it counts print as "Infinity customers" or in exponent notation, and shares as 0 %.
  if (typeof v === 'number' && !(Math.abs(v) <= MAX_NUMBER)) return `the number ${v} is beyond the limit of ${formatCount(MAX_NUMBER)}; write it in a larger unit (thousands, millions)`;
  return undefined;
}
