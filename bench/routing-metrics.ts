/*
 * Edge-routing quality of flows (and lifecycle maps), measured on the scene (exact geometry, before SVG): gap between
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
import { placeLifecycleCards } from '../src/kinds/lifecycle/layout.js';
import { drawnLifecycle, type LifecycleModel } from '../src/kinds/lifecycle/model.js';
import { START_ID } from '../src/kinds/lifecycle/place.js';
import { lifecycleScene, PAD as LIFECYCLE_PAD } from '../src/kinds/lifecycle/scene.js';
import { flowScene, PAD } from '../src/kinds/flow/scene.js';
import { builtinTheme } from '../src/render/theme-file.js';
import { ARROW_TIP } from '../src/render/svg.js';
import type { Box, Point } from '../src/scene/geometry.js';
import { outlinePolygon } from '../src/scene/outline.js';
import type { ShapeKind } from '../src/scene/shapes.js';
import type { Scene, SceneItem } from '../src/scene/types.js';
// @ts-expect-error: the benchmark's generator is plain JavaScript
import { generateFlow } from './generate.mjs';
import { JOG_LIMIT, measureDrawing, type Direction, type DrawingFigures, type DrawnNode } from './quality-geometry.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DIRECTIONS = ['TB', 'LR', 'BT', 'RL'] as const;
export { JOG_LIMIT };

export interface EdgeMeasure { from: string; to: string; points: Point[]; gap: number; bends: number; jogs: number[]; detour?: number }
export interface FlowMeasure { name: string; edges: EdgeMeasure[]; crossings: number; throughNodes: number; figures: DrawingFigures }

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

const children = (it: SceneItem): SceneItem[] => (it.type === 'group' ? it.children : []);

/** The edges of a scene (groups of class jf-edge, and a lifecycle's start edges): corners and label box. */
function sceneEdges(items: SceneItem[]): Array<{ from?: string; to?: string; points: Point[]; label?: Box }> {
  return items.flatMap((it) => {
    if (it.type !== 'group') return [];
    if (it.className === 'jf-start') return children(it).flatMap((c) => (c.type === 'path' ? [{ points: pathCorners(c.d) }] : []));
    if (it.className !== 'jf-edge' || !it.attrs) return [];
    const line = children(it).find((c) => c.type === 'path') as { d: string };
    const bg = children(it).find((c) => c.type === 'rect' && c.className === 'jf-edge-label-bg') as { x: number; y: number; w: number; h: number } | undefined;
    return [{ from: it.attrs['data-from'], to: it.attrs['data-to'], points: pathCorners(line.d), label: bg && { x: bg.x, y: bg.y, w: bg.w, h: bg.h } }];
  });
}

/**
 * The geometry of a drawn scene, for quality-geometry.ts: edges from the scene, node outlines from
 * their placed boxes and shapes (both in the scene's coordinates), lane bands in listed order.
 */
export function sceneDrawing(scene: Scene, direction: Direction, nodes: ReadonlyArray<{ box: Box; shape: ShapeKind }>, lanes: readonly Box[]) {
  const edges = sceneEdges(scene.items);
  const drawn: DrawnNode[] = nodes.map(({ box, shape }) => { const poly = outlinePolygon(shape, box); return { box, runs: [[...poly, poly[0]]] }; });
  return {
    edges,
    drawing: {
      direction, width: scene.width, height: scene.height, sampled: false, lanes: [...lanes], nodes: drawn,
      edges: edges.map((e) => ({ points: e.points, tip: ARROW_TIP })),
      labels: edges.flatMap((e, i) => (e.label ? [{ box: e.label, edge: i }] : [])),
    },
  };
}

/** Lays a flow out, draws its scene and measures every edge of it. */
export async function measureFlow(name: string, model: FlowModel): Promise<FlowMeasure> {
  const placed = await placeFlow(model);
  const scene = flowScene({ model, env: { theme: builtinTheme('default').theme!, linkFor: () => undefined }, ...placed });
  // The scene shifts the placement by its padding on the left and its title band on top. The canvas
  // can be wider than the drawing (a long title), so the left shift is the padding, not half the spare width.
  const oy = scene.height - placed.placement.height - PAD;
  const shift = (b: Box): Box => ({ x: b.x + PAD, y: b.y + oy, w: b.w, h: b.h });
  const nodes = [...placed.placement.nodes].map(([id, b]) => ({ box: shift(b), shape: placed.content.get(id)!.shape }));
  const { edges, drawing } = sceneDrawing(scene, model.direction, nodes, placed.placement.lanes.map((l) => shift(l.band)));
  const figures = measureDrawing(drawing);
  const measured = figures.edges.map((f, i) => ({ from: edges[i].from!, to: edges[i].to!, points: edges[i].points, gap: f.gap, bends: f.bends, jogs: f.jogs, detour: f.detour }));
  return { name, edges: measured, crossings: figures.crossings, throughNodes: figures.throughNodes, figures };
}

/** Lays a lifecycle map out, draws its scene and measures it; the start marker counts as a node. */
export async function measureLifecycle(model: LifecycleModel): Promise<DrawingFigures> {
  const drawn = drawnLifecycle(model);
  const { cards, placement } = await placeLifecycleCards(drawn);
  const scene = lifecycleScene(drawn, placement, cards, { theme: builtinTheme('default').theme!, linkFor: () => undefined });
  const oy = scene.height - placement.height - LIFECYCLE_PAD;
  const nodes = [...placement.nodes].map(([id, b]) => ({ box: { x: b.x + LIFECYCLE_PAD, y: b.y + oy, w: b.w, h: b.h }, shape: (id === START_ID ? 'ellipse' : 'rounded') as ShapeKind }));
  return measureDrawing(sceneDrawing(scene, drawn.direction, nodes, []).drawing);
}

/** A checked document's model, from YAML text (references resolved from `dir`, the examples unless given). */
export function documentModel(yaml: string, file: string, dir = path.join(ROOT, 'examples')) {
  const doc = checkSource(yaml, { file, absPath: path.join(dir, file), root: dir }).documents[0];
  if (!doc?.ok) throw new Error(`${file} does not check`);
  return doc.model;
}

export function flowModel(yaml: string, file = 'm.flow.yaml'): FlowModel {
  return documentModel(yaml, file) as FlowModel;
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
  const jogs = edges.flatMap((e) => e.jogs);
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
