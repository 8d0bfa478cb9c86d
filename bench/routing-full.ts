/*
 * The routing figures of the 80 generated flows of `npm run bench:quality -- --full` (10–200 nodes ×
 * 0/2/4/6 lanes × 4 directions), measured in process on the scene (no browser, no Mermaid):
 * `npx vite-node bench/routing-full.ts` (`-v`: a row per flow, else only flows with a finding).
 * Forward edges over issue 18's limit: more than two bends within a lane, three across lanes.
 */
import { flowModel, measureFlow } from './routing-metrics.js';
// @ts-expect-error: the benchmark's generator is plain JavaScript
import { generateFlow } from './generate.mjs';

const SIZES = [10, 30, 60, 100, 200];
const LANES = [0, 2, 4, 6];
const DIRECTIONS = ['TB', 'LR', 'BT', 'RL'];
const verbose = process.argv.includes('-v');

const total = { flows: 0, edges: 0, bends: 0, overInLane: 0, overAcross: 0, fourBends: 0, jogs: 0, crossings: 0, throughNodes: 0, labelOverlaps: 0, longestDetour: 0 };
for (const d of DIRECTIONS) for (const l of LANES) for (const n of SIZES) {
  const model = flowModel(generateFlow(n, l, 1, { direction: d }));
  const laneOf = new Map(model.nodes.map((x) => [x.id, x.lane]));
  const m = await measureFlow(`${n} nodes, ${l} lanes, ${d}`, model);
  const inLane = (e: { from: string; to: string }) => laneOf.get(e.from) === laneOf.get(e.to);
  const over = m.edges.filter((e) => e.detour === undefined && e.bends > (inLane(e) ? 2 : 3));
  const jogs = m.edges.reduce((s, e) => s + e.jogs.length, 0);
  const bends = m.edges.reduce((s, e) => s + e.bends, 0);
  const detour = Math.max(0, ...m.edges.flatMap((e) => (e.detour === undefined ? [] : [e.detour])));
  total.flows++;
  total.edges += m.edges.length;
  total.bends += bends;
  total.overInLane += over.filter(inLane).length;
  total.overAcross += over.filter((e) => !inLane(e)).length;
  total.fourBends += m.edges.filter((e) => e.detour === undefined && e.bends >= 4).length;
  total.jogs += jogs;
  total.crossings += m.crossings;
  total.throughNodes += m.throughNodes;
  total.labelOverlaps += m.figures.labelOverlaps;
  total.longestDetour = Math.max(total.longestDetour, detour);
  if (verbose || over.length || jogs || m.throughNodes || m.figures.labelOverlaps) {
    console.log(`${m.name}: bends/edge ${(bends / m.edges.length).toFixed(2)}, crossings ${m.crossings}, through nodes ${m.throughNodes}, label overlaps ${m.figures.labelOverlaps}, jogs ${jogs}, longest detour ${detour.toFixed(2)}×${over.length ? `, over the limit: ${over.map((e) => `${e.from}→${e.to} ${e.bends} bends${inLane(e) ? ' in one lane' : ''}`).join(', ')}` : ''}`);
  }
}
console.log(JSON.stringify({ ...total, bendsPerEdge: Number((total.bends / total.edges).toFixed(3)), longestDetour: Number(total.longestDetour.toFixed(2)) }));
