/** A flow as plain text: its nodes as boxes in layers, each with its lane, edges with label and volume. */
import { edgeKeys } from '../../diff/common.js';
import { edgeLabel, LABEL_COLS, signed, txtMarksOf, wasLines, type TxtMarks } from '../../diff/txt-marks.js';
import { wrapCols } from '../../render/txt/canvas.js';
import { titled } from '../../render/txt/index.js';
import { drawLayered } from '../../render/txt/layered.js';
import type { DiagramDiff } from '../types.js';
import type { FlowModel } from './model.js';

/** The text picture; with `marks`, the boxes and edge labels of a diff carry their sign. */
export function flowTxt(model: FlowModel, marks?: TxtMarks): string[] {
  const laneLabel = new Map(model.lanes.map((l) => [l.id, l.label]));
  const nodes = model.nodes.map((n) => {
    const m = marks?.node(n.id);
    const lines = signed(m, wrapCols(n.label, LABEL_COLS));
    const lane = n.lane ? wrapCols(`[${laneLabel.get(n.lane) ?? n.lane}]`, LABEL_COLS) : [];
    return { id: n.id, lines: [...lines, ...wasLines(m, marks?.oldLabel(n.id)), ...lane] };
  });
  const keys = edgeKeys(model.edges);
  const edges = model.edges.map((e, i) => ({ from: e.from, to: e.to, label: edgeLabel([e.label, e.volume !== undefined ? `(${e.volume})` : ''].filter(Boolean).join(' ') || undefined, marks?.edge(keys[i])) }));
  return titled(model.title, drawLayered(nodes, edges));
}

export const flowDiffTxt = (d: DiagramDiff<FlowModel>): string[] => flowTxt(d.union, txtMarksOf(d));
