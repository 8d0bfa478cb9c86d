import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { checkSource, compile } from '../../src/compile.js';
import { formatDiagnostics } from '../../src/diagnostics/format.js';
import { jf, ROOT, tmpDir } from '../support/cli.js';
import { HOSTILE } from '../support/hostile.js';
import { expectCleanEnd, expectWellFormed, jfCapped, jsonDiagnostics, listFiles } from './helpers.js';

// ---------------------------------------------------------------------------------------------
// Arbitraries shaped by schemas/*.schema.json (every property, its type, enum, pattern and range).
// ---------------------------------------------------------------------------------------------
const text = fc.oneof(
  { weight: 3, arbitrary: fc.string({ maxLength: 24 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 16 }) },
  { weight: 2, arbitrary: fc.constantFrom(...HOSTILE) },
  { weight: 1, arbitrary: fc.constantFrom('客户首次访问店铺', '付款', 'end', 'graph TD', '%%{init: {}}%%', '"]', '-->', ':::x', '\u2028', '') },
);
const textList = fc.array(text, { maxLength: 3 });
const POOL = ['s', 'a', 'b', 'c', 'd', 'e', 'end', 'x_1', 'Y-2'];
const elementId = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...POOL) }, { weight: 1, arbitrary: fc.stringMatching(/^[A-Za-z0-9_][A-Za-z0-9_-]{0,10}$/) });
const docId = fc.stringMatching(/^[a-z0-9][a-z0-9_-]{0,20}$/);
const theme = fc.constantFrom('default', 'dark', 'neutral', 'high-contrast');
const direction = fc.constantFrom('TB', 'LR', 'BT', 'RL');
const finite = (min: number, max: number) => fc.oneof(fc.integer({ min: Math.ceil(min), max: Math.floor(max) }), fc.double({ min, max, noNaN: true, noDefaultInfinity: true }));
const chain = (ids: fc.Arbitrary<string>) => fc.array(ids, { minLength: 2, maxLength: 4 }).map((xs) => xs.join(' -> '));

const flowNode = fc.record({
  id: elementId,
  type: fc.constantFrom('start', 'end', 'activity', 'decision', 'subprocess', 'document', 'data', 'database', 'wait', 'manual'),
  label: text, lane: elementId, description: text, owner: text, pains: textList, opportunities: textList,
  link: fc.webUrl({ validSchemes: ['http', 'https'] }).filter((u) => !/\s/.test(u)),
  ref: fc.constantFrom('missing.flow.yaml', '../x.flow.yaml'),
  metrics: fc.record({ duration: fc.stringMatching(/^\d{1,3}(\.\d)?(s|m|h|d)$/), volume: finite(0, 1e6), conversion: finite(0, 100), satisfaction: finite(1, 5) }, { requiredKeys: [] }),
}, { requiredKeys: ['id'] });

const anyFlow = fc.record({
  kind: fc.constant('flow'), id: docId, title: text, description: text, theme, direction, highlight: fc.constantFrom('bottlenecks', 'none'),
  lanes: fc.array(fc.record({ id: elementId, label: text, description: text }, { requiredKeys: ['id', 'label'] }), { maxLength: 3 }),
  nodes: fc.array(flowNode, { minLength: 1, maxLength: 8 }),
  edges: fc.array(fc.oneof(chain(elementId), fc.record({ from: elementId, to: elementId, label: text, volume: finite(0, 1e5) }, { requiredKeys: ['from', 'to'] })), { maxLength: 10 }),
}, { requiredKeys: ['kind', 'nodes'] });

/** A flow that also passes every semantic rule: start, activities, end, edges only forward. */
const cleanFlow = fc.record({
  n: fc.integer({ min: 1, max: 10 }), labels: fc.array(text, { minLength: 12, maxLength: 12 }), lanes: fc.integer({ min: 0, max: 3 }),
  extra: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 5 }), types: fc.array(fc.constantFrom('activity', 'document', 'data', 'database', 'wait', 'manual', 'subprocess'), { minLength: 12, maxLength: 12 }),
  direction, theme, title: text,
}).map(({ n, labels, lanes, extra, types, direction: dir, theme: th, title }) => {
  const laneIds = Array.from({ length: lanes }, (_, i) => `lane${i}`);
  const ids = ['s', ...Array.from({ length: n }, (_, i) => `n${i}`), 'e'];
  const nodes = ids.map((id, i) => ({ id, type: i === 0 ? 'start' : i === ids.length - 1 ? 'end' : types[i], label: labels[i], ...(lanes ? { lane: laneIds[i % lanes] } : {}) }));
  const edges: unknown[] = [ids.join(' -> ')];
  for (const [a, b] of extra) { const i = a % (ids.length - 1); const j = i + 1 + (b % (ids.length - 1 - i)); edges.push({ from: ids[i], to: ids[j], label: labels[j] }); }
  return { kind: 'flow', title, direction: dir, theme: th, ...(lanes ? { lanes: laneIds.map((id, i) => ({ id, label: labels[i] })) } : {}), nodes, edges };
});

const emotion = fc.oneof(finite(-3, 7), fc.dictionary(elementId, finite(-3, 7), { maxKeys: 3 }));
const step = fc.record({
  id: elementId, label: text, actors: textList, channels: fc.array(elementId, { maxLength: 3 }), emotion, thought: text,
  pains: textList, opportunities: textList, frontstage: textList, backstage: textList, support: textList,
  evidence: fc.constantFrom('research', 'data', 'assumption'), flow: fc.constantFrom('missing.flow.yaml', 'a.flow.yaml'),
}, { requiredKeys: ['label'] });
const figure = fc.oneof(text, finite(-1e6, 1e6));
const stage = fc.record({
  id: elementId, label: text, needs: textList, volume: finite(0, 1e6),
  kpis: fc.array(fc.record({ label: text, value: figure, target: figure }, { requiredKeys: ['label'] }), { maxLength: 2 }),
  steps: fc.array(step, { maxLength: 4 }),
}, { requiredKeys: ['id'] });
const persona = fc.record({ name: text, description: text, goals: textList, frustrations: textList }, { requiredKeys: [] });
const anyJourney = fc.record({
  kind: fc.constant('journey'), id: docId, title: text, description: text, theme, persona,
  personas: fc.array(fc.record({ id: elementId, name: text, description: text, goals: textList, frustrations: textList }, { requiredKeys: ['id'] }), { maxLength: 3 }),
  scale: fc.record({ min: finite(-5, 5), max: finite(-5, 10) }),
  channels: fc.array(fc.record({ id: elementId, label: text }, { requiredKeys: ['id'] }), { maxLength: 4 }),
  stages: fc.array(stage, { minLength: 1, maxLength: 4 }),
  lanes: fc.uniqueArray(fc.constantFrom('needs', 'steps', 'channels', 'emotion', 'thoughts', 'pains', 'opportunities', 'frontstage', 'backstage', 'support', 'kpis'), { maxLength: 11 }),
}, { requiredKeys: ['kind', 'stages'] });

const cleanJourney = fc.record({
  stages: fc.array(fc.array(fc.record({ label: text, score: fc.integer({ min: 1, max: 5 }), pains: textList, channel: fc.nat(2) }), { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 4 }),
  labels: fc.array(text, { minLength: 4, maxLength: 4 }), theme, title: text,
}).map(({ stages, labels, theme: th, title }) => ({
  kind: 'journey', title, theme: th,
  channels: [{ id: 'app', label: labels[0] }, { id: 'store', label: labels[1] }, { id: 'phone', label: labels[2] }],
  stages: stages.map((steps, i) => ({ id: `stage${i}`, label: labels[i % 4], steps: steps.map((s, k) => ({ id: `st${i}-${k}`, label: s.label, emotion: s.score, channels: [['app', 'store', 'phone'][s.channel]], ...(s.pains.length ? { pains: s.pains } : {}) })) })),
}));

const textOrList = fc.oneof(text, textList);
const anyLifecycle = fc.record({
  kind: fc.constant('lifecycle'), id: docId, title: text, description: text, theme, direction,
  states: fc.array(fc.record({ id: elementId, label: text, count: finite(0, 1e6), criteria: textOrList, strategy: textOrList, initial: fc.boolean(), final: fc.boolean(), description: text }, { requiredKeys: ['id'] }), { minLength: 1, maxLength: 8 }),
  transitions: fc.array(fc.oneof(chain(elementId), fc.record({ from: elementId, to: elementId, label: text, rate: fc.oneof(finite(0, 100), fc.integer({ min: 0, max: 100 }).map((n) => `${n}%`)) }, { requiredKeys: ['from', 'to'] })), { maxLength: 10 }),
}, { requiredKeys: ['kind', 'states'] });

const cleanLifecycle = fc.record({ n: fc.integer({ min: 1, max: 8 }), labels: fc.array(text, { minLength: 9, maxLength: 9 }), direction, back: fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 3 }) })
  .map(({ n, labels, direction: dir, back }) => {
    const ids = Array.from({ length: n + 1 }, (_, i) => `s${i}`);
    return {
      kind: 'lifecycle', direction: dir,
      states: ids.map((id, i) => ({ id, label: labels[i], ...(i === 0 ? { initial: true } : {}), ...(i === n ? { final: true } : {}) })),
      transitions: [...(n ? [ids.join(' -> ')] : []), ...back.filter(() => n > 0).map(([a, b]) => ({ from: ids[a % n], to: ids[b % n], rate: `${b % 100}%` }))],
    };
  });

// ---------------------------------------------------------------------------------------------
async function compilesCleanly(doc: unknown, mustBeClean: boolean): Promise<void> {
  const source = stringify(doc);
  const r = await compile(source, { file: 'generated.yaml', limits: { maxTextLength: 100000 } });
  const schema = r.diagnostics.filter((d) => d.rule === 'schema');
  expect(schema, `generator left the schema: ${JSON.stringify(schema).slice(0, 400)}\n${source.slice(0, 800)}`).toEqual([]);
  const errors = r.diagnostics.filter((d) => d.severity === 'error');
  if (mustBeClean) expect(errors, source.slice(0, 800)).toEqual([]);
  if (!errors.length) {
    expect(r.diagrams).toHaveLength(1);
    expect(r.diagrams[0].svg.startsWith('<svg ')).toBe(true);
    expect(r.diagrams[0].svg.trimEnd().endsWith('</svg>')).toBe(true);
    expect(r.diagrams[0].mermaid.length).toBeGreaterThan(0);
  }
}

describe('property: any document valid under the schema compiles without throwing', () => {
  const cases: Array<[string, fc.Arbitrary<unknown>, boolean, number]> = [
    ['flow', anyFlow, false, 30], ['rule-clean flow', cleanFlow, true, 15],
    ['journey', anyJourney, false, 25], ['rule-clean journey', cleanJourney, true, 12],
    ['lifecycle', anyLifecycle, false, 30], ['rule-clean lifecycle', cleanLifecycle, true, 15],
  ];
  for (const [name, arb, clean, numRuns] of cases) {
    it(`${name}: no throw${clean ? ', no error and an SVG' : '; an SVG whenever no rule fails'}`, async () => {
      await fc.assert(fc.asyncProperty(arb, (doc) => compilesCleanly(doc, clean)), { numRuns, seed: 7, endOnFailure: true });
    });
  }
});

// ---------------------------------------------------------------------------------------------
// Mutations of the examples.
// ---------------------------------------------------------------------------------------------
const EXAMPLES = fs.readdirSync(path.join(ROOT, 'examples')).filter((f) => f.endsWith('.yaml')).sort();
const NOISE = [':', '-', '- ', '[', ']', '{', '}', ',', '&a', '*a', '!', '!!binary ', '|', '>', '#', '"', "'", '\t', ' ', '  ', '\n', '%', '@', '`', '? ', '<<: *a', '中', '\u2028', '\u0000', '\ufeff', '---\n', '...\n', '\\'];
const RETYPE = ['[]', '{}', '42', '-1e999', 'null', 'true', '"x"', '*nope', '&a x', '[a, b]', '{a: 1}', '~', '0x1F', '.nan', '|\n  text'];

type Mutation = { op: number; a: number; b: number; pick: number };
const mutation = fc.record({ op: fc.integer({ min: 0, max: 8 }), a: fc.nat(), b: fc.nat(), pick: fc.nat() });

function mutate(source: string, ms: Mutation[]): string {
  let s = source;
  for (const { op, a, b, pick } of ms) {
    const lines = s.split('\n');
    const i = a % Math.max(1, lines.length);
    const j = b % Math.max(1, lines.length);
    switch (op) {
      case 0: lines.splice(i, 1); s = lines.join('\n'); break; // delete a line (a key with its value)
      case 1: lines.splice(i, 0, lines[i] ?? ''); s = lines.join('\n'); break; // duplicate a key
      case 2: { // retype a value
        const m = /^(\s*-?\s*[^:#]+:\s)(.*)$/.exec(lines[i] ?? '');
        if (m) lines[i] = m[1] + RETYPE[pick % RETYPE.length];
        s = lines.join('\n'); break;
      }
      case 3: s = s.slice(0, a % (s.length + 1)); break; // truncate
      case 4: { const at = a % (s.length + 1); s = s.slice(0, at) + NOISE[pick % NOISE.length] + s.slice(at); break; } // random characters
      case 5: lines[i] = ' '.repeat(pick % 5) + (lines[i] ?? ''); s = lines.join('\n'); break; // indentation
      case 6: lines[i] = (lines[i] ?? '').replace(/^\s{1,4}/, ''); s = lines.join('\n'); break; // dedent
      case 7: { // swap the values of two lines
        const x = /^(\s*-?\s*[^:#]+:\s)(.*)$/.exec(lines[i] ?? '');
        const y = /^(\s*-?\s*[^:#]+:\s)(.*)$/.exec(lines[j] ?? '');
        if (x && y) { lines[i] = x[1] + y[2]; lines[j] = y[1] + x[2]; }
        s = lines.join('\n'); break;
      }
      default: { const t = lines[i]; lines[i] = lines[j]; lines[j] = t; s = lines.join('\n'); } // swap two lines
    }
  }
  return s;
}

const mutated = fc.record({ example: fc.constantFrom(...EXAMPLES), ms: fc.array(mutation, { minLength: 1, maxLength: 4 }) })
  .map(({ example, ms }) => ({ example, text: mutate(fs.readFileSync(path.join(ROOT, 'examples', example), 'utf8'), ms) }));

describe('property: mutated examples give diagnostics with a position, never a crash', () => {
  it('in process (checkSource): 150 mutations', () => {
    fc.assert(fc.property(mutated, ({ example, text: source }) => {
      const absPath = path.join(ROOT, 'examples', example);
      const r = checkSource(source, { file: example, absPath, root: path.join(ROOT, 'examples') });
      expectWellFormed(r.diagnostics, source.split('\n').length);
      expect(() => formatDiagnostics(r.diagnostics, 'text', new Map([[example, source]]))).not.toThrow();
    }), { numRuns: 150, seed: 11 });
  });

  it('through the CLI (validate --format json): 20 mutations, exit 0 or 1, no stack trace', async () => {
    const dir = tmpDir('jf-mutants-');
    const samples = fc.sample(mutated, { numRuns: 20, seed: 23 });
    samples.forEach((s, i) => fs.writeFileSync(path.join(dir, `m${i}-${s.example}`), s.text));
    for (const [i, s] of samples.entries()) {
      const file = path.join(dir, `m${i}-${s.example}`);
      const r = await jf(['validate', '--format', 'json', file]);
      expectCleanEnd(r);
      const diags = jsonDiagnostics(r);
      expectWellFormed(diags, s.text.split('\n').length);
      expect(r.code).toBe(diags.some((d) => d.severity === 'error') ? 1 : 0);
    }
    // And the text format of all of them at once.
    const all = await jf(['validate', dir]);
    expectCleanEnd(all);
  });
});

// ---------------------------------------------------------------------------------------------
describe('property: builds are identical with -j 1 and -j 4', () => {
  it('13 files (examples and generated diagrams of every kind), svg + mmd + png', async () => {
    const dir = tmpDir('jf-jobs-');
    const inputs = path.join(dir, 'in');
    fs.mkdirSync(path.join(inputs, 'generated'), { recursive: true });
    for (const f of EXAMPLES) fs.copyFileSync(path.join(ROOT, 'examples', f), path.join(inputs, f));
    const generated = [...fc.sample(cleanFlow, { numRuns: 1, seed: 3 }), ...fc.sample(cleanJourney, { numRuns: 1, seed: 4 }), ...fc.sample(cleanLifecycle, { numRuns: 1, seed: 5 })];
    generated.forEach((doc, i) => fs.writeFileSync(path.join(inputs, 'generated', `g${i}.${(doc as { kind: string }).kind}.yaml`), stringify(doc)));
    const a = await jfCapped(['build', inputs, '-o', path.join(dir, 'j1'), '-f', 'svg,mmd,png', '-j', '1']);
    const b = await jfCapped(['build', inputs, '-o', path.join(dir, 'j4'), '-f', 'svg,mmd,png', '-j', '4']);
    expectCleanEnd(a);
    expectCleanEnd(b);
    expect(a.code, a.stderr).toBe(0);
    const one = listFiles(path.join(dir, 'j1'));
    expect(one.filter((f) => f !== '.journeyflow-manifest.json')).toHaveLength((EXAMPLES.length + 3) * 3);
    expect(listFiles(path.join(dir, 'j4'))).toEqual(one);
    for (const f of one) expect(fs.readFileSync(path.join(dir, 'j1', f)).equals(fs.readFileSync(path.join(dir, 'j4', f))), f).toBe(true);
  });
});
