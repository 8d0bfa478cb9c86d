/**
 * The CLI in process (src/cli/main.ts with capturing streams): usage errors and their exit code 2,
 * options, `build` to folders and standard output in every format, diagnostics formats, project
 * config files, `validate` and `schema`. Other commands are in cli-commands.test.ts.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { cli, writeTree } from '../support/inprocess.js';

const GOOD = 'kind: flow\ntitle: 测试\nnodes:\n  - { id: s, type: start, label: 开始 }\n  - { id: e, type: end, label: 结束 }\nedges:\n  - s -> e\n';
const BROKEN = 'kind: flow\nnodes:\n  - { id: s, type: start }\n  - { id: e, type: end }\nedges:\n  - s -> pay\n';
const JOURNEY = 'kind: journey\nchannels: [{ id: web }]\nstages:\n  - id: s\n    steps:\n      - { label: x, channels: [web] }\n';
const roots: string[] = [];
const tree = (files: Record<string, string>) => { const d = writeTree(fs.mkdtempSync(path.join(os.tmpdir(), 'jf-cli-')), files); roots.push(d); return d; };
afterAll(() => { for (const d of roots) fs.rmSync(d, { recursive: true, force: true }); });

describe('usage: exit code 2 and one line saying what is wrong', () => {
  const dir = tree({ 'a.flow.yaml': GOOD, 'none/notes.yaml': 'just: data\n' });
  const cases: Array<[string[], string]> = [
    [['build', 'a.flow.yaml', '--scale', '0'], 'journeyflow: --scale must be a number from 0.1 to 16, got "0"\n'],
    [['build', 'a.flow.yaml', '--jobs', '1.5'], 'journeyflow: --jobs must be a whole number ≥ 1, got "1.5"\n'],
    [['build', 'a.flow.yaml', '--shard', '3/2'], 'journeyflow: --shard must be I/N with 1 ≤ I ≤ N, got "3/2"\n'],
    [['build', 'a.flow.yaml', '-f', 'svg,gif'], 'journeyflow: unknown format "gif"; use svg, png, mmd, txt, pptx, drawio, drawio.svg, pdf\n'],
    [['build', 'a.flow.yaml', '--max-elements', 'many'], 'journeyflow: --max-elements must be a positive whole number, got "many"\n'],
    [['build', 'a.flow.yaml', '-o', '-', '-f', 'svg,mmd'], 'journeyflow: -o - writes one diagram to standard output: choose exactly one format with -f\n'],
    [['build', 'missing.flow.yaml'], 'journeyflow: input not found: missing.flow.yaml\n'],
    [['build', 'none'], 'journeyflow: no diagram files found in the given inputs (looked for *.yaml and *.yml holding a `kind`)\n'],
    [['build', 'a.flow.yaml', '--watch', '-o', '-'], 'journeyflow: --watch needs files or folders, not standard input or output\n'],
    [['check', 'a.flow.yaml', '-o', '-'], 'journeyflow: check compares files on disk; -o - is not possible here\n'],
    [['validate', 'none'], 'journeyflow: no diagram files found in the given inputs\n'],
    [['schema', 'gantt'], 'journeyflow: unknown kind "gantt"; use journey, flow, lifecycle, funnel or theme\n'],
    [['serve', 'a.flow.yaml', '--port', '70000'], 'journeyflow: --port must be 0-65535, got "70000"\n'],
    [['serve', '-'], 'journeyflow: serve needs files or folders, not standard input\n'],
    [['md'], "error: missing required argument 'files'\n"],
  ];
  it.each(cases)('journeyflow %j', async (args, message) => {
    const r = await cli(args, dir);
    expect([r.code, r.stderr, r.stdout]).toEqual([2, message, '']);
  });

  it('suggests the command meant, and rejects values outside a choice', async () => {
    const r = await cli(['biuld', 'a.flow.yaml'], dir);
    expect([r.code, r.stderr]).toEqual([2, "error: unknown command 'biuld'\n(Did you mean build?)\n"]);
    const e = await cli(['build', 'a.flow.yaml', '--engine', 'gpu'], dir);
    expect([e.code, e.stderr]).toEqual([2, "error: option '--engine <engine>' argument 'gpu' is invalid. Allowed choices are native, mermaid.\n"]);
  });

  it('prints the version and help on standard output with exit 0', async () => {
    expect(await cli(['--version'])).toMatchObject({ code: 0, stdout: '0.1.0\n', stderr: '' });
    const help = await cli(['build', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage: journeyflow build \[options\] <inputs\.\.\.>/);
    for (const flag of ['--out <dir>', '--formats <list>', '--shard <i/n>', '--max-elements <n>', '--watch']) expect(help.stdout).toContain(flag);
  });

  it('prints each kind\'s JSON Schema, flow by default', async () => {
    for (const kind of ['journey', 'lifecycle']) {
      const r = await cli(['schema', kind]);
      expect(r.code).toBe(0);
      expect(JSON.parse(r.stdout).properties.kind).toMatchObject({ const: kind });
    }
    expect(JSON.parse((await cli(['schema'])).stdout).properties.kind).toMatchObject({ const: 'flow' });
  });
});

describe('build', () => {
  it('writes svg, mmd, txt and png under -o keeping sub-folders, and says so', async () => {
    const dir = tree({ 'in/a.flow.yaml': GOOD, 'in/sub/j.journey.yaml': JOURNEY });
    const r = await cli(['build', 'in', '-o', 'out', '-f', 'svg,mmd,txt,png', '-s', '1', '-q'], dir);
    // -q: the diagnostics only, no summary line.
    expect([r.code, r.stderr]).toEqual([0, 'in/sub/j.journey.yaml:4:9 warning [stage-without-kpi] stage "s" has no KPI\n  3 | stages:\n> 4 |   - id: s\n    |         ^\n  5 |     steps:\n']);
    const files = fs.readdirSync(path.join(dir, 'out'), { recursive: true }).map(String).sort();
    expect(files).toEqual(['.journeyflow-manifest.json', 'a.flow.mmd', 'a.flow.png', 'a.flow.svg', 'a.flow.txt', 'sub', 'sub/j.journey.mmd', 'sub/j.journey.png', 'sub/j.journey.svg', 'sub/j.journey.txt']);
    expect(fs.readFileSync(path.join(dir, 'out/a.flow.mmd'), 'utf8')).toBe('%% 测试 (journeyflow a)\nflowchart TB\n  n_s(["开始"])\n  n_e(["结束"])\n  n_s --> n_e\n');
    expect(fs.readFileSync(path.join(dir, 'out/a.flow.png')).subarray(0, 4)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    expect(fs.readFileSync(path.join(dir, 'out/a.flow.txt'), 'utf8')).toBe('测试\n\n┌──────┐\n│ 开始 │\n└───┬──┘\n    │\n    ▼\n┌──────┐\n│ 结束 │\n└──────┘\n');
    const loud = await cli(['build', 'in', '-o', 'out2'], dir);
    expect(loud.stderr).toMatch(/\njourneyflow: 2 file\(s\) written from 2 input\(s\); 0 errors, 1 warning\n$/);
  });

  it('writes one diagram to standard output, and refuses several', async () => {
    const dir = tree({ 'a.flow.yaml': GOOD, 'two.yaml': `${GOOD.replace('kind: flow', 'kind: flow\nid: one')}---\n${GOOD.replace('kind: flow', 'kind: flow\nid: two')}` });
    const r = await cli(['build', 'a.flow.yaml', '-o', '-', '-f', 'mmd'], dir);
    expect([r.code, r.stdout]).toEqual([0, '%% 测试 (journeyflow a)\nflowchart TB\n  n_s(["开始"])\n  n_e(["结束"])\n  n_s --> n_e\n']);
    const svg = await cli(['build', 'a.flow.yaml', '-o', '-'], dir);
    expect(svg.stdout).toMatch(/^<svg [^>]*data-id="a"/);
    const two = await cli(['build', 'two.yaml', '-o', '-', '-f', 'txt'], dir);
    expect([two.code, two.stderr]).toEqual([2, 'journeyflow: -o - writes one diagram, but the inputs hold 2\n']);
    const bad = await cli(['build', 'two.yaml', '-o', '-', '-f', 'svg', '--max-bytes', '20'], dir);
    expect([bad.code, bad.stdout]).toEqual([1, '']);
    expect(bad.stderr).toMatch(/^two\.yaml:1:1 error \[input-too-large\] file is too large: it is 2\d\d bytes; the limit is 20 \(raise it with --max-bytes\)\n$/);
  });

  it('exits 1 with diagnostics in text, json and github formats, and --strict counts warnings', async () => {
    const dir = tree({ 'bad.flow.yaml': BROKEN, 'j.journey.yaml': JOURNEY });
    const text = await cli(['build', 'bad.flow.yaml'], dir);
    expect(text.code).toBe(1);
    expect(text.stderr).toContain('bad.flow.yaml:6:10 error [unknown-reference] edge target "pay" is not a node of this flow\n  5 | edges:\n> 6 |   - s -> pay\n');
    expect(text.stderr).toMatch(/journeyflow: 0 file\(s\) written from 1 input\(s\); 2 errors, 0 warnings\n$/);
    const json = await cli(['build', 'bad.flow.yaml', '--format', 'json'], dir);
    expect(JSON.parse(json.stderr).map((d: { rule: string; line: number }) => `${d.rule}@${d.line}`)).toEqual(['unreachable-node@4', 'unknown-reference@6']);
    const gh = await cli(['build', 'bad.flow.yaml', '--format', 'github'], dir);
    expect(gh.stderr.split('\n')[1]).toBe('::error file=bad.flow.yaml,line=6,col=10,endLine=6,endColumn=13,title=unknown-reference::edge target "pay" is not a node of this flow');
    expect((await cli(['build', 'j.journey.yaml'], dir)).code).toBe(0);
    const strict = await cli(['build', 'j.journey.yaml', '--strict', '-q'], dir);
    expect([strict.code, strict.stderr]).toEqual([1, 'j.journey.yaml:4:9 warning [stage-without-kpi] stage "s" has no KPI\n  3 | stages:\n> 4 |   - id: s\n    |         ^\n  5 |     steps:\n']);
  });

  it('builds only its shard of the inputs, and themes from a file', async () => {
    const files = Object.fromEntries(['a', 'b', 'c', 'd', 'e', 'f'].map((n) => [`${n}.flow.yaml`, GOOD]));
    const dir = tree({ ...files, 'brand.yaml': 'extends: dark\nbackground: "#123456"\n' });
    const one = await cli(['build', '.', '-o', 'o1', '--shard', '1/2'], dir);
    const two = await cli(['build', '.', '-o', 'o2', '--shard', '2/2'], dir);
    const built = [...fs.readdirSync(path.join(dir, 'o1')), ...fs.readdirSync(path.join(dir, 'o2'))].sort();
    expect(built).toEqual(['.journeyflow-manifest.json', '.journeyflow-manifest.json', 'a.flow.svg', 'b.flow.svg', 'c.flow.svg', 'd.flow.svg', 'e.flow.svg', 'f.flow.svg']);
    expect(one.stderr).toMatch(/^journeyflow: \d file\(s\) written from \d input\(s\) \(shard 1\/2: \d of 6 inputs\)\n$/);
    expect(two.code).toBe(0);
    const themed = await cli(['build', 'a.flow.yaml', '-o', '-', '-t', 'brand.yaml'], dir);
    expect(themed.stdout).toContain('<rect class="jf-background" x="0" y="0" width="');
    expect(themed.stdout).toMatch(/class="jf-background"[^>]*fill="#123456"/);
  });

  it('names an output folder that runs through a file, exit 2', async () => {
    const dir = tree({ 'a.flow.yaml': GOOD, 'blocker': 'a file' });
    const r = await cli(['build', 'a.flow.yaml', '-o', 'blocker/out'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`journeyflow: cannot write ${path.join(fs.realpathSync(dir), 'blocker/out/a.flow.svg')}: ${path.join(fs.realpathSync(dir), 'blocker')} is a file, not a folder\n`);
  });
});

describe('inputs: globs and standard input', () => {
  afterEach(() => { vi.restoreAllMocks(); });
  const stdin = (text: string) => vi.spyOn(process, 'stdin', 'get').mockReturnValue(Readable.from([Buffer.from(text)]) as unknown as typeof process.stdin);

  it('expands a glob, keeping the folder layout under -o from its fixed prefix', async () => {
    const dir = tree({ 'd/a.flow.yaml': GOOD, 'd/sub/b.flow.yml': GOOD, 'd/sub/c.txt': 'x', 'other/z.flow.yaml': GOOD });
    const r = await cli(['build', 'd/**/*.flow.y*ml', 'other/../d/a.flow.yaml', '-o', 'out', '-f', 'mmd', '-q'], dir);
    expect(r.code, r.stderr).toBe(0);
    expect(fs.readdirSync(path.join(dir, 'out'), { recursive: true }).map(String).sort()).toEqual(['.journeyflow-manifest.json', 'a.flow.mmd', 'sub', 'sub/b.flow.mmd']);
    const climb = await cli(['build', 'd/../other/*.yaml', '-o', 'out2', '-f', 'mmd', '-q'], dir);
    expect(climb.code).toBe(0);
    expect(fs.readdirSync(path.join(dir, 'out2')).sort()).toEqual(['.journeyflow-manifest.json', 'z.flow.mmd']);
  });

  it('reads - from standard input for build, validate and check', async () => {
    const dir = tree({});
    stdin(GOOD);
    const r = await cli(['build', '-', '-o', '-', '-f', 'txt'], dir);
    expect([r.code, r.stdout]).toEqual([0, '测试\n\n┌──────┐\n│ 开始 │\n└───┬──┘\n    │\n    ▼\n┌──────┐\n│ 结束 │\n└──────┘\n']);
    stdin(BROKEN);
    const v = await cli(['validate', '-', '-', '--format', 'json'], dir);
    expect([v.code, JSON.parse(v.stdout).map((d: { file: string; rule: string }) => `${d.file} ${d.rule}`)]).toEqual([1, ['<stdin> unreachable-node', '<stdin> unknown-reference']]);
    stdin(GOOD);
    const built = await cli(['build', '-', '-o', 'out', '-f', 'mmd', '-q'], dir);
    expect([built.code, fs.readdirSync(path.join(dir, 'out'))]).toEqual([0, ['diagram.mmd']]);
    stdin(GOOD);
    expect(await cli(['check', '-', '-o', 'out', '-f', 'mmd'], dir)).toMatchObject({ code: 0, stderr: 'journeyflow: 1 output(s) up to date\n' });
  });
});

describe('project config (journeyflow.config.yaml)', () => {
  it('supplies defaults that flags override', async () => {
    const dir = tree({ 'journeyflow.config.yaml': 'out: built\nformats: [mmd, txt]\nscale: 1\njobs: 1\nengine: native\ntheme: neutral\n', 'd/a.flow.yaml': GOOD });
    expect((await cli(['build', 'd', '-q'], dir)).code).toBe(0);
    expect(fs.readdirSync(path.join(dir, 'built')).sort()).toEqual(['.journeyflow-manifest.json', 'a.flow.mmd', 'a.flow.txt']);
    expect((await cli(['build', 'd', '-q', '-f', 'svg', '-o', 'other'], dir)).code).toBe(0);
    expect(fs.readdirSync(path.join(dir, 'other')).sort()).toEqual(['.journeyflow-manifest.json', 'a.flow.svg']);
  });

  it('rejects a config it cannot use, naming the file and the setting', async () => {
    const cases: Array<[string, string]> = [
      ['colour: red\n', 'unknown setting "colour" (known: out, formats, theme, scale, jobs, engine, fonts)'],
      ['scale: big\n', '"scale" must be a positive number'],
      ['engine: gpu\n', '"engine" must be native or mermaid'],
      ['out: 3\n', '"out" must be a string'],
      ['- a\n', 'expected a map of settings'],
      ['out: [\n', 'not valid YAML: '],
    ];
    for (const [config, message] of cases) {
      const dir = tree({ 'journeyflow.config.yml': config, 'a.flow.yaml': GOOD });
      const r = await cli(['build', 'a.flow.yaml'], dir);
      expect(r.code, config).toBe(2);
      expect(r.stderr.startsWith(`journeyflow: ${path.join(fs.realpathSync(dir), 'journeyflow.config.yml')}: ${message}`), r.stderr).toBe(true);
    }
  });
});

describe('validate', () => {
  it('counts documents and problems; --quiet drops the summary; --strict fails on warnings', async () => {
    const dir = tree({ 'a.flow.yaml': GOOD, 'j.journey.yaml': JOURNEY, 'bad.flow.yaml': BROKEN });
    const ok = await cli(['validate', 'a.flow.yaml', 'j.journey.yaml'], dir);
    expect([ok.code, ok.stderr]).toEqual([0, 'journeyflow: 2 diagram(s) in 2 file(s) checked; 0 errors, 1 warning\n']);
    expect(ok.stdout).toContain('j.journey.yaml:4:9 warning [stage-without-kpi] stage "s" has no KPI');
    const strict = await cli(['validate', 'j.journey.yaml', '--strict', '-q'], dir);
    expect([strict.code, strict.stderr]).toEqual([1, '']);
    const json = await cli(['validate', '.', '--format', 'json'], dir);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout).map((d: { file: string; rule: string }) => `${d.file} ${d.rule}`)).toEqual(['bad.flow.yaml unreachable-node', 'bad.flow.yaml unknown-reference', 'j.journey.yaml stage-without-kpi']);
    const long = await cli(['validate', 'a.flow.yaml', '--format', 'json', '--max-text', '4', '--max-depth', '9', '--max-aliases', '9', '--max-elements', '9'], dir);
    expect(JSON.parse(long.stdout).map((d: { line: number; rule: string; message: string }) => `${d.line} ${d.rule} ${d.message}`)).toEqual(['4 input-too-large text of 5 characters; the limit is 4 (raise it with --max-text)', '7 input-too-large text of 6 characters; the limit is 4 (raise it with --max-text)']);
    const big = await cli(['validate', 'a.flow.yaml', '--max-bytes', '10', '--format', 'github'], dir);
    expect([big.code, big.stdout]).toEqual([1, `::error file=a.flow.yaml,line=1,col=1,endLine=1,endColumn=1,title=input-too-large::file is too large: it is ${Buffer.byteLength(GOOD)} bytes; the limit is 10 (raise it with --max-bytes)\n`]);
  });
});
