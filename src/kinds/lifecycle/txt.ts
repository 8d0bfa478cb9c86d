/** A lifecycle as plain text: its states as boxes in layers with count, share and initial/final tags; transitions with label and rate. */
import { edgeKeys } from '../../diff/common.js';
import { edgeLabel, LABEL_COLS, signed, txtMarksOf, wasLines, type TxtMarks } from '../../diff/txt-marks.js';
import { wrapCols } from '../../render/txt/canvas.js';
import { titled } from '../../render/txt/index.js';
import { drawLayered } from '../../render/txt/layered.js';
import type { DiagramDiff } from '../types.js';
import { drawnLifecycle, formatRate, shareOf, type LifecycleModel } from './model.js';
import { groupDigits, wordsOf } from '../../model/locale.js';
import { legendLines } from '../../scene/legend.js';
import { BUILTIN_THEMES } from '../../render/themes.js';
import { lifecycleLegend, stateTag } from './scene.js';

/** The text picture; with `marks`, the boxes and transition labels of a diff carry their sign. */
export function lifecycleTxt(source: LifecycleModel, marks?: TxtMarks): string[] {
  const model = drawnLifecycle(source);
  const words = wordsOf(model.locale);
  const nodes = model.states.map((s) => {
    const m = marks?.node(s.id);
    const lines = signed(m, wrapCols(s.label, LABEL_COLS));
    const share = shareOf(s, model.total);
    const count = s.count !== undefined ? [`${groupDigits(s.count, model.locale)}${share ? ` · ${share}` : ''}`] : [];
    const tags = [s.initial ? words.initial : '', s.final ? words.final : ''].filter(Boolean);
    return { id: s.id, lines: [...lines, ...wasLines(m, marks?.oldLabel(s.id), words), ...count, ...(tags.length ? [stateTag(tags, words)] : [])] };
  });
  const keys = edgeKeys(model.transitions);
  const edges = model.transitions.map((t, i) => ({ from: t.from, to: t.to, label: edgeLabel([t.label, t.rate !== undefined ? formatRate(t.rate) : ''].filter(Boolean).join(' ') || undefined, marks?.edge(keys[i])) }));
  // A text picture draws no swatch, only the keys' words, so any theme will do.
  const legend = model.legend && !marks ? legendLines(words.legend, lifecycleLegend(model, BUILTIN_THEMES.default)) : [];
  return titled(model.title, [...drawLayered(nodes, edges), ...legend]);
}

export const lifecycleDiffTxt = (d: DiagramDiff<LifecycleModel>): string[] => lifecycleTxt(d.union, txtMarksOf(d));
