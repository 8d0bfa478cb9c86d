import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { flowModel, measureFlow, variant } from '../../bench/routing-metrics.js';
// @ts-expect-error: the benchmark's generator is plain JavaScript
import { generateFlow } from '../../bench/generate.mjs';

/*
 * The search for other corners in a flow without lanes (src/kinds/flow/place-elk.ts) lays the flow
 * out again for each choice. It runs for flows of up to 120 edges, as the lane router's search does;
 * a larger flow is compared with its first layout only (two layouts in all), so that a 200-node flow
 * does not take twice as long.
 */
const layouts = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../src/layout/layered.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/layout/layered.js')>();
  return { ...real, layoutLayered: (...args: Parameters<typeof real.layoutLayered>) => { layouts.count++; return real.layoutLayered(...args); } };
});

describe('the corner search of flows without lanes is bounded', () => {
  it('searches a small flow whose cornered drawing crosses (more than two layouts)', async () => {
    const yaml = fs.readFileSync(path.join(__dirname, '../../bench/flows/onboarding.flow.yaml'), 'utf8');
    layouts.count = 0;
    await measureFlow('onboarding LR', flowModel(variant(yaml, 'LR', true)));
    expect(layouts.count).toBeGreaterThan(2);
  });

  it('lays a flow of more than 120 edges out twice at most', async () => {
    const model = flowModel(generateFlow(200, 0, 1, { direction: 'LR' }));
    expect(model.edges.length).toBeGreaterThan(120);
    layouts.count = 0;
    const m = await measureFlow('200 LR', model);
    expect(layouts.count).toBeLessThanOrEqual(2);
    expect(m.crossings).toBe(0);
  });
});
