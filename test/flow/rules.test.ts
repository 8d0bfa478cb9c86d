import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { brief, diagnose } from '../support/rules.js';
import { fixture } from '../support/cli.js';

const flow = (body: string) => `kind: flow\n${body}`;
const ok = flow(`nodes:
  - { id: s, type: start }
  - { id: a, label: Work }
  - { id: e, type: end }
edges:
  - s -> a -> e
`);

interface Case { name: string; yaml: string; rule: string; line: number; column: number }

// Each invalid case names the rule and where it must point (line and column of the offending YAML node).
const invalid: Case[] = [
  { name: 'duplicate node id', yaml: flow(`nodes:\n  - { id: s, type: start }\n  - { id: s, type: end }\nedges:\n  - s -> s\n`), rule: 'duplicate-id', line: 4, column: 11 },
  { name: 'duplicate lane id', yaml: flow(`lanes:\n  - { id: x, label: X }\n  - { id: x, label: Y }\nnodes:\n  - { id: s, type: start, lane: x }\n  - { id: e, type: end, lane: x }\nedges:\n  - s -> e\n`), rule: 'duplicate-id', line: 4, column: 11 },
  { name: 'edge target in a chain', yaml: flow(`nodes:\n  - { id: s, type: start }\n  - { id: e, type: end }\nedges:\n  - s -> pay\n`), rule: 'unknown-reference', line: 6, column: 10 },
  { name: 'edge source in an object', yaml: flow(`nodes:\n  - { id: s, type: start }\n  - { id: e, type: end }\nedges:\n  - s -> e\n  - { from: nope, to: e }\n`), rule: 'unknown-reference', line: 7, column: 13 },
  { name: 'unknown lane', yaml: flow(`lanes:\n  - { id: a, label: A }\nnodes:\n  - { id: s, type: start, lane: a }\n  - { id: e, type: end, lane: b }\nedges:\n  - s -> e\n`), rule: 'unknown-reference', line: 6, column: 31 },
  { name: 'missing subprocess file', yaml: flow(`nodes:\n  - { id: s, type: start }\n  - { id: p, type: subprocess, ref: gone.flow.yaml }\n  - { id: e, type: end }\nedges:\n  - s -> p -> e\n`), rule: 'unknown-reference', line: 4, column: 37 },
  { name: 'missing start', yaml: flow(`nodes:\n  - { id: a }\n  - { id: e, type: end }\nedges:\n  - a -> e\n`), rule: 'missing-start', line: 2, column: 1 },
  { name: 'missing end', yaml: flow(`nodes:\n  - { id: s, type: start }\n  - { id: a }\nedges:\n  - s -> a\n`), rule: 'missing-end', line: 2, column: 1 },
  { name: 'unreachable node', yaml: flow(`nodes:\n  - { id: s, type: start }\n  - { id: lost }\n  - { id: e, type: end }\nedges:\n  - s -> e\n  - lost -> e\n`), rule: 'unreachable-node', line: 4, column: 11 },
  { name: 'dead end', yaml: flow(`nodes:\n  - { id: s, type: start }\n  - { id: stuck }\n  - { id: e, type: end }\nedges:\n  - s -> stuck\n  - s -> e\n`), rule: 'dead-end', line: 4, column: 11 },
  { name: 'decision with one branch', yaml: flow(`nodes:\n  - { id: s, type: start }\n  - { id: d, type: decision }\n  - { id: e, type: end }\nedges:\n  - s -> d -> e\n`), rule: 'decision-branches', line: 4, column: 11 },
  { name: 'bad direction', yaml: flow(`direction: UP\nnodes:\n  - { id: s, type: start }\n  - { id: e, type: end }\nedges:\n  - s -> e\n`), rule: 'schema', line: 2, column: 12 },
  { name: 'unknown field', yaml: flow(`nodes:\n  - { id: s, type: start, lable: x }\n  - { id: e, type: end }\nedges:\n  - s -> e\n`), rule: 'schema', line: 3, column: 27 },
  { name: 'bad link scheme', yaml: flow(`nodes:\n  - { id: s, type: start, link: "javascript:alert(1)" }\n  - { id: e, type: end }\nedges:\n  - s -> e\n`), rule: 'schema', line: 3, column: 33 },
  { name: 'satisfaction out of range', yaml: flow(`nodes:\n  - { id: s, type: start, metrics: { satisfaction: 7 } }\n  - { id: e, type: end }\nedges:\n  - s -> e\n`), rule: 'schema', line: 3, column: 52 },
  { name: 'yaml syntax', yaml: flow(`nodes:\n  - { id: s, type: start\n  - x\n`), rule: 'yaml-syntax', line: 4, column: 3 },
];

describe('flow rules', () => {
  it('accepts a valid flow without diagnostics', () => {
    expect(diagnose(ok)).toEqual([]);
  });
  for (const c of invalid) {
    it(`${c.rule}: ${c.name}`, () => {
      const found = brief(diagnose(c.yaml));
      expect(found).toContainEqual({ rule: c.rule, line: c.line, column: c.column, severity: 'error' });
    });
  }
  it('gives a human message for schema errors, with a suggestion for typos', () => {
    const d = diagnose(invalid.find((c) => c.name === 'unknown field')!.yaml);
    expect(d[0].message).toBe('unknown field "lable"; did you mean "label"?');
    const dir = diagnose(invalid.find((c) => c.name === 'bad direction')!.yaml);
    expect(dir[0].message).toBe('"direction" is "UP"; expected one of TB, LR, BT, RL');
  });
  it('suggests the nearest node id for an unknown edge end', () => {
    const d = diagnose(flow(`nodes:\n  - { id: start1, type: start }\n  - { id: e, type: end }\nedges:\n  - strat1 -> e\n`));
    expect(d.find((x) => x.rule === 'unknown-reference')!.message).toContain('did you mean "start1"?');
  });
  it('refuses a ref that leaves the tree, and never reads it', () => {
    const dir = fixture({ 'inner/a.flow.yaml': flow(`nodes:\n  - { id: s, type: start }\n  - { id: p, type: subprocess, ref: ../outside.flow.yaml }\n  - { id: e, type: end }\nedges:\n  - s -> p -> e\n`), 'outside.flow.yaml': 'kind: flow' });
    const file = path.join(dir, 'inner', 'a.flow.yaml');
    const d = diagnose(fs.readFileSync(file, 'utf8'), { absPath: file, root: path.join(dir, 'inner') });
    expect(d.map((x) => [x.rule, x.message])).toContainEqual(['unknown-reference', 'subprocess ref "../outside.flow.yaml" leaves the folder tree being built; it is not read']);
  });
  it('accepts a ref to an existing file inside the tree', () => {
    const dir = fixture({ 'a.flow.yaml': flow(`nodes:\n  - { id: s, type: start }\n  - { id: p, type: subprocess, ref: sub/b.flow.yaml }\n  - { id: e, type: end }\nedges:\n  - s -> p -> e\n`), 'sub/b.flow.yaml': ok });
    const file = path.join(dir, 'a.flow.yaml');
    expect(diagnose(fs.readFileSync(file, 'utf8'), { absPath: file, root: dir })).toEqual([]);
  });
  it('refuses absolute and URL refs', () => {
    for (const ref of ['/etc/passwd', 'file:///etc/passwd', 'http://x/y.yaml']) {
      const d = diagnose(flow(`nodes:\n  - { id: s, type: start }\n  - { id: p, type: subprocess, ref: "${ref}" }\n  - { id: e, type: end }\nedges:\n  - s -> p -> e\n`));
      expect(d.map((x) => x.rule)).toContain('unknown-reference');
    }
  });
  it('reports every problem of a file together', () => {
    const d = diagnose(flow(`nodes:\n  - { id: a }\n  - { id: b }\nedges:\n  - a -> zz\n`));
    expect(new Set(d.map((x) => x.rule))).toEqual(new Set(['unknown-reference', 'missing-start', 'missing-end', 'dead-end']));
  });
});
