/**
 * A small layered layout for plain text: boxes in layers top to bottom (longest-path layering after
 * turning back edges around, dummies on long edges, barycentre ordering), edges as orthogonal lines
 * ending in ▼ — or ▲ into the upper box for an edge that goes back up — with their labels beside.
 */
import { Canvas, displayWidth, pad } from './canvas.js';

export interface TxtNode { id: string; lines: string[] }
export interface TxtEdge { from: string; to: string; label?: string }

const GAP = 4;

interface Item { id: string; node?: TxtNode; layer: number; order: number; x: number; w: number }
/** One edge piece between adjacent layers; `up` marks pieces of an edge that really points upwards. */
interface Piece { from: Item; to: Item; up: boolean; label?: string; first: boolean; last: boolean }

function layering(nodes: TxtNode[], edges: TxtEdge[]) {
  const ids = nodes.map((n) => n.id);
  const out = new Map(ids.map((id) => [id, [] as number[]]));
  edges.forEach((e, i) => out.get(e.from)?.push(i));
  // Depth-first from each node in order: an edge into a node still on the stack goes back up.
  const state = new Map<string, 1 | 2>();
  const back = new Set<number>();
  const visit = (id: string) => {
    state.set(id, 1);
    for (const i of out.get(id) ?? []) {
      const t = edges[i].to;
      if (state.get(t) === 1) back.add(i);
      else if (!state.has(t)) visit(t);
    }
    state.set(id, 2);
  };
  for (const id of ids) if (!state.has(id)) visit(id);
  const dag = edges.map((e, i) => (back.has(i) ? { from: e.to, to: e.from } : { from: e.from, to: e.to }));
  const layer = new Map(ids.map((id) => [id, 0]));
  // Longest path: relax in rounds (the DAG has no cycles, so |V| rounds suffice).
  for (let round = 0; round < ids.length; round++) {
    let moved = false;
    for (const e of dag) if (layer.get(e.to)! < layer.get(e.from)! + 1) { layer.set(e.to, layer.get(e.from)! + 1); moved = true; }
    if (!moved) break;
  }
  return { dag, back, layer };
}

/** Renders boxes and arrows; every node is named in its box, every label beside its edge. */
export function drawLayered(nodes: TxtNode[], edgesIn: TxtEdge[]): string[] {
  if (!nodes.length) return [];
  const known = new Set(nodes.map((n) => n.id));
  const loops = new Map<string, string[]>();
  const edges: TxtEdge[] = [];
  for (const e of edgesIn) {
    if (!known.has(e.from) || !known.has(e.to)) continue;
    if (e.from === e.to) loops.set(e.from, [...(loops.get(e.from) ?? []), `↻ ${e.label ?? ''}`.trimEnd()]);
    else edges.push(e);
  }
  const boxes = nodes.map((n) => ({ ...n, lines: [...n.lines, ...(loops.get(n.id) ?? [])] }));
  const { dag, back, layer } = layering(boxes, edges);
  const layerCount = Math.max(...layer.values()) + 1;
  const layers: Item[][] = Array.from({ length: layerCount }, () => []);
  const itemOf = new Map<string, Item>();
  for (const n of boxes) {
    const w = Math.max(...n.lines.map(displayWidth), 1) + 4;
    const it: Item = { id: n.id, node: n, layer: layer.get(n.id)!, order: 0, x: 0, w };
    layers[it.layer].push(it);
    itemOf.set(n.id, it);
  }
  // Long edges get a dummy per layer they cross.
  const pieces: Piece[] = [];
  dag.forEach((e, i) => {
    const up = back.has(i);
    let prev = itemOf.get(e.from)!;
    const end = itemOf.get(e.to)!;
    for (let l = prev.layer + 1; l <= end.layer; l++) {
      const next = l === end.layer ? end : { id: `:dummy${i}:${l}`, layer: l, order: 0, x: 0, w: 1 };
      if (next !== end) layers[l].push(next);
      const piece = { from: prev, to: next, up, label: edges[i].label, first: l === prev.layer + 1 && prev.node !== undefined, last: next === end };
      pieces.push(piece);
      prev = next;
    }
  });
  // Order: start as listed, then a few barycentre sweeps down and up.
  layers.forEach((row) => row.forEach((it, i) => { it.order = i; }));
  const neighbours = (it: Item, dir: 'up' | 'down'): Item[] => pieces.filter((p) => (dir === 'up' ? p.to === it : p.from === it)).map((p) => (dir === 'up' ? p.from : p.to));
  for (let sweep = 0; sweep < 4; sweep++) {
    const down = sweep % 2 === 0;
    const seq = down ? layers.slice(1) : layers.slice(0, -1).reverse();
    for (const row of seq) {
      const bary = new Map(row.map((it) => {
        const ns = neighbours(it, down ? 'up' : 'down');
        return [it, ns.length ? ns.reduce((s, n) => s + n.order, 0) / ns.length : it.order];
      }));
      row.sort((a, b) => bary.get(a)! - bary.get(b)! || a.order - b.order);
      row.forEach((it, i) => { it.order = i; });
    }
  }
  // Ports: a box spreads its pieces over its bottom (outgoing) and top (incoming) border, in the
  // order of the items at their other end; a dummy has one column.
  const outs = new Map<Item, Piece[]>();
  const ins = new Map<Item, Piece[]>();
  for (const p of pieces) { outs.set(p.from, [...(outs.get(p.from) ?? []), p]); ins.set(p.to, [...(ins.get(p.to) ?? []), p]); }
  for (const list of outs.values()) list.sort((a, b) => a.to.order - b.to.order);
  for (const list of ins.values()) list.sort((a, b) => a.from.order - b.from.order);
  const offset = (it: Item, i: number, k: number) => (it.node ? 1 + Math.floor(((i + 1) * (it.w - 2)) / (k + 1)) : 0);
  const portOut = (p: Piece) => { const list = outs.get(p.from)!; return p.from.x + offset(p.from, list.indexOf(p), list.length); };
  const portIn = (p: Piece) => { const list = ins.get(p.to)!; return p.to.x + offset(p.to, list.indexOf(p), list.length); };
  // x: layer by layer, each item where its top ports line up with the ports feeding them.
  for (const row of layers) {
    let right = -Infinity;
    for (const it of row) {
      const feed = ins.get(it) ?? [];
      const want = feed.length ? Math.round(feed.reduce((sum, p, i) => sum + portOut(p) - offset(it, i, feed.length), 0) / feed.length) : 0;
      it.x = Math.max(right, want);
      right = it.x + it.w + GAP;
    }
  }
  const minX = Math.min(...layers.flat().map((it) => it.x));
  for (const it of layers.flat()) it.x -= minX;

  const canvas = new Canvas();
  let y = 0;
  const heights = layers.map((row) => Math.max(1, ...row.map((it) => (it.node ? it.node.lines.length + 2 : 1))));
  for (let l = 0; l < layerCount; l++) {
    const h = heights[l];
    for (const it of layers[l]) {
      if (!it.node) { canvas.vline(it.x, y - 1, y + h); continue; }
      canvas.box(it.x, y, it.w, h);
      it.node.lines.forEach((line, i) => canvas.text(it.x + 2, y + 1 + i, pad(line, it.w - 4, 'center')));
    }
    y += h;
    if (l === layerCount - 1) break;
    const band = pieces.filter((p) => p.from.layer === l);
    const bent = band.filter((p) => portOut(p) !== portIn(p));
    const labelled = band.filter((p) => p.label && (p.up ? p.first && p.from.node : p.last));
    const tracks = bent.length;
    const rows = 1 + tracks + labelled.length + 1;
    // Where each piece runs horizontally: one track row each, nearer pieces first.
    bent.sort((a, b) => Math.abs(portOut(a) - portIn(a)) - Math.abs(portOut(b) - portIn(b)));
    const trackOf = new Map(bent.map((p, i) => [p, y + 1 + i]));
    for (const p of band) {
      const sx = portOut(p);
      const dx = portIn(p);
      const ty = trackOf.get(p) ?? y;
      const headUp = p.up && p.first && p.from.node !== undefined;
      const headDown = !p.up && p.last;
      // A line joins the box border it leaves (┬ / ┴); an arrow head sits just off the border.
      canvas.vline(sx, headUp ? y : y - 1, ty);
      canvas.hline(sx, dx, ty);
      canvas.vline(dx, ty, headDown ? y + rows - 1 : y + rows);
      // Arrow heads: ▼ into the lower box, or ▲ into the upper box for an edge that goes back.
      if (headUp) canvas.text(sx, y, '▲');
      if (headDown) canvas.text(dx, y + rows - 1, '▼');
    }
    // Labels beside the vertical run next to the arrow head, each on its own row, clear of the other
    // pieces' lines: right of the line, else left of it, else past every line with a dotted leader.
    const blocked = band.map((p) => portIn(p));
    const free = (a: number, b: number) => a >= 0 && !blocked.some((c) => c >= a && c <= b);
    labelled.forEach((p, i) => {
      const ly = y + 1 + tracks + i;
      const c = portIn(p);
      const w = displayWidth(p.label!);
      if (free(c + 2, c + 1 + w)) { canvas.text(c + 2, ly, p.label!); return; }
      if (free(c - 1 - w, c - 2)) { canvas.text(c - 1 - w, ly, p.label!); return; }
      const x = Math.max(...blocked) + 2;
      for (let k = c + 1; k < x - 1; k++) if (!blocked.includes(k)) canvas.text(k, ly, '·');
      canvas.text(x, ly, p.label!);
    });
    y += rows;
  }
  return canvas.toLines();
}
