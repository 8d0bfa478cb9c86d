import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { flowModel, variant } from '../../bench/routing-metrics.js';
import { layoutLayered } from '../../src/layout/layered.js';
import { placeFlow } from '../../src/kinds/flow/layout.js';
import { placeWithElk } from '../../src/kinds/flow/place-elk.js';
import { crossingPairs } from '../../src/layout/drawing-score.js';
// @ts-expect-error: the benchmark's generator is plain JavaScript
import { generateFlow } from '../../bench/generate.mjs';

/*
 * The search for other corners in a flow without lanes (src/kinds/flow/place-elk.ts) lays the flow
 * out again for each choice. It runs for flows of up to 120 edges, as the lane router's search does;
 * a larger flow is compared with its first layout only (two layouts in all), so that a 200-node flow
 * does not take twice as long. The layouts are counted through placeWithElk's layout parameter.
 */
async function layoutsOf(yaml: string): Promise<{ count: number; edges: number; crossings: number }> {
  const model = flowModel(yaml);
  const { content, edgeLabels } = await placeFlow(model);
  let count = 0;
  const placement = await placeWithElk(model, content, edgeLabels, (graph) => { count++; return layoutLayered(graph); });
  return { count, edges: model.edges.length, crossings: crossingPairs(placement.edges).length };
}

describe('the corner search of flows without lanes is bounded', () => {
  it('searches a small flow whose cornered drawing crosses (more than two layouts)', async () => {
    const yaml = fs.readFileSync(path.join(__dirname, '../../bench/flows/onboarding.flow.yaml'), 'utf8');
    const { count, crossings } = await layoutsOf(variant(yaml, 'LR', true));
    expect(count).toBeGreaterThan(2);
    expect(crossings).toBe(0);
  });

  it('lays a flow of more than 120 edges out twice at most', async () => {
    const { count, edges } = await layoutsOf(generateFlow(200, 0, 1, { direction: 'LR' }));
    expect(edges).toBeGreaterThan(120);
    expect(count).toBe(2);
  });
});
