import { describe, expect, it } from 'vitest';
import { ByPointCount } from '../../src/layout/candidate-order.js';

const route = (name: string, points: number) => ({ name, points: Array.from({ length: points }, () => 0) });

describe('candidate routes in order of their point count', () => {
  it('yields what a stable sort of all kinds would, making a kind of known size only when reached', () => {
    const made: string[] = [];
    const kind = (name: string, routes: Array<ReturnType<typeof route>>, points?: number) => ({ points, make: () => { made.push(name); return routes; } });
    const kinds = [
      kind('slid', [route('s5', 5), route('s2', 2), route('s4', 4)]),
      kind('half', [route('h5a', 5), route('h5b', 5)], 5),
      kind('direct', [route('d3', 3), route('d2', 2)]),
      kind('loops', [route('l4a', 4), route('l4b', 4)], 4),
    ];
    const all = kinds.flatMap((k) => k.make());
    made.length = 0;
    const sorted = [...all].sort((a, b) => a.points.length - b.points.length).map((r) => r.name);
    const candidates = new ByPointCount(kinds);
    expect(made).toEqual(['slid', 'direct']);
    const firstThree: string[] = [];
    for (const c of candidates) { firstThree.push(c.name); if (firstThree.length === 3) break; }
    expect(firstThree).toEqual(['s2', 'd2', 'd3']);
    expect(made).toEqual(['slid', 'direct']);
    expect([...candidates].map((r) => r.name)).toEqual(sorted);
    // Each kind is made once, however often the candidates are asked for.
    expect([...candidates].map((r) => r.name)).toEqual(sorted);
    expect(made).toEqual(['slid', 'direct', 'loops', 'half']);
  });

  it('refuses a kind whose routes have another size than promised', () => {
    const candidates = new ByPointCount([{ points: 4, make: () => [route('odd', 3)] }]);
    expect(() => [...candidates]).toThrow(/must have 4 points/);
  });
});
