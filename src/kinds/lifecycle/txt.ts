/** A lifecycle as plain text: its states as boxes in layers with count, share and initial/final tags; transitions with label and rate. */
import { edgeKeys } from '../../diff/common.js';
import { edgeLabel, LABEL_COLS, signed, txtMarksOf, wasLines, type TxtMarks } from '../../diff/txt-marks.js';
import { wrapCols } from '../../render/txt/canvas.js';
import { titled } from '../../render/txt/index.js';
import { drawLayered } from '../../render/txt/layered.js';
import type { DiagramDiff } from '../types.js';
import { formatCount, formatRate, shareOf, type LifecycleModel } from './model.js';

/** The text picture; with `marks`, the boxes and transition labels of a diff carry their sign. */
export function lifecycleTxt(model: LifecycleModel, marks?: TxtMarks): string[] {
  const nodes = model.states.map((s) => {
    const m = marks?.node(s.id);
    const lines = signed(m, wrapCols(s.label, LABEL_COLS));
    const share = shareOf(s, model.total);
    const count = s.count !== undefined ? [`${formatCount(s.count)}${share ? ` · ${share}` : ''}`] : [];
    const tags = [s.initial ? 'initial' : '', s.final ? 'final' : ''].filter(Boolean);
    return { id: s.id, lines: [...lines, ...wasLines(m, marks?.oldLabel(s.id)), ...count, ...(tags.length ? [`(${tags.join(', ')})`] : [])] };
  });
  const keys = edgeKeys(model.transitions);
  const edges = model.transitions.map((t, i) => ({ from: t.from, to: t.to, label: edgeLabel([t.label, t.rate !== undefined ? formatRate(t.rate) : ''].filter(Boolean).join(' ') || undefined, marks?.edge(keys[i])) }));
  return titled(model.title, drawLayered(nodes, edges));
}

export const lifecycleDiffTxt = (d: DiagramDiff<LifecycleModel>): string[] => lifecycleTxt(d.union, txtMarksOf(d));
