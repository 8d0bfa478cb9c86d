import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, jf, ROOT, tmpDir } from '../support/cli.js';

const good = `kind: flow
title: 测试
nodes:
  - { id: s, type: start, label: 开始 }
  - { id: e, type: end, label: 结束 }
edges:
  - s -> e
`;

/** The examples built once to svg, png and mmd, shared by the tests that only read the result. */
let examplesBuild: Promise<{ out: string; code: number | null; stderr: string }> | undefined;
const buildExamples = () => (examplesBuild ??= (async () => {
  const out = tmpDir();
  const r = await jf(['build', 'examples', '-o', out, '-f', 'svg,png,mmd']);
  return { out, code: r.code, stderr: r.stderr };
})());

describe('journeyflow build', () => {
  it('builds every example to svg, png and mmd, keeping the folder layout', async () => {
    const { out, ...r } = await buildExamples();
    expect(r.code, r.stderr).toBe(0);
    for (const f of fs.readdirSync(path.join(ROOT, 'examples')).filter((x) => x.endsWith('.yaml'))) {
      for (const ext of ['svg', 'png', 'mmd']) expect(fs.existsSync(path.join(out, f.replace(/\.yaml$/, `.${ext}`))), `${f} ${ext}`).toBe(true);
    }
    const png = fs.readFileSync(path.join(out, 'first-purchase.flow.png'));
    expect(png.subarray(1, 4).toString()).toBe('PNG');
  });

  it('writes beside the input without -o, and keeps sub-folders under -o', async () => {
    const dir = fixture({ 'a.flow.yaml': good, 'sub/b.flow.yaml': good, 'notes.yaml': 'just: data\n' });
    expect((await jf(['build', dir])).code).toBe(0);
    expect(fs.existsSync(path.join(dir, 'a.flow.svg'))).toBe(true);
    expect(fs.existsSync(path.join(dir, 'sub', 'b.flow.svg'))).toBe(true);
    expect(fs.existsSync(path.join(dir, 'notes.svg'))).toBe(false);
    const out = tmpDir();
    expect((await jf(['build', dir, '-o', out])).code).toBe(0);
    expect(fs.existsSync(path.join(out, 'sub', 'b.flow.svg'))).toBe(true);
  });

  it('names outputs of a multi-document file by document id', async () => {
    const dir = fixture({ 'two.yaml': `${good.replace('kind: flow', 'kind: flow\nid: one')}---\n${good.replace('kind: flow', 'kind: flow\nid: two')}` });
    const r = await jf(['build', path.join(dir, 'two.yaml'), '-f', 'svg,mmd']);
    expect(r.code, r.stderr).toBe(0);
    expect(fs.readdirSync(dir).sort()).toEqual(['.journeyflow-manifest.json', 'two.one.mmd', 'two.one.svg', 'two.two.mmd', 'two.two.svg', 'two.yaml']);
  });

  it('is deterministic: the same input gives the same bytes', async () => {
    const a = (await buildExamples()).out;
    const b = tmpDir();
    await jf(['build', 'examples', '-o', b, '-f', 'svg,mmd,png']);
    expect(fs.readdirSync(b).sort()).toEqual(fs.readdirSync(a).sort());
    for (const f of fs.readdirSync(a)) expect(fs.readFileSync(path.join(a, f)).equals(fs.readFileSync(path.join(b, f))), f).toBe(true);
  });

  it('keeps the last good output when a diagram breaks, and still builds the others', async () => {
    const dir = fixture({ 'a.flow.yaml': good, 'b.flow.yaml': good });
    expect((await jf(['build', dir])).code).toBe(0);
    const before = fs.readFileSync(path.join(dir, 'a.flow.svg'), 'utf8');
    fs.writeFileSync(path.join(dir, 'a.flow.yaml'), good.replace('s -> e', 's -> nowhere'));
    fs.writeFileSync(path.join(dir, 'b.flow.yaml'), good.replace('测试', '测试二'));
    const r = await jf(['build', dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('[unknown-reference]');
    expect(fs.readFileSync(path.join(dir, 'a.flow.svg'), 'utf8')).toBe(before);
    expect(fs.readFileSync(path.join(dir, 'b.flow.svg'), 'utf8')).toContain('测试二');
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('reads standard input with - and writes one diagram to standard output with -o -', async () => {
    const svg = await jf(['build', '-', '-o', '-'], { input: good });
    expect(svg.code, svg.stderr).toBe(0);
    expect(svg.stdout).toMatch(/^<svg [^>]*class="jf-diagram jf-flow"/);
    const mmd = await jf(['build', '-', '-o', '-', '-f', 'mmd'], { input: good });
    expect(mmd.stdout).toContain('flowchart TB');
  });

  it('exits 2 with one clear line for bad usage', async () => {
    for (const args of [['build', 'no-such-file.yaml'], ['build', 'examples', '-f', 'gif'], ['build', 'examples', '-s', 'abc'], ['frobnicate'], ['build', 'examples', '-o', '-', '-f', 'svg,png']]) {
      const r = await jf(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it('applies a theme by flag and by a theme file', async () => {
    const dark = await jf(['build', '-', '-o', '-', '-t', 'dark'], { input: good });
    expect(dark.stdout).toContain('fill="#0f172a"');
    const dir = fixture({ 'brand.yaml': 'extends: default\nbackground: "#fffbe6"\nnode: { fill: "#ffffff" }\n', 'a.flow.yaml': good.replace('kind: flow', 'kind: flow\ntheme: brand.yaml') });
    expect((await jf(['build', dir])).code).toBe(0);
    const svg = fs.readFileSync(path.join(dir, 'a.flow.svg'), 'utf8');
    expect(svg).toContain('#fffbe6');
    // A colour that is not a literal is an error at the theme file's line, and nothing is written.
    fs.writeFileSync(path.join(dir, 'brand.yaml'), 'extends: default\nnode: { fill: "var(--x)" }\n');
    fs.rmSync(path.join(dir, 'a.flow.svg'));
    const bad = await jf(['build', dir]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/brand\.yaml:2:15 error \[schema\] "fill" "var\(--x\)" is not valid/);
    expect(fs.existsSync(path.join(dir, 'a.flow.svg'))).toBe(false);
  });

  it('builds a folder of linked diagrams whose every relative link points at a written file', async () => {
    const out = tmpDir();
    expect((await jf(['build', 'examples', '-o', out])).code).toBe(0);
    let links = 0;
    for (const f of fs.readdirSync(out).filter((x) => x.endsWith('.svg'))) {
      for (const [, href] of fs.readFileSync(path.join(out, f), 'utf8').matchAll(/<a href="([^"]+)"/g)) {
        if (/^https?:/.test(href)) continue;
        links++;
        expect(fs.existsSync(path.resolve(out, href)), `${f} → ${href}`).toBe(true);
      }
    }
    // The subprocess of after-sales and the payment steps of both retail journeys.
    expect(links).toBeGreaterThanOrEqual(3);
  });

  it('links a subprocess to the SVG of the flow it refers to', async () => {
    const out = tmpDir();
    await jf(['build', 'examples', '-o', out]);
    const svg = fs.readFileSync(path.join(out, 'after-sales.flow.svg'), 'utf8');
    expect(svg).toContain('<a href="onsite-repair.flow.svg">');
    expect(fs.existsSync(path.join(out, 'onsite-repair.flow.svg'))).toBe(true);
  });
});
