import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkSource } from '../../src/compile.js';
import { formatRate, parseRate, shareOf } from '../../src/kinds/lifecycle/model.js';
import { formatCount } from '../../src/model/numbers.js';
import { readSchema } from '../../src/validate/schema.js';
import { ROOT, SHARED_CASES } from '../support/cli.js';
import { lifecycleModel } from './helpers.js';

describe('lifecycle model', () => {
  it('fills defaults: direction LR, label from id, first state initial, lists from single texts', () => {
    const m = lifecycleModel('kind: lifecycle\nstates:\n  - { id: a, criteria: x, strategy: [p, q] }\n  - { id: b, final: true }\ntransitions:\n  - a -> b\n');
    expect(m.direction).toBe('LR');
    expect(m.states.map((s) => [s.id, s.label, s.initial, s.final])).toEqual([['a', 'a', true, false], ['b', 'b', false, true]]);
    expect(m.states[0].criteria).toEqual(['x']);
    expect(m.states[0].strategy).toEqual(['p', 'q']);
    expect(m.total).toBe(0);
  });
  it('makes only the states marked initial the entries when any is marked', () => {
    const m = lifecycleModel('kind: lifecycle\nstates:\n  - { id: a }\n  - { id: b, initial: true }\n  - { id: z, final: true }\ntransitions:\n  - b -> a -> z\n');
    expect(m.states.filter((s) => s.initial).map((s) => s.id)).toEqual(['b']);
  });
  it('expands chains and keeps each transition origin, label and rate', () => {
    const m = lifecycleModel('kind: lifecycle\nstates:\n  - { id: a }\n  - { id: b }\n  - { id: c, final: true }\ntransitions:\n  - a -> b -> c\n  - { from: b, to: a, label: back, rate: 12% }\n  - { from: a, to: c, rate: 2.5 }\n');
    expect(m.transitions.map((t) => [t.from, t.to, t.label, t.rate])).toEqual([['a', 'b', undefined, undefined], ['b', 'c', undefined, undefined], ['b', 'a', 'back', 12], ['a', 'c', undefined, 2.5]]);
    expect(m.transitions[1].origin).toEqual({ path: ['transitions', 0], chain: { from: { id: 'b', offset: 5 }, to: { id: 'c', offset: 10 } } });
  });
  it('sums the living states into the total, counts final states apart and shows shares to one decimal', () => {
    const m = lifecycleModel('kind: lifecycle\nstates:\n  - { id: a, count: 5000 }\n  - { id: b, count: 1200 }\n  - { id: c, count: 1120, final: true }\n  - { id: d, final: true }\ntransitions:\n  - a -> b -> c\n  - a -> d\n');
    expect([m.total, m.finalTotal]).toEqual([6200, 1120]);
    expect(m.states.map((s) => shareOf(s, m.total))).toEqual(['80.6%', '19.4%', undefined, undefined]);
  });
  it('parses and formats rates and counts the same way on every machine', () => {
    expect([parseRate('12%'), parseRate(' 8.5 % '), parseRate(40), parseRate('x'), parseRate(undefined)]).toEqual([12, 8.5, 40, undefined, undefined]);
    expect([formatRate(12), formatRate(8.25), formatRate(99.99), formatRate(12.345678), formatRate(0)]).toEqual(['12%', '8.25%', '99.99%', '12.35%', '0%']);
    expect([formatCount(0), formatCount(999), formatCount(1200), formatCount(1234567), formatCount(1234.5)]).toEqual(['0', '999', '1,200', '1,234,567', '1,234.5']);
  });
});

describe('lifecycle schema', () => {
  const schema = readSchema('lifecycle');
  it('gives every property a description', () => {
    const missing: string[] = [];
    const walk = (node: unknown, where: string) => {
      if (!node || typeof node !== 'object') return;
      const props = (node as { properties?: Record<string, unknown> }).properties;
      for (const [k, v] of Object.entries(props ?? {})) {
        if (!(v as { description?: string }).description) missing.push(`${where}/${k}`);
      }
      for (const [k, v] of Object.entries(node)) walk(v, `${where}/${k}`);
    };
    walk(schema, '');
    expect(missing).toEqual([]);
  });
  it('accepts every lifecycle example and conformance case without a diagnostic', () => {
    const files = [
      ...fs.readdirSync(path.join(ROOT, 'examples')).filter((f) => f.endsWith('.lifecycle.yaml')).map((f) => path.join(ROOT, 'examples', f)),
      path.join(SHARED_CASES, 'good', 'loyalty.lifecycle.yaml'),
    ];
    expect(files.length).toBeGreaterThanOrEqual(3);
    for (const f of files) {
      const r = checkSource(fs.readFileSync(f, 'utf8'), { file: f, absPath: f });
      expect(r.diagnostics, f).toEqual([]);
      expect(r.documents[0].kind).toBe('lifecycle');
    }
  });
});
