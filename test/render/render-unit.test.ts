/**
 * Rendering details in process: theme files (overrides, refused values, size bound, broken YAML),
 * links of subprocesses in the SVG, PNG fonts for characters outside the shipped subset, and the
 * one-line answer of `--engine mermaid` when its browser is missing.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { compile, renderPng } from '../../src/api/index.js';
import { fontsFor } from '../../src/render/png.js';
import { cli, writeTree } from '../support/inprocess.js';

const FLOW = 'kind: flow\nid: f\nnodes:\n  - { id: s, type: start, label: 开始 }\n  - { id: e, type: end, label: 结束 }\nedges:\n  - s -> e\n';
const JOURNEY = 'kind: journey\nid: j\nchannels: [{ id: w }]\npersonas: [{ id: a, name: A }, { id: b, name: B }]\nstages:\n  - id: s\n    kpis: [{ label: k }]\n    steps:\n      - { label: x, channels: [w], emotion: { a: 4, b: 3 } }\n';
const dir = writeTree(fs.mkdtempSync(path.join(os.tmpdir(), 'jf-render-')), {
  'brand.yaml': 'extends: dark\nbackground: "#102030"\nnode: { fill: "url(http://evil.example/x)", stroke: "#abcdef" }\nseries: ["#ff0000", "var(--x)"]\nunknown: "#000000"\n',
  'huge.yaml': `background: "#000000"\n# ${'x'.repeat(300 * 1024)}\n`,
  'good.yaml': 'extends: dark\nbackground: "#102030"\nnode: { stroke: "#abcdef" }\nseries: ["#ff0000"]\n',
  'broken.yaml': 'background: [\n',
  'sub.flow.yaml': FLOW,
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const at = (name: string) => ({ file: name, absPath: path.join(dir, name) });

describe('theme files', () => {
  it('overlays literal colours on the theme it extends and refuses anything that could fetch or is unknown', async () => {
    // The theme schema makes a non-literal colour or an unknown key an error at its line, and nothing is drawn.
    const bad = await compile(`theme: brand.yaml\n${JOURNEY}`, at('j.journey.yaml'));
    expect(bad.diagnostics.map((d) => `${path.basename(d.file)}:${d.line}:${d.column} ${d.rule} ${d.path}`)).toEqual(['brand.yaml:3:15 schema /node/fill', 'brand.yaml:4:21 schema /series/1', 'brand.yaml:5:1 schema /unknown']);
    expect(bad.diagrams).toEqual([]);
    const r = await compile(`theme: good.yaml\n${JOURNEY}`, at('j.journey.yaml'));
    expect(r.diagnostics).toEqual([]);
    const svg = r.diagrams[0].svg;
    expect(svg).toMatch(/<rect class="jf-background"[^>]*fill="#102030"/);
    expect(svg).not.toContain('evil.example');
    expect(svg).not.toContain('var(');
    // The first series colour is overridden, the second keeps dark's own.
    const strokes = [...svg.matchAll(/<path class="jf-emotion"[^>]*stroke="([^"]+)"/g)].map((m) => m[1]);
    expect(strokes[0]).toBe('#ff0000');
    expect(strokes[1]).toMatch(/^#[0-9a-f]{6}$/i);
    const withActivity = FLOW.replace('  - { id: e,', '  - { id: a, label: 处理 }\n  - { id: e,').replace('s -> e', 's -> a -> e');
    const flow = await compile(`theme: good.yaml\n${withActivity}`, at('f.flow.yaml'));
    expect(flow.diagrams[0].svg).toMatch(/<g class="jf-node jf-activity"[^>]*data-id="a"[^>]*>\s*<title>[^<]*<\/title>\s*<rect class="jf-shape"[^>]*stroke="#abcdef"/);
  });

  it('refuses a theme file over 256 KB and one that is not YAML, at the theme field', async () => {
    const big = await compile(`theme: huge.yaml\n${FLOW}`, at('f.flow.yaml'));
    expect(big.diagnostics.map((d) => `${d.line}:${d.column} ${d.rule} ${d.message}`)).toEqual(['1:8 unknown-reference theme "huge.yaml" is larger than 262144 bytes; it is not read']);
    const broken = await compile(`theme: broken.yaml\n${FLOW}`, at('f.flow.yaml'));
    expect(broken.diagrams).toEqual([]);
    // Broken YAML is reported in the theme file itself, at its line, like a diagram's.
    expect(broken.diagnostics.map((d) => `${path.basename(d.file)}:${d.line}:${d.column} ${d.rule}`)).toEqual(['broken.yaml:2:1 yaml-syntax']);
  });
});

describe('links and PNG fonts', () => {
  it('links a subprocess to the SVG of the flow it names', async () => {
    const yaml = FLOW.replace('  - { id: e,', '  - { id: p, type: subprocess, label: 子流程, ref: sub.flow.yaml }\n  - { id: e,').replace('s -> e', 's -> p -> e');
    const r = await compile(yaml, at('main.flow.yaml'));
    expect(r.diagnostics).toEqual([]);
    expect(r.diagrams[0].svg).toMatch(/<a href="sub\.flow\.svg">\s*<g class="jf-node jf-subprocess"[^>]*data-id="p"/);
  });

  it('draws characters outside the shipped subset with the full bundled font', async () => {
    const svg = (text: string) => `<svg xmlns="http://www.w3.org/2000/svg" width="60" height="30" viewBox="0 0 60 30"><text x="4" y="22" font-size="20" fill="#000">${text}</text></svg>`;
    const rare = Buffer.from(await renderPng(svg('龘')));
    const blank = Buffer.from(await renderPng(svg(' ')));
    expect(rare.subarray(1, 4).toString()).toBe('PNG');
    expect([rare.readUInt32BE(16), rare.readUInt32BE(20)]).toEqual([60, 30]);
    // The glyph is drawn (not an empty box or nothing): the image differs from a blank one.
    expect(rare.equals(blank)).toBe(false);
  });

  it('draws a journey map, marks and all (✓ before an opportunity), with the small subset fonts', async () => {
    // A journey once fell back to the 8 MB fonts for its ✓ alone, which made its PNG four times slower.
    const withOpportunity = JOURNEY.replace('emotion: { a: 4, b: 3 } }', 'emotion: { a: 1, b: 3 }, pains: [慢], opportunities: [提醒] }');
    const r = await compile(withOpportunity, at('j.journey.yaml'));
    expect(r.diagnostics).toEqual([]);
    expect(r.diagrams[0].svg).toContain('✓');
    expect(fontsFor(r.diagrams[0].svg).map((f) => path.basename(f))).toEqual(['JourneyflowSansHans-Regular.otf', 'JourneyflowSansHans-Bold.otf']);
  });
});

describe('--engine mermaid without its browser', () => {
  afterEach(() => { vi.unstubAllEnvs(); });
  it('says in one line that the configured Chromium is missing, exit 2, nothing written', async () => {
    vi.stubEnv('CHROME_PATH', path.join(dir, 'no-chromium'));
    const r = await cli(['build', 'sub.flow.yaml', '--engine', 'mermaid', '-o', 'out'], dir);
    expect([r.code, r.stderr]).toEqual([2, `journeyflow: CHROME_PATH is set to ${path.join(dir, 'no-chromium')}, which does not exist; point it at a Chrome/Chromium binary or unset it\n`]);
    expect(fs.existsSync(path.join(dir, 'out'))).toBe(false);
  });
});
