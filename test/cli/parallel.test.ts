import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findChromium } from '../../src/render/mermaid-engine.js';
import { parseShard, selectShard } from '../../src/cli/shard.js';
import { fixture, jf, tmpDir } from '../support/cli.js';

const flow = (title: string) => `kind: flow\ntitle: ${title}\nnodes:\n  - { id: s, type: start }\n  - { id: e, type: end }\nedges:\n  - s -> e\n`;

const listAll = (dir: string): string[] => fs.readdirSync(dir, { recursive: true }).map(String).filter((f) => fs.statSync(path.join(dir, f)).isFile()).sort();

describe('parallel and sharded builds', () => {
  // -j 1 and a pool write identical bytes: test/reliability/properties.test.ts builds the examples and
  // generated diagrams of every kind both ways.
  it('shards split the inputs without overlap or loss, stably', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 12; i++) files[`f${i}.flow.yaml`] = flow(`t${i}`);
    const dir = fixture(files);
    const outs: string[][] = [];
    for (const i of [1, 2, 3]) {
      const out = tmpDir();
      expect((await jf(['build', dir, '-o', out, '--shard', `${i}/3`])).code).toBe(0);
      // Each shard's output folder holds its build manifest besides the diagrams.
      outs.push(listAll(out).filter((f) => f !== '.journeyflow-manifest.json'));
    }
    const all = outs.flat().sort();
    expect(all).toEqual(Object.keys(files).map((f) => f.replace('.yaml', '.svg')).sort());
    expect(new Set(all).size).toBe(all.length);
    expect(outs.every((o) => o.length > 0)).toBe(true);
    // Adding a file moves no other file to another shard.
    const before = selectShard(Object.keys(files), (f) => f, { index: 2, count: 3 });
    const after = selectShard([...Object.keys(files), 'new.flow.yaml'], (f) => f, { index: 2, count: 3 });
    expect(after.filter((f) => f !== 'new.flow.yaml')).toEqual(before);
    expect(() => parseShard('4/3')).toThrow(/1 ≤ I ≤ N/);
    expect((await jf(['build', dir, '--shard', '0/2'])).code).toBe(2);
  });

  it('reads defaults from journeyflow.config.yaml found upward, flags winning', async () => {
    const dir = fixture({ 'journeyflow.config.yaml': 'out: rendered\nformats: [svg, mmd]\ntheme: dark\n', 'diagrams/a.flow.yaml': flow('a') });
    const r = await jf(['build', 'diagrams'], { cwd: path.join(dir) });
    expect(r.code, r.stderr).toBe(0);
    expect(fs.readdirSync(path.join(dir, 'rendered')).sort()).toEqual(['.journeyflow-manifest.json', 'a.flow.mmd', 'a.flow.svg']);
    expect(fs.readFileSync(path.join(dir, 'rendered', 'a.flow.svg'), 'utf8')).toContain('#0f172a');
    const r2 = await jf(['build', 'a.flow.yaml', '-f', 'svg', '-t', 'default', '-o', '../flagged'], { cwd: path.join(dir, 'diagrams') });
    expect(r2.code, r2.stderr).toBe(0);
    expect(fs.readdirSync(path.join(dir, 'flagged')).sort()).toEqual(['.journeyflow-manifest.json', 'a.flow.svg']);
    fs.writeFileSync(path.join(dir, 'journeyflow.config.yaml'), 'outt: x\n');
    const bad = await jf(['build', 'diagrams'], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('unknown setting "outt"');
  });

  it('finds Chromium from CHROME_PATH, PUPPETEER_EXECUTABLE_PATH, then known places', () => {
    const exists = (p: string) => ['/opt/chrome', '/usr/bin/chromium'].includes(p);
    expect(findChromium({ CHROME_PATH: '/opt/chrome' }, exists)).toBe('/opt/chrome');
    expect(findChromium({}, exists)).toBe('/usr/bin/chromium');
    expect(() => findChromium({ PUPPETEER_EXECUTABLE_PATH: '/nope' }, exists)).toThrow('PUPPETEER_EXECUTABLE_PATH is set to /nope, which does not exist');
    expect(findChromium({}, () => false)).toBeUndefined();
  });
});
