/*
 * The running example of van der Aalst, Process Mining: Data Science in Action (Table 1.1): six
 * cases of a request-handling process, activities a–h. The expected directly-follows counts below
 * were counted by hand from the six traces (every adjacent pair, once per occurrence; 36 pairs in
 * all, as the traces have 42 events in 6 cases), not computed by the code under test.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { checkSource } from '../../src/compile.js';
import { toXes } from '../../bench/event-log.mjs';
import { fixture, jf } from '../support/cli.js';

const NAMES: Record<string, string> = {
  a: 'register request', b: 'examine thoroughly', c: 'examine casually', d: 'check ticket',
  e: 'decide', f: 'reinitiate request', g: 'pay compensation', h: 'reject request',
};
const TRACES = ['abdeh', 'adceg', 'acdefbdeg', 'adbeh', 'acdefdcefcdeh', 'acdeg'];

// Counted by hand: case 1 ab bd de eh; case 2 ad dc ce eg; case 3 ac cd de ef fb bd de eg; case 4 ad db be eh;
// case 5 ac cd de ef fd dc ce ef fc cd de eh; case 6 ac cd de eg.
const FOLLOWS: Record<string, number> = {
  ab: 1, ac: 3, ad: 2, bd: 2, be: 1, cd: 4, ce: 2, db: 1, dc: 2, de: 6, ef: 3, eg: 3, eh: 3, fb: 1, fc: 1, fd: 1,
};
const STARTS = { a: 6 };
const ENDS = { g: 3, h: 3 };
const EVENTS = { a: 6, b: 3, c: 6, d: 9, e: 9, f: 3, g: 3, h: 3 };

function logRows(): { header: string[]; rows: string[][] } {
  const rows: string[][] = [];
  TRACES.forEach((trace, c) => [...trace].forEach((letter, i) => {
    rows.push([`${c + 1}`, NAMES[letter], new Date(Date.UTC(2010, 11, 30 + c, 9 + i, 7 * c)).toISOString()]);
  }));
  return { header: ['case:concept:name', 'concept:name', 'time:timestamp'], rows };
}

/** The counts of a written flow by activity letter: `ab` → volume, `^a` a start, `h$` an end; node volumes by letter. */
function counts(yamlText: string) {
  const flow = YAML.parse(yamlText);
  const letter = Object.fromEntries(Object.entries(NAMES).map(([l, n]) => [n, l]));
  const byId = new Map<string, string>(flow.nodes.map((n: any) => [n.id, n.type === 'start' ? '^' : n.type === 'end' ? '$' : letter[n.label]]));
  const edges: Record<string, number> = {};
  for (const e of flow.edges) edges[`${byId.get(e.from)}${byId.get(e.to)}`] = e.volume;
  const volumes = Object.fromEntries(flow.nodes.filter((n: any) => !n.type).map((n: any) => [letter[n.label], n.metrics.volume]));
  return { edges, volumes, flow };
}

const expectedEdges = {
  ...FOLLOWS,
  ...Object.fromEntries(Object.entries(STARTS).map(([a, n]) => [`^${a}`, n])),
  ...Object.fromEntries(Object.entries(ENDS).map(([a, n]) => [`${a}$`, n])),
};

describe('discover on the textbook running example (van der Aalst, Table 1.1)', () => {
  let dir: string;
  beforeAll(() => {
    const log = logRows();
    dir = fixture({
      'requests.csv': [log.header, ...log.rows].map((r) => r.join(',')).join('\n') + '\n',
      'requests.xes': toXes(log),
    });
  });

  for (const [name, args] of [['DuckDB', ['requests.csv']], ['the JavaScript pass', ['requests.csv', '--engine', 'js']], ['XES', ['requests.xes']]] as const) {
    it(`finds the book's directly-follows counts, starts, ends and events (${name})`, async () => {
      const out = `${name.replace(/\W/g, '')}.flow.yaml`;
      const r = await jf(['discover', ...args, '-o', out, '-q'], { cwd: dir });
      expect(r.code, r.stderr).toBe(0);
      const text = fs.readFileSync(path.join(dir, out), 'utf8');
      const { edges, volumes, flow } = counts(text);
      expect(edges).toEqual(expectedEdges);
      expect(volumes).toEqual(EVENTS);
      expect(flow.lanes).toBeUndefined(); // the log has no org:resource column
      expect(checkSource(text, { file: out }).diagnostics).toEqual([]);
    });
  }

  it('writes a flow that build draws, every activity a node and every pair an edge', async () => {
    const r = await jf(['build', 'DuckDB.flow.yaml', '-o', 'out'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const svg = fs.readFileSync(path.join(dir, 'out', 'DuckDB.flow.svg'), 'utf8');
    expect(svg.match(/class="jf-node /g)?.length).toBe(8 + 2);
    expect(svg.match(/class="jf-edge"/g)?.length).toBe(Object.keys(expectedEdges).length);
    expect(svg).toContain('check ticket');
  });
});
