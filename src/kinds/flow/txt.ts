/** A flow as plain text: its nodes as boxes in layers, each with its lane, edges with label and volume. */
import { edgeKeys } from '../../diff/common.js';
import { edgeLabel, LABEL_COLS, signed, txtMarksOf, wasLines, type TxtMarks } from '../../diff/txt-marks.js';
import { wrapCols } from '../../render/txt/canvas.js';
import { titled } from '../../render/txt/index.js';
import { drawLayered } from '../../render/txt/layered.js';
import type { DiagramDiff } from '../types.js';
import { drawnFlow, type FlowModel } from './model.js';
import { flowFacts } from './measure.js';
import { flowLegend } from './scene.js';
import { legendLines } from '../../scene/legend.js';
import { groupDigits, wordsOf } from '../../model/locale.js';
import { BUILTIN_THEMES } from '../../render/themes.js';

/** The text picture; with `marks`, the boxes and edge labels of a diff carry their sign. */
export function flowTxt(source: FlowModel, marks?: TxtMarks): string[] {
  const model = drawnFlow(source);
  const laneLabel = new Map(model.lanes.map((l) => [l.id, l.label]));
  const words = wordsOf(model.locale);
  const facts = flowFacts(model);
  const nodes = model.nodes.map((n) => {
    const m = marks?.node(n.id);
    const lines = signed(m, wrapCols(n.label, LABEL_COLS));
    const lane = n.lane ? wrapCols(`[${laneLabel.get(n.lane) ?? n.lane}]`, LABEL_COLS) : [];
    const mark = facts.bottlenecks.has(n.id) ? [`▲ ${words.bottleneck}`] : [];
    return { id: n.id, lines: [...lines, ...wasLines(m, marks?.oldLabel(n.id), words), ...mark, ...lane] };
  });
  const keys = edgeKeys(model.edges);
  // The volume in the reader's brackets, as the legend's key writes it: "是（1 100）" / "yes (1,100)".
  const edges = model.edges.map((e, i) => ({ from: e.from, to: e.to, label: edgeLabel(`${e.label ?? ''}${e.volume !== undefined ? words.aside(groupDigits(e.volume, model.locale)) : ''}`.trim() || undefined, marks?.edge(keys[i])) }));
  // A text picture draws no swatch, only the keys' words, so any theme will do.
  const legend = model.legend && !marks ? legendLines(words.legend, flowLegend(model, facts, BUILTIN_THEMES.default)) : [];
  return titled(model.title, [...drawLayered(nodes, edges), ...legend]);
}

export const flowDiffTxt = (d: DiagramDiff<FlowModel>): string[] => flowTxt(d.union, txtMarksOf(d));
