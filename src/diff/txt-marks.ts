/**
 * How a plain-text picture shows a diff's marks: a +, - or ~ before a box's first line or an edge's
 * label, and `(was: …)` under a changed label. Kinds draw their own text pictures with these.
 */
import type { DiagramDiff, ElementMark, Mark } from '../kinds/types.js';
import type { Words } from '../model/locale.js';
import { wrapCols } from '../render/txt/canvas.js';

export const SIGN: Record<Mark, '+' | '-' | '~'> = { added: '+', removed: '-', changed: '~' };

/** Width a box label wraps to, in terminal columns. */
export const LABEL_COLS = 24;

/** A diff's marks as a text picture looks them up: by element id, by edge key, and old labels by id. */
export interface TxtMarks {
  node: (id: string) => ElementMark | undefined;
  edge: (key: string) => ElementMark | undefined;
  oldLabel: (id: string) => string | undefined;
}

export function txtMarksOf(d: DiagramDiff): TxtMarks {
  const oldLabel = new Map<string, string>();
  for (const e of d.entries) { const f = e.fields.find((x) => x.field === 'label'); if (f) oldLabel.set(e.id, f.before); }
  return { node: (id) => d.marks.nodes.get(id), edge: (k) => d.marks.edges.get(k), oldLabel: (id) => oldLabel.get(id) };
}

/** A box's lines with the mark's sign before the first. */
export const signed = (m: ElementMark | undefined, lines: string[]): string[] => (m ? [`${SIGN[m.mark]} ${lines[0] ?? ''}`, ...lines.slice(1)] : lines);

/** An edge's label on one line, signed when the edge is marked (the sign alone when it has no label). */
export function edgeLabel(label: string | undefined, m: ElementMark | undefined): string | undefined {
  const text = label?.replace(/\s+/g, ' ');
  if (!m) return text;
  return text ? `${SIGN[m.mark]} ${text}` : SIGN[m.mark];
}

/** `(was: old label)` / `（原为：…）` lines under a changed box; none otherwise. */
export function wasLines(m: ElementMark | undefined, old: string | undefined, w: Words): string[] {
  return m?.mark === 'changed' && old !== undefined ? wrapCols(w.diff.was(old), LABEL_COLS) : [];
}
