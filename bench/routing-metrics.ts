/*
 * Edge-routing quality of flows, measured on the scene (exact geometry, before SVG): gap between
 * an edge end and its node's drawn outline, bends per edge, S-shaped jogs, detour of loops back,
 * crossings, edges through nodes. `npx vite-node bench/routing-report.ts` prints the figures on
 * the examples and generated flows; the tests import the same measures.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';
import { checkSource } from '../src/compile.js';
import { placeFlow } from '../src/kinds/flow/layout.js';
import type { FlowModel } from '../src/kinds/flow/model.js';
import { flowScene, PAD } from '../src/kinds/flow/scene.js';
import { builtinTheme } from '../src/render/theme-file.js';
import type { Box, Point } from '../src/scene/geometry.js';
import { distanceToOutline, outlinePolygon } from '../src/scene/outline.js';
import type { SceneItem } from '../src/scene/types.js';
import { countCrossings, segmentCrossesBox } from '../test/support/geometry.js';
// @ts-expect-error: the benchmark's generator is plain JavaScript
import { generateFlow } from './generate.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DIRECTIONS = ['TB', 'LR', 'BT', 'RL'] as const;
/** A lateral offset between two parallel runs of one edge shorter than this is a jog. */
export const JOG_LIMIT = 40;

export interface EdgeMeasure { from: string; to: string; points: Point[]; gap: number; bends: number; jogs: number[]; detour?: number }
export interface FlowMeasure { name: string; edges: EdgeMeasure[]; crossings: number; throughNodes: number }

/** The corners of a drawn edge path (M, L and the corner of every rounded Q), straight runs merged. */
export function pathCorners(d: string): Point[] {
  const pts: Point[] = [];
  for (const [, cmd, args] of d.matchAll(/([MLQ])([^MLQ]*)/g)) {
    const n = args.trim().split(/[ ,]+/).map(Number);
    if (cmd === 'Q') { pts.pop(); pts.push([n[0], n[1]]); } else pts.push([n[0], n[1]]);
  }
  return pts.filter((p, i) => {
    if (i === 0 || i === pts.length - 1) return true;
    const a = pts[i - 1];
    const b = pts[i + 1];
    const cross = (p[0] - a[0]) * (b[1] - p[1]) - (p[1] - a[1]) * (b[0] - p[0]);
    return Math.abs(cross) > 0.01 || Math.hypot(p[0] - a[0], p[1] - a[1]) < 0.01;
  });
}

/** Lateral offsets of S-shapes: a run between two bends whose neighbours run the same way. */
function jogsOf(pts: Point[]): number[] {
  const jogs: number[] = [];
  for (let i = 1; i + 2 < pts.length; i++) {
    const before = [pts[i][0] - pts[i - 1][0], pts[i][1] - pts[i - 1][1]];
    const after = [pts[i + 2][0] - pts[i + 1][0], pts[i + 2][1] - pts[i + 1][1]];
    const sameWay = before[0] * after[0] + before[1] * after[1] > 0 && Math.abs(before[0] * after[1] - before[1] * after[0]) < 0.01;
    if (sameWay) jogs.push(Math.hypot(pts[i + 1][0] - pts[i][0], pts[i + 1][1] - pts[i][1]));
  }
  return jogs;
}

const pathLength = (pts: Point[]) => pts.slice(1).reduce((s, q, i) => s + Math.hypot(q[0] - pts[i][0], q[1] - pts[i][1]), 0);

function edgeGroups(items: SceneItem[]): Array<{ from: string; to: string; d: string }> {
  return items.flatMap((it) => (it.type === 'group' && it.className === 'jf-edge' && it.attrs
    ? [{ from: it.attrs['data-from'], to: it.attrs['data-to'], d: (it.children.find((c) => c.type === 'path') as { d: string }).d }]
    : []));
}

/** Lays a flow out, draws its scene and measures every edge of it. */
export async function measureFlow(name: string, model: FlowModel): Promise<FlowMeasure> {
  const placed = await placeFlow(model);
  const scene = flowScene({ model, env: { theme: builtinTheme('default').theme!, linkFor: () => undefined }, ...placed });
  // The scene shifts the placement by its padding on the left and its title band on top. The canvas
  // can be wider than the drawing (a long title), so the left shift is the padding, not half the spare width.
  const ox = PAD;
  const oy = scene.height - placed.placement.height - PAD;
  const boxes = new Map([...placed.placement.nodes].map(([id, b]) => [id, { x: b.x + ox, y: b.y + oy, w: b.w, h: b.h } as Box]));
  const shapeOf = (id: string) => placed.content.get(id)!.shape;
  const across = model.direction === 'TB' || model.direction === 'BT' ? 1 : 0;
  const sign = model.direction === 'BT' || model.direction === 'RL' ? -1 : 1;
  const centre = (b: Box) => [b.x + b.w / 2, b.y + b.h / 2];
  let throughNodes = 0;
  const edges = edgeGroups(scene.items).map(({ from, to, d }) => {
    const points = pathCorners(d);
    const gap = Math.max(
      distanceToOutline(points[0], outlinePolygon(shapeOf(from), boxes.get(from)!)),
      distanceToOutline(points[points.length - 1], outlinePolygon(shapeOf(to), boxes.get(to)!)),
    );
    for (const [id, b] of boxes) if (id !== from && id !== to && points.slice(1).some((q, k) => segmentCrossesBox(points[k], q, b))) throughNodes++;
    const back = sign * (centre(boxes.get(to)!)[across] - centre(boxes.get(from)!)[across]) < 0;
    const ends = Math.hypot(points[points.length - 1][0] - points[0][0], points[points.length - 1][1] - points[0][1]);
    return { from, to, points, gap, bends: points.length - 2, jogs: jogsOf(points), detour: back && ends > 0 ? pathLength(points) / ends : undefined };
  });
  return { name, edges, crossings: countCrossings(edges.map((e) => e.points)), throughNodes };
}

export function flowModel(yaml: string, file = 'm.flow.yaml'): FlowModel {
  const doc = checkSource(yaml, { file, absPath: path.join(ROOT, 'examples', file), root: path.join(ROOT, 'examples') }).documents[0];
  if (!doc?.ok) throw new Error(`${file} does not check`);
  return doc.model as FlowModel;
}

/** The same flow in another direction, and optionally without its lanes. */
export function variant(yaml: string, direction: string, laneless = false): string {
  const doc = parse(yaml);
  doc.direction = direction;
  if (laneless) {
    delete doc.lanes;
    for (const n of doc.nodes) delete n.lane;
  }
  return stringify(doc);
}

/** Examples and generated flows (lanes and none), in every direction. */
export function corpus(sizes = [20, 40, 80]): Array<{ name: string; yaml: string }> {
  const dir = path.join(ROOT, 'examples');
  const sources = [
    ...fs.readdirSync(dir).filter((f) => f.endsWith('.flow.yaml')).map((f) => ({ name: f.replace('.flow.yaml', ''), yaml: fs.readFileSync(path.join(dir, f), 'utf8') })),
    ...sizes.map((n) => ({ name: `generated-${n}`, yaml: generateFlow(n) as string })),
  ];
  return sources.flatMap((s) => DIRECTIONS.flatMap((d) => [
    { name: `${s.name} ${d}`, yaml: variant(s.yaml, d) },
    { name: `${s.name} ${d} no lanes`, yaml: variant(s.yaml, d, true) },
  ]));
}

export function summary(flows: FlowMeasure[]) {
  const edges = flows.flatMap((f) => f.edges);
  const detours = edges.flatMap((e) => (e.detour === undefined ? [] : [e.detour]));
  const jogs = edges.flatMap((e) => e.jogs).filter((j) => j < JOG_LIMIT);
  return {
    edges: edges.length,
    maxGap: Math.max(...edges.map((e) => e.gap)),
    gapsOver1: edges.filter((e) => e.gap > 1).length,
    bendsPerEdge: edges.reduce((s, e) => s + e.bends, 0) / edges.length,
    jogs: jogs.length,
    loopsBack: detours.length,
    meanDetour: detours.reduce((s, x) => s + x, 0) / (detours.length || 1),
    maxDetour: Math.max(0, ...detours),
    crossings: flows.reduce((s, f) => s + f.crossings, 0),
    throughNodes: flows.reduce((s, f) => s + f.throughNodes, 0),
  };
}
