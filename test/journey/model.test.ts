import { describe, expect, it } from 'vitest';
import { allSteps, scoreFor, scoreFraction } from '../../src/kinds/journey/model.js';
import { modelOf } from './helpers.js';

describe('journey model', () => {
  it('names steps <stage-id>-<n> unless they have an id, and keeps their JSON paths', () => {
    const m = modelOf('kind: journey\nstages:\n  - id: buy\n    steps:\n      - { label: a }\n      - { id: pay, label: b }\n      - { label: c }\n');
    expect(allSteps(m).map((s) => s.id)).toEqual(['buy-1', 'pay', 'buy-3']);
    expect(allSteps(m)[2].path).toEqual(['stages', 0, 'steps', 2]);
    expect(allSteps(m).map((s) => s.generatedId)).toEqual([true, false, true]);
  });

  it('defaults: scale 1..5, labels from ids, lanes = every lane with data in the standard order', () => {
    const m = modelOf('kind: journey\nstages:\n  - id: a\n    kpis: [{ label: k }]\n    steps:\n      - { label: x, emotion: 2, pains: [p] }\n');
    expect(m.scale).toEqual({ min: 1, max: 5 });
    expect(m.stages[0].label).toBe('a');
    expect(m.lanes).toEqual(['steps', 'emotion', 'pains', 'kpis']);
  });

  it('keeps the document lanes in its order', () => {
    const m = modelOf('kind: journey\nlanes: [emotion, steps]\nstages:\n  - id: a\n    steps: [{ label: x }]\n');
    expect(m.lanes).toEqual(['emotion', 'steps']);
  });

  it('reads one persona or several, and per-persona emotion with a shared number as fallback', () => {
    const one = modelOf('kind: journey\npersona: { name: Li, goals: [g] }\nstages:\n  - id: a\n    steps: [{ label: x, emotion: 4 }]\n');
    expect(one.singlePersona).toBe(true);
    expect(one.personas[0]).toMatchObject({ name: 'Li', goals: ['g'], frustrations: [] });
    const many = modelOf('kind: journey\nscale: { min: -2, max: 2 }\npersonas: [{ id: li }, { id: wang, name: Wang }]\nstages:\n  - id: a\n    steps:\n      - { label: x, emotion: { li: -1, wang: 2 } }\n      - { label: y, emotion: 0 }\n');
    const [x, y] = allSteps(many);
    expect(many.singlePersona).toBe(false);
    expect(many.personas.map((p) => p.name)).toEqual(['li', 'Wang']);
    expect(scoreFor(x, 'wang')).toMatchObject({ score: 2, path: ['stages', 0, 'steps', 0, 'emotion', 'wang'] });
    expect(scoreFor(y, 'li')?.score).toBe(0);
    expect(scoreFraction(-1, many.scale)).toBe(0.25);
  });

  it('reads KPIs with string or number figures, volumes, evidence and blueprint rows', () => {
    const m = modelOf('kind: journey\nstages:\n  - id: a\n    volume: 800\n    kpis: [{ label: r, value: 35%, target: 0.5 }]\n    steps:\n      - { label: x, evidence: research, frontstage: [f], backstage: [b], support: [s] }\n');
    expect(m.stages[0].volume).toBe(800);
    expect(m.stages[0].kpis[0]).toMatchObject({ value: '35%', target: 0.5 });
    expect(allSteps(m)[0]).toMatchObject({ evidence: 'research', frontstage: ['f'], backstage: ['b'], support: ['s'] });
  });
});
