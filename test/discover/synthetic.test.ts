/*
 * A log generated from a known process (bench/event-log.mjs: a decision, two loops, three lanes,
 * one event in ten done by another lane), seeded: what discover finds must equal what the generator
 * emitted, exactly — and both engines, both file orders and both formats must agree.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { checkSource } from '../../src/compile.js';
import { discoverDfg, type Dfg } from '../../src/discover/index.js';
import { generateLog, PROCESS, toCsv, toXes } from '../../bench/event-log.mjs';
import { fixture, jf } from '../support/cli.js';

const CASES = 600;
const byCase = generateLog({ cases: CASES, seed: 11 });
const shuffled = generateLog({ cases: CASES, seed: 11, order: 'shuffled' });
const tally = byCase.tally;

/** The generator's counts in the graph's terms: `from→to` (an empty side for the start or end) → count. */
function emitted(): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [key, n] of tally.follows as Map<string, number>) out[key.replace('\u0000', '→')] = n;
  for (const [a, n] of tally.starts as Map<string, number>) out[`→${a}`] = n;
  for (const [a, n] of tally.ends as Map<string, number>) out[`${a}→`] = n;
  return out;
}
const found = (dfg: Dfg) => Object.fromEntries(dfg.edges.map((e) => [`${e.from ?? ''}→${e.to ?? ''}`, e.count]));

/** The lane most of an activity's events were done in, from the generator's tally. */
const majority = (votes: Map<string, number>) => [...votes].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0][0];

describe('discover on a log generated from a known process', () => {
  let dir: string;
  const file = (name: string) => path.join(dir, name);
  beforeAll(() => {
    dir = fixture({ 'case.csv': toCsv(byCase), 'shuffled.csv': toCsv(shuffled), 'case.xes': toXes(byCase) });
  });

  it('the generated log has what the test needs: loops, a decision, three lanes, events out of file order', () => {
    expect(tally.follows.get('Request details\u0000Record ticket')).toBeGreaterThan(0);
    expect(tally.follows.get('Customer check\u0000Onsite repair')).toBeGreaterThan(0);
    expect(tally.follows.get('Assess ticket\u0000Remote fix')).toBeGreaterThan(0);
    expect(tally.follows.get('Assess ticket\u0000Dispatch technician')).toBeGreaterThan(0);
    expect(PROCESS.lanes).toHaveLength(3);
    expect(toCsv(shuffled)).not.toBe(toCsv(byCase));
  });

  for (const [engine, name] of [['duckdb', 'case.csv'], ['js', 'case.csv'], ['duckdb', 'shuffled.csv'], ['js', 'shuffled.csv'], ['js', 'case.xes']] as const) {
    it(`finds exactly the pairs, starts, ends, events and lanes the generator emitted (${engine}, ${name})`, async () => {
      const dfg = await discoverDfg({ file: file(name), display: name, engine });
      expect(found(dfg)).toEqual(emitted());
      expect(Object.fromEntries(dfg.activities.map((a) => [a.name, a.events]))).toEqual(Object.fromEntries(tally.activities));
      expect(Object.fromEntries(dfg.activities.map((a) => [a.name, a.lane]))).toEqual(Object.fromEntries([...tally.resources].map(([a, v]) => [a, majority(v)])));
      expect(dfg.cases).toBe(CASES);
      expect(dfg.events).toBe(tally.events);
    });
  }

  it('DuckDB and the JavaScript pass give the same graph, times included, in either file order, with and without end timestamps', async () => {
    for (const name of ['case.csv', 'shuffled.csv']) {
      for (const end of [undefined, 'time:end']) {
        const [duck, js] = await Promise.all(['duckdb', 'js'].map((engine) => discoverDfg({ file: file(name), display: name, engine: engine as 'duckdb' | 'js', columns: { end } })));
        expect(duck, `${name} ${end ?? ''}`).toEqual(js);
        expect(duck.edges.some((e) => e.medianS !== undefined && e.p90S !== undefined)).toBe(true);
      }
    }
  });

  it('writes the same bytes for the same log, whatever its row order, engine or format (XES or CSV)', async () => {
    const outputs: string[] = [];
    for (const [name, extra] of [['case.csv', []], ['case.csv', []], ['shuffled.csv', ['--engine', 'js']], ['case.xes', []]] as const) {
      const r = await jf(['discover', name, ...extra, '-o', '-', '--title', 'After-sales', '-q'], { cwd: dir });
      expect(r.code, r.stderr).toBe(0);
      outputs.push(r.stdout.replace(name, 'LOG'));
    }
    expect(new Set(outputs).size).toBe(1);
    expect(checkSource(outputs[0], { file: 'x.flow.yaml' }).diagnostics).toEqual([]);
  });

  it('--min-frequency and --top-paths keep a legible flow that still builds, and say what they left out', async () => {
    const r = await jf(['discover', 'shuffled.csv', '-o', 'small.flow.yaml', '--min-frequency', '200', '--top-paths', '6', '-q'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const text = fs.readFileSync(file('small.flow.yaml'), 'utf8');
    expect(checkSource(text, { file: 'small.flow.yaml' }).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const flow = YAML.parse(text);
    const rare = [...tally.activities].filter(([, n]) => n < 200).map(([a]) => a);
    expect(rare.length).toBeGreaterThan(0);
    for (const a of rare) expect(flow.nodes.map((n: any) => n.label)).not.toContain(a);
    expect(flow.edges.every((e: any) => e.volume >= 200)).toBe(true);
    // The six heaviest edges are kept, plus what joins every activity to the start and the end.
    const heaviest = [...Object.values(emitted())].filter((n) => n >= 200).sort((a, b) => b - a).slice(0, 6);
    expect(flow.edges.map((e: any) => e.volume).sort((a: number, b: number) => b - a).slice(0, 6)).toEqual(heaviest);
    expect(text).toMatch(/# Filtered by --min-frequency 200 --top-paths 6: \d+ activit(y|ies) and \d+ edges? left out/);
    for (const a of rare) expect(text).toContain(`activity ${JSON.stringify(a)}`);
  });
});
