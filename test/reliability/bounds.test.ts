import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, tokenBound } from '../../src/load/limits.js';
import { MAX_PNG_PIXELS, pngZoom } from '../../src/render/png.js';
import { jf, tmpDir } from '../support/cli.js';
import { chainFlow, expectCleanEnd, expectWellFormed, jfCapped, jsonDiagnostics, listFiles, type Run } from './helpers.js';

// Every hostile file here is run through `validate` and `build` under a 512 MB heap: each run must
// end by itself (not killed, not out of memory), exit 0 or 1, point at a line, never print a stack
// trace, and a refused file must be refused before any output is made of it. How long that takes is
// measured by `npm run bench`, not here.

const dir = tmpDir('jf-bounds-');
const write = (name: string, text: string): string => { const f = path.join(dir, name); fs.writeFileSync(f, text); return f; };

const billionLaughs = (): string => {
  const lines = ['kind: flow', 'a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  for (let i = 1; i < 10; i++) lines.push(`a${i}: &a${i} [${Array(9).fill(`*a${i - 1}`).join(',')}]`);
  lines.push('nodes: [{id: s, type: start, label: *a9}, {id: e, type: end}]', 'edges: [s -> e]');
  return lines.join('\n') + '\n';
};
// The same bomb through merge keys and nested maps instead of sequences.
const mergeBomb = (): string => {
  const lines = ['kind: flow', 'm0: &m0 {a: 1, b: 2, c: 3}'];
  for (let i = 1; i < 12; i++) lines.push(`m${i}: &m${i} {${Array.from({ length: 8 }, (_, k) => `k${k}: *m${i - 1}`).join(', ')}}`);
  lines.push('nodes: [{id: s, type: start}, {id: e, type: end}]', 'edges: [s -> e]');
  return lines.join('\n') + '\n';
};
const blockMapsDeep = (levels: number): string => {
  let s = 'kind: flow\nnodes:\n  - id: s\n    metrics:\n';
  for (let i = 0; i < levels; i++) s += `${' '.repeat(6 + i)}k${i}:\n`;
  return s + `${' '.repeat(6 + levels)}v\n`;
};

const CASES: Array<{ name: string; text: () => string; rule: string; line?: number }> = [
  { name: 'billion-laughs.flow.yaml', text: billionLaughs, rule: 'input-too-large' },
  { name: 'merge-bomb.flow.yaml', text: mergeBomb, rule: 'input-too-large' },
  { name: 'deep-flow-seq.flow.yaml', text: () => `kind: flow\nnodes: ${'['.repeat(100000)}${']'.repeat(100000)}\n`, rule: 'input-too-large', line: 2 },
  { name: 'deep-flow-map.flow.yaml', text: () => `kind: flow\nnodes: ${'{a: '.repeat(20000)}1${'}'.repeat(20000)}\n`, rule: 'input-too-large', line: 2 },
  { name: 'deep-flow-unclosed.flow.yaml', text: () => `kind: flow\nnodes: ${'['.repeat(200000)}\n`, rule: 'input-too-large', line: 2 },
  { name: 'deep-block-seq.flow.yaml', text: () => `kind: flow\nnodes:\n  ${'- '.repeat(20000)}x\n`, rule: 'input-too-large', line: 3 },
  { name: 'deep-block-map.flow.yaml', text: () => blockMapsDeep(1500), rule: 'input-too-large' },
  { name: 'just-over-depth.flow.yaml', text: () => blockMapsDeep(60), rule: 'input-too-large' },
  { name: 'twenty-mb.flow.yaml', text: () => `kind: flow\nnodes:\n${'  - { id: n, label: "0123456789012345678901234567890123456789" }\n'.repeat(20 * 1024 * 1024 / 60)}`, rule: 'input-too-large', line: 1 },
  { name: 'long-labels.flow.yaml', text: () => chainFlow(3, () => 'x'.repeat(10000)), rule: 'input-too-large', line: 5 },
  { name: 'long-cjk-labels.flow.yaml', text: () => chainFlow(3, () => '中文标签'.repeat(2500)), rule: 'input-too-large', line: 5 },
  { name: 'fifty-thousand-nodes.flow.yaml', text: () => chainFlow(50000), rule: 'input-too-large' },
  { name: 'fifty-thousand-edges.flow.yaml', text: () => `kind: flow\nnodes: [{id: s, type: start}, {id: e, type: end}]\nedges:\n${'  - s -> e\n'.repeat(50000)}`, rule: 'input-too-large' },
  // Dense tokens: 2 MB of `a,` would need about a gigabyte of parse tree.
  { name: 'dense-tokens.flow.yaml', text: () => `kind: flow\nnodes: [${'a,'.repeat(1000000)}]\n`, rule: 'input-too-large' },
  // A million syntax errors.
  { name: 'garbage.flow.yaml', text: () => `kind: flow\n${'x: [\n'.repeat(800000)}`, rule: 'input-too-large' },
  // Below every bound but costly for quadratic code: 30 000 keys in one map, 20 000 duplicate keys, 40 000 garbage lines.
  { name: 'wide-map.flow.yaml', text: () => `kind: flow\n${Array.from({ length: 30000 }, (_, i) => `k${i}: ${i}\n`).join('')}`, rule: 'schema' },
  { name: 'duplicate-keys.flow.yaml', text: () => `kind: flow\n${'a: 1\n'.repeat(20000)}`, rule: 'yaml-syntax', line: 3 },
  { name: 'many-errors.flow.yaml', text: () => `kind: flow\n${'x: [\n'.repeat(40000)}`, rule: 'yaml-syntax' },
];

const jsonRun = (cmd: 'validate' | 'build', file: string, extra: string[] = []): Promise<Run> =>
  jfCapped(cmd === 'validate' ? ['validate', '--format', 'json', file, ...extra] : ['build', '--format', 'json', '-o', path.join(dir, 'out'), file, ...extra]);

describe('resource bounds: hostile sizes end by themselves, in bounded memory, with a diagnostic', () => {
  for (const c of CASES) {
    it(`${c.name}: ${c.rule}`, async () => {
      const file = write(c.name, c.text());
      const lines = fs.readFileSync(file, 'utf8').split('\n').length;
      // validate and build run in processes of their own under the heap cap; the text format's code
      // frame (what this run checks) is the same in this process, whose compiler is already warm.
      const [validated, built, text] = await Promise.all([jsonRun('validate', file), jsonRun('build', file), jf(['validate', c.name], { cwd: dir }).then((r) => ({ ...r, signal: null }))]);
      for (const [cmd, r] of [['validate', validated], ['build', built]] as const) {
        expectCleanEnd(r);
        expect(r.code, `${cmd}: ${r.stdout.slice(0, 500)}`).toBe(1);
        const diags = jsonDiagnostics(r);
        expectWellFormed(diags, lines);
        const hit = diags.find((d) => d.rule === c.rule);
        expect(hit, `${cmd} ${c.name}: ${JSON.stringify(diags).slice(0, 500)}`).toBeDefined();
        if (c.line) expect(hit!.line).toBe(c.line);
        // Bounded output too: a few dozen diagnostics, not one per garbage line.
        expect(diags.length).toBeLessThan(300);
        expect(r.stdout.length + r.stderr.length).toBeLessThan(200000);
      }
      // Refused, not drawn: build made nothing of it.
      expect(listFiles(path.join(dir, 'out')).filter((f) => f.startsWith(c.name.replace(/\.yaml$/, '.')))).toEqual([]);
      // The text format prints a code frame of bounded size even for a 100 000-character line.
      expectCleanEnd(text);
      expect(text.stdout.length).toBeLessThan(200000);
      expect(text.stdout).toMatch(new RegExp(`^${c.name.replace(/\./g, '\\.')}:\\d+:\\d+ error \\[${c.rule}\\]`, 'm'));
    });
  }

  it('a 20 MB file on standard input is refused the same way', async () => {
    const r = await jfCapped(['validate', '--format', 'json', '-'], { input: `kind: flow\n# ${'y'.repeat(20 * 1024 * 1024)}\n` });
    expectCleanEnd(r);
    expect(r.code).toBe(1);
    expect(jsonDiagnostics(r)).toMatchObject([{ rule: 'input-too-large', line: 1, column: 1 }]);
  });

  it('a valid flow of 5 000 nodes in a row validates and builds (svg, mmd) within the bounds', async () => {
    const file = write('five-thousand.flow.yaml', chainFlow(5000));
    const out = path.join(dir, 'five');
    const [v, b] = await Promise.all([jfCapped(['validate', '--format', 'json', file]), jfCapped(['build', file, '-o', out, '-f', 'svg,mmd'])]);
    expectCleanEnd(v);
    expect(jsonDiagnostics(v).filter((d) => d.severity === 'error')).toEqual([]);
    expect(v.code).toBe(0);
    expectCleanEnd(b);
    expect(b.code, b.stderr).toBe(0);
    const svg = fs.readFileSync(path.join(out, 'five-thousand.flow.svg'), 'utf8');
    expect(svg.endsWith('</svg>\n')).toBe(true);
    expect(svg.match(/class="jf-node /g)?.length).toBe(5002);
    expect(fs.readFileSync(path.join(out, 'five-thousand.flow.mmd'), 'utf8')).toContain('n4999');
  });

  it('a PNG of a huge diagram is drawn at a zoom that keeps it within the pixel bound', () => {
    const svg = (w: number, h: number) => `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}">`;
    expect(pngZoom(svg(800, 600), 2)).toBe(2);
    const z = pngZoom(svg(158, 460184), 2);
    expect(z).toBeLessThan(1);
    expect(158 * 460184 * z * z).toBeLessThanOrEqual(MAX_PNG_PIXELS * 1.0001);
  });
});

describe('resource bounds are adjustable by flag', () => {
  const check = async (name: string, text: string, refusedWith: string[], acceptedWith: string[], message: RegExp) => {
    const file = write(name, text);
    const refused = await jfCapped(['validate', '--format', 'json', file, ...refusedWith]);
    expectCleanEnd(refused);
    expect(refused.code).toBe(1);
    const d = jsonDiagnostics(refused).find((x) => x.rule === 'input-too-large');
    expect(d?.message).toMatch(message);
    const accepted = await jfCapped(['validate', '--format', 'json', file, ...acceptedWith]);
    expectCleanEnd(accepted);
    expect(jsonDiagnostics(accepted)).toEqual([]);
    expect(accepted.code).toBe(0);
    return file;
  };

  it('--max-bytes', async () => {
    const file = await check('padded.flow.yaml', chainFlow(2) + `# ${'p'.repeat(DEFAULT_LIMITS.maxBytes)}\n`, [], ['--max-bytes', String(2 * DEFAULT_LIMITS.maxBytes)], /--max-bytes/);
    const b = await jfCapped(['build', file, '-o', path.join(dir, 'padded'), '--max-bytes', String(2 * DEFAULT_LIMITS.maxBytes)]);
    expectCleanEnd(b);
    expect(listFiles(path.join(dir, 'padded'))).toEqual(['.journeyflow-manifest.json', 'padded.flow.svg']);
  });

  it('--max-text', async () => {
    const file = await check('long-ok.flow.yaml', chainFlow(2, () => 'L'.repeat(10000)), [], ['--max-text', '20000'], /--max-text/);
    const b = await jfCapped(['build', file, '-o', path.join(dir, 'long-ok'), '--max-text', '20000']);
    expectCleanEnd(b);
    expect(b.code).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'long-ok', 'long-ok.flow.svg'), 'utf8')).toMatch(/L{50}/);
  });

  it('--max-aliases', async () => {
    const nodes = Array.from({ length: 300 }, (_, i) => `  - { id: n${i}, label: *l }`).join('\n');
    const edges = ['  - s -> n0', ...Array.from({ length: 299 }, (_, i) => `  - n${i} -> n${i + 1}`), '  - n299 -> e'].join('\n');
    await check('aliases.flow.yaml', `kind: flow\ntitle: &l shared label\nnodes:\n  - { id: s, type: start }\n${nodes}\n  - { id: e, type: end }\nedges:\n${edges}\n`, [], ['--max-aliases', '1000'], /--max-aliases/);
  });

  it('--max-depth', async () => {
    await check('depth.flow.yaml', chainFlow(2), ['--max-depth', '3'], [], /--max-depth/);
    // And raised: 60 levels are refused by default and read (then rejected by the schema, not the bound) at 100.
    const file = write('deep60.flow.yaml', blockMapsDeep(60));
    const r = await jfCapped(['validate', '--format', 'json', file, '--max-depth', '100']);
    expectCleanEnd(r);
    expect(jsonDiagnostics(r).map((d) => d.rule)).not.toContain('input-too-large');
  });

  it('--max-elements (element counts and the token bound that follows it)', async () => {
    await check('elements.flow.yaml', chainFlow(300), ['--max-elements', '100'], [], /--max-elements/);
    const big = write('twenty-five-thousand.flow.yaml', chainFlow(25000));
    const refused = await jfCapped(['validate', '--format', 'json', big]);
    expectCleanEnd(refused);
    expect(jsonDiagnostics(refused)[0]).toMatchObject({ rule: 'input-too-large' });
    const accepted = await jfCapped(['validate', '--format', 'json', big, '--max-elements', '30000']);
    expectCleanEnd(accepted);
    expect(jsonDiagnostics(accepted)).toEqual([]);
    expect(tokenBound({ ...DEFAULT_LIMITS, maxElements: 30000 })).toBeGreaterThan(tokenBound(DEFAULT_LIMITS));
  });
});
