import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DIRECTIONS, flowModel, measureFlow, variant } from '../../bench/routing-metrics.js';
// @ts-expect-error: the benchmark's generator is plain JavaScript
import { generateFlow } from '../../bench/generate.mjs';

/*
 * The lane router's search over the order inside cells and the loops' gutters (lane-choices.ts),
 * measured on the scene. Before it, the hand-written support-ticket flow (13 nodes, 3 lanes) drew
 * 4 crossings in every direction and the 30-node 4- and 6-lane generated flows LR and RL 2 each.
 * Now the ticket flow draws 1 crossing TB and BT (Mermaid's dagre: 1), 2 LR and RL.
 */
const TICKET_CROSSINGS: Record<string, number> = { TB: 1, BT: 1, LR: 2, RL: 2 };
const flow = (name: string) => fs.readFileSync(path.join(__dirname, '../../bench/flows', `${name}.flow.yaml`), 'utf8');

describe('lane router search for fewer crossings', () => {
  for (const d of DIRECTIONS) {
    it(`support-ticket flow ${d}: at most ${TICKET_CROSSINGS[d]} crossings, none through a node`, async () => {
      const m = await measureFlow(`ticket ${d}`, flowModel(variant(flow('ticket'), d)));
      expect(m.crossings).toBeLessThanOrEqual(TICKET_CROSSINGS[d]);
      expect(m.throughNodes).toBe(0);
    });
  }

  it('order and claim flows keep 0 crossings, none through a node', async () => {
    for (const name of ['order', 'claim']) {
      const m = await measureFlow(name, flowModel(flow(name)));
      expect([name, m.crossings, m.throughNodes]).toEqual([name, 0, 0]);
    }
  });

  for (const lanes of [4, 6]) {
    it(`30-node ${lanes}-lane generated flows LR and RL: at most 1 crossing`, async () => {
      for (const d of ['LR', 'RL']) {
        const m = await measureFlow(`30 ${lanes} ${d}`, flowModel(generateFlow(30, lanes, 1, { direction: d })));
        expect([d, m.crossings]).toEqual([d, Math.min(m.crossings, 1)]);
      }
    });
  }
});
