import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { brief, diagnose } from '../support/rules.js';
import { fixture } from '../support/cli.js';

/* Each case: a journey, and the one diagnostic of the rule under test (rule, line, column). Other rules are filtered out. */
const BASE_CHANNELS = 'channels:\n  - { id: web, label: Web }\n';
const cases: Array<{ name: string; rule: string; yaml: string; want: Array<{ line: number; column: number; severity?: string }> }> = [
  {
    name: 'duplicate stage id',
    rule: 'duplicate-id',
    yaml: 'kind: journey\nstages:\n  - id: a\n    steps: [{ label: x }]\n  - id: a\n    steps: [{ label: y }]\n',
    want: [{ line: 5, column: 9 }],
  },
  {
    name: 'duplicate step id, given',
    rule: 'duplicate-id',
    yaml: 'kind: journey\nstages:\n  - id: a\n    steps:\n      - { id: s, label: x }\n      - { id: s, label: y }\n',
    want: [{ line: 6, column: 15 }],
  },
  {
    name: 'generated step id clashes with a given one',
    rule: 'duplicate-id',
    yaml: 'kind: journey\nstages:\n  - id: a\n    steps:\n      - { id: a-2, label: x }\n      - { label: y }\n',
    want: [{ line: 6, column: 9 }],
  },
  {
    name: 'duplicate channel id',
    rule: 'duplicate-id',
    yaml: 'kind: journey\nchannels:\n  - { id: web }\n  - { id: web }\nstages:\n  - id: a\n    steps: [{ label: x, channels: [web] }]\n',
    want: [{ line: 4, column: 11 }],
  },
  {
    name: 'duplicate persona id',
    rule: 'duplicate-id',
    yaml: 'kind: journey\npersonas:\n  - { id: li }\n  - { id: li }\nstages:\n  - id: a\n    steps: [{ label: x }]\n',
    want: [{ line: 4, column: 11 }],
  },
  {
    name: 'unknown channel',
    rule: 'unknown-reference',
    yaml: `kind: journey\n${BASE_CHANNELS}stages:\n  - id: a\n    steps:\n      - { label: x, channels: [web, wbe] }\n`,
    want: [{ line: 7, column: 37 }],
  },
  {
    name: 'unknown persona key in an emotion map',
    rule: 'unknown-reference',
    yaml: 'kind: journey\npersonas: [{ id: li }]\nstages:\n  - id: a\n    steps:\n      - label: x\n        emotion: { li: 3, wang: 2 }\n',
    want: [{ line: 7, column: 27 }],
  },
  {
    name: 'missing flow file',
    rule: 'unknown-reference',
    yaml: 'kind: journey\nstages:\n  - id: a\n    steps:\n      - label: x\n        flow: nope.flow.yaml\n',
    want: [{ line: 6, column: 15 }],
  },
  {
    name: 'flow file leaving the tree',
    rule: 'unknown-reference',
    yaml: 'kind: journey\nstages:\n  - id: a\n    steps:\n      - label: x\n        flow: ../../etc/passwd\n',
    want: [{ line: 6, column: 15 }],
  },
  {
    name: 'empty stage (no steps key)',
    rule: 'empty-stage',
    yaml: 'kind: journey\nstages:\n  - id: a\n    label: A\n  - id: b\n    steps: [{ label: x }]\n',
    want: [{ line: 3, column: 5 }],
  },
  {
    name: 'empty stage (empty list)',
    rule: 'empty-stage',
    yaml: 'kind: journey\nstages:\n  - id: b\n    steps: [{ label: x }]\n  - label: B\n    id: a\n    steps: []\n',
    want: [{ line: 5, column: 5 }],
  },
  {
    name: 'emotion above the default scale (the shared bad case)',
    rule: 'emotion-range',
    yaml: 'kind: journey\ntitle: t\nstages:\n  - id: a\n    label: A\n    steps:\n      - { label: x, emotion: 9 }\n',
    want: [{ line: 7, column: 30 }],
  },
  {
    name: 'emotion in block style, below a custom scale',
    rule: 'emotion-range',
    yaml: 'kind: journey\nscale: { min: -2, max: 2 }\nstages:\n  - id: a\n    steps:\n      - label: x\n        emotion: -3\n',
    want: [{ line: 7, column: 18 }],
  },
  {
    name: 'per-persona emotion out of range',
    rule: 'emotion-range',
    yaml: 'kind: journey\npersonas: [{ id: li }, { id: wang }]\nstages:\n  - id: a\n    steps:\n      - label: x\n        emotion: { li: 3, wang: 0 }\n',
    want: [{ line: 7, column: 33 }],
  },
  {
    name: 'scale that does not run upwards',
    rule: 'emotion-range',
    yaml: 'kind: journey\nscale: { min: 5, max: 1 }\nstages:\n  - id: a\n    steps: [{ label: x, emotion: 3 }]\n',
    want: [{ line: 2, column: 1 }],
  },
  {
    name: 'low emotion without pain',
    rule: 'low-emotion-without-pain',
    yaml: 'kind: journey\nstages:\n  - id: a\n    steps:\n      - { label: x, emotion: 1 }\n      - { label: y, emotion: 1, pains: [slow] }\n      - { label: z, emotion: 2 }\n',
    want: [{ line: 5, column: 30, severity: 'warning' }],
  },
  {
    name: 'step without channel (when a catalogue exists)',
    rule: 'step-without-channel',
    yaml: `kind: journey\n${BASE_CHANNELS}stages:\n  - id: a\n    steps:\n      - { label: x, channels: [web] }\n      - { id: s2, label: y }\n`,
    want: [{ line: 8, column: 15, severity: 'warning' }],
  },
  {
    name: 'stage without KPI',
    rule: 'stage-without-kpi',
    yaml: 'kind: journey\nstages:\n  - id: a\n    kpis: [{ label: k, value: 1 }]\n    steps: [{ label: x }]\n  - id: b\n    steps: [{ label: y }]\n',
    want: [{ line: 6, column: 9, severity: 'warning' }],
  },
  {
    name: 'pain without opportunity',
    rule: 'pain-without-opportunity',
    yaml: 'kind: journey\nstages:\n  - id: a\n    steps:\n      - label: x\n        pains: [slow]\n      - label: y\n        pains: [slow]\n        opportunities: [faster]\n',
    want: [{ line: 6, column: 9, severity: 'warning' }],
  },
];

describe('journey rules', () => {
  const dir = fixture({ 'maps/x.journey.yaml': '', 'maps/p.flow.yaml': 'kind: flow\nnodes: [{ id: a, type: start }]\n' });
  const absPath = path.join(dir, 'maps', 'x.journey.yaml');
  for (const c of cases) {
    it(`${c.rule}: ${c.name}`, () => {
      const got = brief(diagnose(c.yaml, { absPath, root: path.join(dir, 'maps') })).filter((d) => d.rule === c.rule);
      expect(got.map(({ line, column, severity }) => ({ line, column, severity }))).toEqual(c.want.map((w) => ({ severity: 'error', ...w })));
    });
  }

  it('accepts a flow link that exists inside the tree', () => {
    const yaml = 'kind: journey\nstages:\n  - id: a\n    steps:\n      - label: x\n        flow: p.flow.yaml\n';
    expect(diagnose(yaml, { absPath, root: path.join(dir, 'maps') }).filter((d) => d.rule === 'unknown-reference')).toEqual([]);
  });

  it('schema rejects a non-number emotion and an unknown evidence value at their lines', () => {
    const yaml = 'kind: journey\nstages:\n  - id: a\n    steps:\n      - label: x\n        emotion: great\n        evidence: rumour\n';
    const got = brief(diagnose(yaml)).filter((d) => d.rule === 'schema');
    expect(got.map((d) => d.line).sort()).toEqual([6, 7]);
  });

  it('reports warnings only for a complete, clean map', () => {
    const yaml = `kind: journey\n${BASE_CHANNELS}stages:\n  - id: a\n    kpis: [{ label: k, value: 30%, target: 50% }]\n    steps:\n      - { label: x, channels: [web], emotion: 1, pains: [p], opportunities: [o] }\n`;
    expect(diagnose(yaml)).toEqual([]);
  });

  it('warnings do not fail the document unless strict', () => {
    const yaml = 'kind: journey\nstages:\n  - id: a\n    steps: [{ label: x }]\n';
    const d = diagnose(yaml);
    expect(d.every((x) => x.severity === 'warning')).toBe(true);
    expect(d.map((x) => x.rule)).toEqual(['stage-without-kpi']);
  });
});
