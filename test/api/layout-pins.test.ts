/**
 * Layout through the library (compile): small diagrams of every kind and flow direction, checked
 * for what the direction means (order along it, lanes as bands holding their nodes) and pinned to
 * the exact boxes and edge paths, so any change to a kind's layout shows here.
 */
import { describe, expect, it } from 'vitest';
import { compile } from '../../src/api/index.js';
import { flowYaml, geometry, JOURNEY, lifecycleYaml } from './layout-inputs.js';
import { PINS } from './layout-pins.js';

async function svgOf(yaml: string): Promise<string> {
  const r = await compile(yaml, { file: 'x.yaml' });
  expect(r.diagnostics).toEqual([]);
  return r.diagrams[0].svg;
}

/** Centre of each node's box by id. */
function centres(svg: string): Record<string, [number, number]> {
  const out: Record<string, [number, number]> = {};
  for (const line of geometry(svg)) {
    const m = line.match(/^jf-node (\S+) (rect|polygon) (.*)$/);
    if (!m) continue;
    const nums = [...m[3].matchAll(/(x|y|width|height)=([\d.]+)/g)].reduce<Record<string, number>>((a, x) => ({ ...a, [x[1]]: Number(x[2]) }), {});
    if (m[2] === 'rect') out[m[1]] = [nums.x + nums.width / 2, nums.y + nums.height / 2];
    else { const pts = m[3].replace('points=', '').split(' ').map((p) => p.split(',').map(Number)); out[m[1]] = [(pts[1][0] + pts[3][0]) / 2, (pts[0][1] + pts[2][1]) / 2]; }
  }
  return out;
}

describe('flow layout in every direction', () => {
  const along = { TB: [1, 1], BT: [1, -1], LR: [0, 1], RL: [0, -1] } as const;
  for (const direction of ['TB', 'BT', 'LR', 'RL'] as const) {
    for (const lanes of [false, true]) {
      it(`${direction}${lanes ? ' with lanes' : ''}: start, decision and end follow the direction; boxes and paths as pinned`, async () => {
        const svg = await svgOf(flowYaml(direction, lanes));
        const c = centres(svg);
        const [axis, sign] = along[direction];
        expect(sign * (c.q[axis] - c.s[axis])).toBeGreaterThan(0);
        expect(sign * (c.e[axis] - c.q[axis])).toBeGreaterThan(0);
        if (lanes) {
          // Lanes are bands across the flow: the start and end sit in lane c, the decision in lane k.
          const band = (id: string) => geometry(svg).find((l) => l.startsWith(`jf-lane ${id} `))!.match(/x=([\d.]+) y=([\d.]+) width=([\d.]+) height=([\d.]+)/)!.slice(1).map(Number);
          const across = 1 - axis;
          for (const [node, lane] of [['s', 'c'], ['q', 'k'], ['e', 'c']]) {
            const b = band(lane);
            expect(c[node][across], `${node} in ${lane}`).toBeGreaterThan(b[across]);
            expect(c[node][across], `${node} in ${lane}`).toBeLessThan(b[across] + b[across + 2]);
          }
        }
        expect(geometry(svg)).toEqual(PINS[`flow ${direction}${lanes ? ' lanes' : ''}`]);
      });
    }
  }
});

describe('lifecycle and journey layout', () => {
  it('places lifecycle states along LR and TB, pinned', async () => {
    for (const direction of ['LR', 'TB']) {
      const svg = await svgOf(lifecycleYaml(direction));
      expect(geometry(svg)).toEqual(PINS[`lifecycle ${direction}`]);
    }
    const lr = geometry(await svgOf(lifecycleYaml('LR'))).filter((l) => l.startsWith('jf-node')).map((l) => Number(l.match(/d=M([\d.]+)/)![1]));
    expect(lr).toEqual([...lr].sort((a, b) => a - b));
  });

  it('lays a journey out as stage columns with steps left to right and the curve through the scores', async () => {
    const g = geometry(await svgOf(JOURNEY));
    expect(g).toEqual(PINS.journey);
    const ys = g.find((l) => l.startsWith('emotion '))!.match(/[MC ]([\d.]+),([\d.]+)(?= [A-Z]|$)/g)!.map((p) => Number(p.split(',')[1]));
    // Scores 4, 2, 3: the higher the score, the higher on the page.
    expect(ys[0]).toBeLessThan(ys[2]);
    expect(ys[2]).toBeLessThan(ys[1]);
  });
});
