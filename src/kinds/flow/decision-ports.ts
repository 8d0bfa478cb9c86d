import type { LayeredBox, LayeredDirection, LayeredSide } from '../../layout/layered.js';

/*
 * The corners decision branches take in a flow laid out by ELK alone. Left to itself ELK spreads
 * the edges leaving a diamond along its sides, so that branches start on the slanted outline
 * (a quarter of all diamond ends on the examples, bench flows and generated flows without lanes)
 * and two branches leave the same side. Here every edge of a diamond gets a side, chosen from a
 * first layout by where its other end lies: edges in arrive at the corner facing the layers before;
 * branches forward leave by the corner ahead (the one most nearly in line) and the corners across
 * the flow (the ones to either side of it, by their targets' order across the flow); a branch back
 * takes a free corner across the flow on its target's side. ELK, given these corners as fixed
 * ports, then lines the nodes up with them.
 */

export interface PortedEdge { from: string; to: string }

/** Middle of a box along the flow (`along`) and across it. */
function middles(b: LayeredBox, direction: LayeredDirection): { along: number; across: number } {
  const horizontal = direction === 'LR' || direction === 'RL';
  const along = horizontal ? b.x + b.w / 2 : b.y + b.h / 2;
  const reversed = direction === 'BT' || direction === 'RL';
  return { along: reversed ? -along : along, across: horizontal ? b.y + b.h / 2 : b.x + b.w / 2 };
}

/** The sides of a diamond's outgoing edges (indices into `edges`), from its targets' places in the first layout. */
function branchSides(from: { along: number; across: number }, out: ReadonlyArray<{ edge: number; at: { along: number; across: number } }>): Map<number, LayeredSide> {
  const sides = new Map<number, LayeredSide>();
  const forward = out.filter((o) => o.at.along > from.along).sort((a, b) => a.at.across - b.at.across || a.edge - b.edge);
  const back = out.filter((o) => o.at.along <= from.along);
  if (forward.length > 0) {
    // The branch most nearly in line goes ahead (the middle one of three, so that each has its own
    // corner); those before it across the flow leave low, those after high.
    const nearest = forward.reduce((best, o) => (Math.abs(o.at.across - from.across) < Math.abs(best.at.across - from.across) ? o : best));
    const at = forward.length === 3 ? 1 : forward.indexOf(nearest);
    forward.forEach((o, i) => sides.set(o.edge, i < at ? 'low' : i > at ? 'high' : 'ahead'));
  }
  for (const o of back) {
    const taken = new Set(sides.values());
    const facing: LayeredSide = o.at.across < from.across ? 'low' : 'high';
    const other: LayeredSide = facing === 'low' ? 'high' : 'low';
    sides.set(o.edge, !taken.has(facing) || taken.has(other) ? facing : other);
  }
  return sides;
}

/** Sides for the ends of every edge at a diamond (`isDiamond`), from the boxes of a first layout; edges whose nodes are missing keep none. */
export function decisionSides(edges: readonly PortedEdge[], boxes: ReadonlyMap<string, LayeredBox>, isDiamond: (id: string) => boolean, direction: LayeredDirection): Array<{ fromSide?: LayeredSide; toSide?: LayeredSide }> {
  const sides = edges.map(() => ({} as { fromSide?: LayeredSide; toSide?: LayeredSide }));
  const outOf = new Map<string, Array<{ edge: number; at: { along: number; across: number } }>>();
  edges.forEach((e, i) => {
    const a = boxes.get(e.from);
    const b = boxes.get(e.to);
    if (!a || !b || e.from === e.to) return;
    if (isDiamond(e.to) && middles(b, direction).along > middles(a, direction).along) sides[i].toSide = 'behind';
    if (isDiamond(e.from)) (outOf.get(e.from) ?? outOf.set(e.from, []).get(e.from)!).push({ edge: i, at: middles(b, direction) });
  });
  for (const [id, out] of outOf) {
    for (const [edge, side] of branchSides(middles(boxes.get(id)!, direction), out)) sides[edge].fromSide = side;
  }
  return sides;
}
