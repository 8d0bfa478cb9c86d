/**
 * A small layered layout for plain text: boxes in layers top to bottom (longest-path layering after
 * turning back edges around, dummies on long edges, barycentre ordering), edges as orthogonal lines
 * ending in ▼ — or ▲ into the upper box for an edge that goes back up — with their labels beside.
 */
import { layerGraph } from '../../layout/budget.js';
import { Canvas, displayWidth, pad } from './canvas.js';

export interface TxtNode { id: string; lines: string[] }
export interface TxtEdge { from: string; to: string; label?: string }

const GAP = 4;

interface Item { id: string; node?: TxtNode; layer: number; order: number; x: number; w: number }
/** One edge piece between adjacent layers; `up` marks pieces of an edge that really points upwards. */
interface Piece { from: Item; to: Item; up: boolean; label?: string; first: boolean; last: boolean }

function layering(nodes: TxtNode[], edges: TxtEdge[]) {
  const { back, layer } = layerGraph(nodes.map((n) => n.id), edges);
  const dag = edges.map((e, i) => (back.has(i) ? { from: e.to, to: e.from } : { from: e.from, to: e.to }));
  return { dag, back, layer };
}

/** Pushes `v` onto the list of `k` (lists built in one pass keep the order of the pass). */
function push<K, V>(map: Map<K, V[]>, k: K, v: V): void {
  const list = map.get(k);
  if (list) list.push(v); else map.set(k, [v]);
}

/**
 * Most character cells of one picture (about 100 MB of canvas). A denser graph would need a grid
 * quadratic in its size (every long edge a column through every layer it crosses, every bent edge
 * a row): it gets the list form instead.
 */
export const MAX_TXT_CELLS = 2_000_000;

/** The list form of a graph too large to draw: each box, then each edge with its label. */
function listForm(nodes: TxtNode[], edges: TxtEdge[], width: number, height: number): string[] {
  const name = new Map(nodes.map((n) => [n.id, n.lines.join(' ')]));
  return [
    `(a picture of ${width} × ${height} characters, past the limit of ${MAX_TXT_CELLS} cells: boxes and arrows listed instead)`,
    '',
    ...nodes.map((n) => `[${name.get(n.id)}]`),
    '',
    // One line per edge: a label's own line breaks would read as further edges.
    ...edges.map((e) => `${name.get(e.from)} → ${name.get(e.to)}${e.label ? ` : ${e.label.replace(/\s+/g, ' ')}` : ''}`),
  ];
}

/** Boxes in layers, with a dummy item on each layer a long edge crosses, and the edge pieces between. */
function itemsAndPieces(boxes: TxtNode[], edges: TxtEdge[]) {
  const { dag, back, layer } = layering(boxes, edges);
  let layerCount = 1;
  for (const l of layer.values()) layerCount = Math.max(layerCount, l + 1);
  const layers: Item[][] = Array.from({ length: layerCount }, () => []);
  const itemOf = new Map<string, Item>();
  for (const n of boxes) {
    const w = Math.max(...n.lines.map(displayWidth), 1) + 4;
    const it: Item = { id: n.id, node: n, layer: layer.get(n.id)!, order: 0, x: 0, w };
    layers[it.layer].push(it);
    itemOf.set(n.id, it);
  }
  const pieces: Piece[] = [];
  dag.forEach((e, i) => {
    const up = back.has(i);
    let prev = itemOf.get(e.from)!;
    const end = itemOf.get(e.to)!;
    for (let l = prev.layer + 1; l <= end.layer; l++) {
      const next = l === end.layer ? end : { id: `:dummy${i}:${l}`, layer: l, order: 0, x: 0, w: 1 };
      if (next !== end) layers[l].push(next);
      pieces.push({ from: prev, to: next, up, label: edges[i].label, first: l === prev.layer + 1 && prev.node !== undefined, last: next === end });
      prev = next;
    }
  });
  return { layers, pieces };
}

/** Order inside each layer: as listed, then a few barycentre sweeps down and up. */
function orderLayers(layers: Item[][], pieces: Piece[]): void {
  layers.forEach((row) => row.forEach((it, i) => { it.order = i; }));
  const above = new Map<Item, Item[]>();
  const below = new Map<Item, Item[]>();
  for (const p of pieces) { push(above, p.to, p.from); push(below, p.from, p.to); }
  for (let sweep = 0; sweep < 4; sweep++) {
    const down = sweep % 2 === 0;
    const seq = down ? layers.slice(1) : layers.slice(0, -1).reverse();
    for (const row of seq) {
      const bary = new Map(row.map((it) => {
        const ns = (down ? above : below).get(it) ?? [];
        return [it, ns.length ? ns.reduce((s, n) => s + n.order, 0) / ns.length : it.order];
      }));
      row.sort((a, b) => bary.get(a)! - bary.get(b)! || a.order - b.order);
      row.forEach((it, i) => { it.order = i; });
    }
  }
}

/**
 * Ports: a box spreads its pieces over its bottom (outgoing) and top (incoming) border, in the
 * order of the items at their other end; a dummy has one column. Each piece's place in its two
 * lists is kept, so a port costs a lookup, not a search.
 */
function portsOf(pieces: Piece[]) {
  const outs = new Map<Item, Piece[]>();
  const ins = new Map<Item, Piece[]>();
  for (const p of pieces) { push(outs, p.from, p); push(ins, p.to, p); }
  const outAt = new Map<Piece, number>();
  const inAt = new Map<Piece, number>();
  for (const list of outs.values()) list.sort((a, b) => a.to.order - b.to.order).forEach((p, i) => outAt.set(p, i));
  for (const list of ins.values()) list.sort((a, b) => a.from.order - b.from.order).forEach((p, i) => inAt.set(p, i));
  const offset = (it: Item, i: number, k: number) => (it.node ? 1 + Math.floor(((i + 1) * (it.w - 2)) / (k + 1)) : 0);
  const portOut = (p: Piece) => p.from.x + offset(p.from, outAt.get(p)!, outs.get(p.from)!.length);
  const portIn = (p: Piece) => p.to.x + offset(p.to, inAt.get(p)!, ins.get(p.to)!.length);
  return { ins, offset, portOut, portIn };
}

type Ports = ReturnType<typeof portsOf>;

/** x: layer by layer, each item where its top ports line up with the ports feeding them; then shifted to start at 0. */
function placeX(layers: Item[][], { ins, offset, portOut }: Ports): void {
  let minX = Infinity;
  for (const row of layers) {
    let right = -Infinity;
    for (const it of row) {
      const feed = ins.get(it) ?? [];
      const want = feed.length ? Math.round(feed.reduce((sum, p, i) => sum + portOut(p) - offset(it, i, feed.length), 0) / feed.length) : 0;
      it.x = Math.max(right, want);
      right = it.x + it.w + GAP;
      minX = Math.min(minX, it.x);
    }
  }
  for (const row of layers) for (const it of row) it.x -= minX;
}

/** The pieces leaving one layer: those with a horizontal run (nearer pieces first), and those whose label is drawn there. */
interface Band { all: Piece[]; bent: Piece[]; labelled: Piece[]; rows: number }

function bandsOf(layers: Item[][], pieces: Piece[], { portOut, portIn }: Ports): Band[] {
  const byLayer: Piece[][] = layers.map(() => []);
  for (const p of pieces) byLayer[p.from.layer].push(p);
  return byLayer.map((all) => {
    const bent = all.filter((p) => portOut(p) !== portIn(p));
    bent.sort((a, b) => Math.abs(portOut(a) - portIn(a)) - Math.abs(portOut(b) - portIn(b)));
    const labelled = all.filter((p) => p.label && (p.up ? p.first && p.from.node : p.last));
    return { all, bent, labelled, rows: 1 + bent.length + labelled.length + 1 };
  });
}

/** Renders boxes and arrows; every node is named in its box, every label beside its edge. */
export function drawLayered(nodes: TxtNode[], edgesIn: TxtEdge[]): string[] {
  if (!nodes.length) return [];
  const known = new Set(nodes.map((n) => n.id));
  const loops = new Map<string, string[]>();
  const edges: TxtEdge[] = [];
  for (const e of edgesIn) {
    if (!known.has(e.from) || !known.has(e.to)) continue;
    if (e.from === e.to) push(loops, e.from, `↻ ${e.label ?? ''}`.trimEnd());
    else edges.push(e);
  }
  const boxes = nodes.map((n) => ({ ...n, lines: [...n.lines, ...(loops.get(n.id) ?? [])] }));
  const { layers, pieces } = itemsAndPieces(boxes, edges);
  orderLayers(layers, pieces);
  const ports = portsOf(pieces);
  placeX(layers, ports);
  const heights = layers.map((row) => row.reduce((h, it) => Math.max(h, it.node ? it.node.lines.length + 2 : 1), 1));
  const bands = bandsOf(layers, pieces, ports);
  // The canvas's size is known before a cell is drawn: a picture past the limit is listed instead.
  let width = 0;
  for (const row of layers) for (const it of row) width = Math.max(width, it.x + it.w + 1);
  const height = heights.reduce((a, b) => a + b, 0) + bands.slice(0, -1).reduce((a, b) => a + b.rows, 0);
  if (width * height > MAX_TXT_CELLS) return listForm(nodes, edgesIn.filter((e) => known.has(e.from) && known.has(e.to)), width, height);
  const canvas = new Canvas();
  let y = 0;
  for (let l = 0; l < layers.length; l++) {
    for (const it of layers[l]) {
      if (!it.node) { canvas.vline(it.x, y - 1, y + heights[l]); continue; }
      canvas.box(it.x, y, it.w, heights[l]);
      it.node.lines.forEach((line, i) => canvas.text(it.x + 2, y + 1 + i, pad(line, it.w - 4, 'center')));
    }
    y += heights[l];
    if (l === layers.length - 1) break;
    drawBand(canvas, bands[l], y, ports);
    y += bands[l].rows;
  }
  return canvas.toLines();
}

/** The lines, arrow heads and labels of one band of pieces, starting at row y. */
function drawBand(canvas: Canvas, band: Band, y: number, { portOut, portIn }: Ports): void {
  const { bent, labelled, rows } = band;
  const tracks = bent.length;
  // Where each piece runs horizontally: one track row each, nearer pieces first.
  const trackOf = new Map(bent.map((p, i) => [p, y + 1 + i]));
  for (const p of band.all) {
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
  // The lines' columns sorted once: whether a span is free is a binary search.
  const blocked = [...new Set(band.all.map((p) => portIn(p)))].sort((a, b) => a - b);
  const blockedSet = new Set(blocked);
  const free = (a: number, b: number) => {
    if (a < 0) return false;
    let lo = 0;
    let hi = blocked.length;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (blocked[mid] < a) lo = mid + 1; else hi = mid; }
    return lo === blocked.length || blocked[lo] > b;
  };
  const past = blocked[blocked.length - 1] + 2;
  labelled.forEach((p, i) => {
    const ly = y + 1 + tracks + i;
    const c = portIn(p);
    const w = displayWidth(p.label!);
    if (free(c + 2, c + 1 + w)) { canvas.text(c + 2, ly, p.label!); return; }
    if (free(c - 1 - w, c - 2)) { canvas.text(c - 1 - w, ly, p.label!); return; }
    for (let k = c + 1; k < past - 1; k++) if (!blockedSet.has(k)) canvas.text(k, ly, '·');
    canvas.text(past, ly, p.label!);
  });
}
