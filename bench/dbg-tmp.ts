import { flowModel, measureFlow } from './routing-metrics.js';
// @ts-expect-error js
import { generateFlow } from './generate.mjs';
let crossings = 0, over = 0, max = 0, loops = 0, bends = 0, edges = 0;
for (const lanes of [2, 4, 6]) for (const d of ['TB', 'LR']) for (const n of [20, 40, 60, 80, 100, 150, 200]) {
  const m = await measureFlow('x', flowModel(generateFlow(n, lanes, 1, d)));
  crossings += m.crossings;
  for (const e of m.edges) { bends += e.bends; edges++; if (e.detour !== undefined) { loops++; if (e.detour > 1.6) over++; max = Math.max(max, e.detour); } }
}
console.log(JSON.stringify({ crossings, loops, over16: over, max: max.toFixed(2), bends: (bends / edges).toFixed(3) }));
