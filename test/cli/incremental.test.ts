/*
 * Incremental builds (issue 23): the build manifest lets `build` skip, and `check` confirm, every
 * input whose text, resolved files, options and outputs are what the last build recorded; anything
 * else is compiled as before, and the outputs are always the bytes of a clean build.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { checkSource } from '../../src/compile.js';
import { MANIFEST_NAME } from '../../src/cli/manifest.js';
import { fixture, jf, tmpDir } from '../support/cli.js';

const flow = (title: string, extra = '') => `kind: flow\ntitle: ${title}\n${extra}nodes:\n  - { id: s, type: start, label: 开始 }\n  - { id: e, type: end, label: 结束 }\nedges:\n  - s -> e\n`;
const withRef = (title: string, ref: string) => `kind: flow\ntitle: ${title}\nnodes:\n  - { id: s, type: start, label: 开始 }\n  - { id: p, type: subprocess, label: 子流程, ref: ${ref} }\n  - { id: e, type: end, label: 结束 }\nedges:\n  - s -> p\n  - p -> e\n`;
const theme = (background: string) => `extends: default\nbackground: "${background}"\n`;
/** A journey whose step links a flow, and which warns (a stage without KPI) on every build. */
const journey = (flowFile: string) => `kind: journey\ntitle: 旅程\nstages:\n  - id: s\n    label: 阶段\n    steps:\n      - { id: a, label: 下单, flow: ${flowFile} }\n`;
const multi = (ids: string[]) => ids.map((id) => `kind: flow\nid: ${id}\n${flow(id).slice('kind: flow\n'.length)}`).join('---\n');

const FILES: Record<string, string> = {
  'src/main.flow.yaml': withRef('主流程', 'sub/repair.flow.yaml'),
  'src/sub/repair.flow.yaml': flow('维修'),
  'src/branded.flow.yaml': flow('品牌', 'theme: brand.yaml\n'),
  'src/brand.yaml': theme('#fffbe6'),
  'src/plain.flow.yaml': flow('普通'),
  'src/j.journey.yaml': journey('plain.flow.yaml'),
  'src/two.flow.yaml': multi(['one', 'two']),
};
const DIAGRAMS = 6;
const OUTPUTS = 7; // two.flow.yaml holds two diagrams
const OLD = new Date('2001-01-01T00:00:00Z');

let dir: string;
const at = (f: string) => path.join(dir, f);
const build = (...args: string[]) => jf(['build', 'src', '-o', 'out', ...args], { cwd: dir });
const check = (...args: string[]) => jf(['check', 'src', '-o', 'out', ...args], { cwd: dir });
/** Outputs (and the manifest) dated long ago, so a rewrite shows in its mtime. */
const ageOutputs = () => { for (const f of listTree(at('out'))) fs.utimesSync(at(`out/${f}`), OLD, OLD); };
const rewritten = () => listTree(at('out')).filter((f) => fs.statSync(at(`out/${f}`)).mtimeMs !== OLD.getTime());
/**
 * Edits a file as a user does before a build: dated a second ago. In-process, a build can begin
 * within the few milliseconds in which a file it reads counts as saved during its compile (then
 * its dependents are compiled again next time, and the counts below would vary).
 */
const edit = (f: string, text: string) => { fs.writeFileSync(at(f), text); backdate(at(f)); };
const backdate = (file: string) => { const then = new Date(Date.now() - 1000); fs.utimesSync(file, then, then); };

function listTree(root: string): string[] {
  return (fs.readdirSync(root, { recursive: true }) as string[]).map(String).filter((f) => fs.lstatSync(path.join(root, f)).isFile()).sort();
}

/** Every file of two trees, byte for byte. */
function expectSameTree(a: string, b: string): void {
  expect(listTree(b)).toEqual(listTree(a));
  for (const f of listTree(a)) expect(fs.readFileSync(path.join(a, f)).equals(fs.readFileSync(path.join(b, f))), f).toBe(true);
}

beforeEach(async () => {
  dir = fixture(FILES);
  for (const f of Object.keys(FILES)) backdate(at(f));
  const first = await build();
  expect(first.code, first.stderr).toBe(0);
  expect(first.stderr).toMatch(new RegExp(`${OUTPUTS} file\\(s\\) written from ${DIAGRAMS} input\\(s\\);`));
  ageOutputs();
});

describe('build with a manifest', () => {
  it('rebuilds nothing when nothing changed: no output and not the manifest rewritten, warnings repeated', async () => {
    const r = await build();
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(`journeyflow: 0 file(s) written from ${DIAGRAMS} input(s), ${DIAGRAMS} up to date; 0 errors, 1 warning\n`);
    expect(r.stderr).toContain('src/j.journey.yaml:4:9 warning [stage-without-kpi]');
    expect(rewritten()).toEqual([]);
  });

  it('rebuilds only an edited file', async () => {
    edit('src/plain.flow.yaml', flow('普通二'));
    const r = await build();
    // The journey links plain.flow.yaml, so it is rebuilt with it (its link could have changed).
    expect(r.stderr).toContain(`2 file(s) written from ${DIAGRAMS} input(s), ${DIAGRAMS - 2} up to date`);
    expect(rewritten()).toEqual([MANIFEST_NAME, 'j.journey.svg', 'plain.flow.svg']);
    edit('src/branded.flow.yaml', flow('品牌二', 'theme: brand.yaml\n'));
    ageOutputs();
    expect((await build()).stderr).toContain(`1 file(s) written from ${DIAGRAMS} input(s), ${DIAGRAMS - 1} up to date`);
    expect(rewritten()).toEqual([MANIFEST_NAME, 'branded.flow.svg']);
  });

  it('rebuilds the diagrams that link an edited subprocess, and those using an edited theme file', async () => {
    edit('src/sub/repair.flow.yaml', flow('维修二'));
    await build();
    expect(rewritten()).toEqual([MANIFEST_NAME, 'main.flow.svg', 'sub/repair.flow.svg']);
    ageOutputs();
    edit('src/brand.yaml', theme('#e6f0ff'));
    await build();
    expect(rewritten()).toEqual([MANIFEST_NAME, 'branded.flow.svg']);
    expect(fs.readFileSync(at('out/branded.flow.svg'), 'utf8')).toContain('#e6f0ff');
  });

  it('rebuilds a diagram whose data file changed (CheckResult.dependencies from data binding)', async () => {
    const fed = 'kind: flow\ntitle: 数据\ndata:\n  - { file: metrics.csv }\nnodes:\n  - { id: s, type: start, label: 开始 }\n  - { id: m, label: 中间 }\n  - { id: e, type: end, label: 结束 }\nedges:\n  - s -> m -> e\n';
    edit('src/metrics.csv', 'id,metrics.volume\nm,1200\n');
    edit('src/data.flow.yaml', fed);
    await build();
    expect(fs.readFileSync(at('out/data.flow.svg'), 'utf8')).toMatch(/>1\s200\s人</);
    ageOutputs();
    expect((await build()).stderr).toContain(`0 file(s) written from ${DIAGRAMS + 1} input(s), ${DIAGRAMS + 1} up to date`);
    edit('src/metrics.csv', 'id,metrics.volume\nm,3400\n');
    await build();
    expect(rewritten()).toEqual([MANIFEST_NAME, 'data.flow.svg']);
    expect(fs.readFileSync(at('out/data.flow.svg'), 'utf8')).toMatch(/>3\s400\s人</);
  });

  it('does not trust a file saved while the build compiled what reads it', async () => {
    // Dated after the compile began, as a save during the compile would be: its hash could be of
    // newer bytes than the compile read, so the subprocess's linker is compiled again next time.
    fs.writeFileSync(at('src/sub/repair.flow.yaml'), flow('维修四'));
    const soon = new Date(Date.now() + 60_000);
    fs.utimesSync(at('src/sub/repair.flow.yaml'), soon, soon);
    await build();
    ageOutputs();
    expect((await build()).stderr).toContain(`1 file(s) written from ${DIAGRAMS} input(s), ${DIAGRAMS - 1} up to date`);
    // The same record again (not trusted yet): the manifest is not rewritten.
    expect(rewritten()).toEqual(['main.flow.svg']);
    backdate(at('src/sub/repair.flow.yaml'));
    await build();
    expect((await build()).stderr).toContain(`${DIAGRAMS} up to date`);
  });

  it('rebuilds everything when a theme file given with -t changes, or an option does', async () => {
    edit('brand2.yaml', theme('#101010'));
    expect((await build('-t', 'brand2.yaml')).stderr).toContain(`${OUTPUTS} file(s) written`);
    ageOutputs();
    expect((await build('-t', 'brand2.yaml')).stderr).toContain(`0 file(s) written from ${DIAGRAMS} input(s), ${DIAGRAMS} up to date`);
    edit('brand2.yaml', theme('#202020'));
    await build('-t', 'brand2.yaml');
    expect(rewritten()).toHaveLength(OUTPUTS + 1);
    for (const options of [['-f', 'svg,mmd'], ['--locale', 'en'], ['--strict']]) {
      const r = await build(...options);
      expect(r.stderr, options.join(' ')).not.toContain('up to date');
    }
  });

  it('ignores a corrupt manifest or one of another version (a full build), and --force rebuilds all', async () => {
    const manifest = at(`out/${MANIFEST_NAME}`);
    const good = fs.readFileSync(manifest, 'utf8');
    fs.writeFileSync(manifest, good.slice(0, 200));
    const corrupt = await build();
    expect(corrupt.stderr).toContain(`the build manifest ${manifest} was ignored: it is not valid JSON`);
    expect(corrupt.stderr).toContain(`${OUTPUTS} file(s) written from ${DIAGRAMS} input(s);`);
    expect(fs.readFileSync(manifest, 'utf8')).toBe(good);
    // Well-formed JSON of the wrong shape (a hash that is not one) is not believed either.
    fs.writeFileSync(manifest, good.replace(/"sha256":"[0-9a-f]{64}"/, '"sha256":"0"'));
    expect((await build()).stderr).toMatch(/was ignored: it is not a journeyflow manifest of this format[\s\S]*7 file\(s\) written/);
    fs.writeFileSync(manifest, good.replace('"journeyflow":"0.1.0"', '"journeyflow":"0.0.9"'));
    const foreign = await build();
    expect(foreign.stderr).not.toContain('ignored');
    expect(foreign.stderr).toContain(`${OUTPUTS} file(s) written`);
    expect((await build('--force')).stderr).toContain(`${OUTPUTS} file(s) written from ${DIAGRAMS} input(s);`);
  });

  it('rebuilds an output deleted or edited by hand, and an input that failed last time', async () => {
    fs.rmSync(at('out/plain.flow.svg'));
    fs.writeFileSync(at('out/branded.flow.svg'), '<svg/>');
    expect((await build()).stderr).toContain('2 file(s) written');
    edit('src/plain.flow.yaml', flow('坏').replace('s -> e', 's -> x'));
    expect((await build()).code).toBe(1);
    const again = await build();
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('[unknown-reference]');
  });

  it('rebuilds outputs changed on disk while an edited input compiles, with and without -j 1 (outputs this small are checked in this thread; test/cli-unit/verify-thread-plan.test.ts has the verify thread)', async () => {
    for (const jobs of [[], ['-j', '1']]) {
      edit('src/plain.flow.yaml', flow(`普通${jobs.length}`));
      fs.writeFileSync(at('out/branded.flow.svg'), '<svg/>');
      fs.rmSync(at('out/main.flow.svg'));
      const r = await build(...jobs);
      expect(r.code, r.stderr).toBe(0);
      // plain.flow.yaml, the journey linking it, and the two outputs changed by hand.
      expect(r.stderr).toContain(`4 file(s) written from ${DIAGRAMS} input(s), ${DIAGRAMS - 4} up to date`);
      const confirmed = await check();
      expect(confirmed.code, confirmed.stdout).toBe(0);
      expect(confirmed.stderr).toContain(`(${DIAGRAMS} of ${DIAGRAMS} input(s) confirmed by the build manifest)`);
    }
  });

  it('writes the bytes of a clean build, manifest included, after any series of edits', async () => {
    edit('src/sub/repair.flow.yaml', flow('维修三'));
    await build();
    edit('src/brand.yaml', theme('#abcdef'));
    edit('src/two.flow.yaml', multi(['one', 'two']).replace('title: two', 'title: 二'));
    await build('-j', '2');
    const clean = await jf(['build', 'src', '-o', 'clean'], { cwd: dir });
    expect(clean.code).toBe(0);
    expectSameTree(at('out'), at('clean'));
  });

  it('reports the outputs of a deleted input or document until --prune removes them, and only those', async () => {
    fs.rmSync(at('src/plain.flow.yaml'));
    edit('src/j.journey.yaml', journey('main.flow.yaml'));
    edit('src/two.flow.yaml', multi(['one', 'three']));
    const r = await build();
    expect(r.stderr).toContain('orphan:  out/plain.flow.svg (its input src/plain.flow.yaml was deleted)\n');
    expect(r.stderr).toContain('orphan:  out/two.flow.two.svg (no longer produced by src/two.flow.yaml)\n');
    expect(r.stderr).toContain('journeyflow: 2 orphaned output(s) left in place; build with --prune to remove them\n');
    expect((await build()).stderr).toContain('2 orphaned output(s)');
    // A file the user changed since, and a symlink planted in an orphan's place, are not removed.
    fs.writeFileSync(at('out/two.flow.two.svg'), '<svg>mine</svg>');
    fs.rmSync(at('out/plain.flow.svg'));
    fs.writeFileSync(at('precious.svg'), 'keep');
    fs.symlinkSync(at('precious.svg'), at('out/plain.flow.svg'));
    const pruned = await build('--prune');
    expect(pruned.stderr).toContain('kept:    out/plain.flow.svg (it is a symbolic link now)\n');
    expect(pruned.stderr).toContain('kept:    out/two.flow.two.svg (it changed since journeyflow wrote it)\n');
    expect(fs.readFileSync(at('precious.svg'), 'utf8')).toBe('keep');
    expect(fs.readFileSync(at('out/two.flow.two.svg'), 'utf8')).toBe('<svg>mine</svg>');
    expect((await build()).stderr).not.toContain('orphan');
  });

  it('--prune removes what journeyflow wrote, and the folders it emptied', async () => {
    fs.rmSync(at('src/sub'), { recursive: true });
    edit('src/main.flow.yaml', flow('主流程'));
    const r = await build('--prune');
    expect(r.stderr).toContain('removed: out/sub/repair.flow.svg\n');
    expect(r.stderr).toContain('journeyflow: 1 orphaned output(s) removed\n');
    expect(fs.existsSync(at('out/sub'))).toBe(false);
    expect(fs.existsSync(at('out/main.flow.svg'))).toBe(true);
  });

  it('keeps one manifest for shards that share an output folder', async () => {
    const out = tmpDir();
    for (const shard of ['1/2', '2/2']) expect((await jf(['build', 'src', '-o', out, '--shard', shard], { cwd: dir })).code).toBe(0);
    const all = await jf(['build', 'src', '-o', out], { cwd: dir });
    expect(all.stderr).toContain(`0 file(s) written from ${DIAGRAMS} input(s), ${DIAGRAMS} up to date`);
  });

  it('keeps the manifest beside the inputs without -o, or under --cache', async () => {
    const beside = fixture({ 'd/a.flow.yaml': flow('甲'), 'd/b/c.flow.yaml': flow('乙') });
    expect((await jf(['build', 'd'], { cwd: beside })).code).toBe(0);
    expect(fs.existsSync(path.join(beside, 'd', MANIFEST_NAME))).toBe(true);
    expect((await jf(['build', 'd'], { cwd: beside })).stderr).toContain('0 file(s) written from 2 input(s), 2 up to date');
    expect((await jf(['build', 'd', '-o', 'out', '--cache', 'cache'], { cwd: beside })).code).toBe(0);
    expect(fs.existsSync(path.join(beside, 'out', MANIFEST_NAME))).toBe(false);
    expect(fs.readdirSync(path.join(beside, 'cache'))).toHaveLength(1);
    expect((await jf(['build', 'd', '-o', 'out', '--cache', 'cache'], { cwd: beside })).stderr).toContain('2 up to date');
    expect((await jf(['check', 'd', '-o', 'out', '--cache', 'cache'], { cwd: beside })).stderr).toContain('(2 of 2 input(s) confirmed by the build manifest)');
  });
});

describe('check with a manifest', () => {
  it('confirms up-to-date inputs without compiling them, and still finds a hand-edited output', async () => {
    const ok = await check();
    expect([ok.code, ok.stdout]).toEqual([0, 'src/j.journey.yaml:4:9 warning [stage-without-kpi] stage "s" has no KPI\n  3 | stages:\n> 4 |   - id: s\n    |         ^\n  5 |     label: 阶段\n']);
    expect(ok.stderr).toBe(`journeyflow: ${OUTPUTS} output(s) up to date (${DIAGRAMS} of ${DIAGRAMS} input(s) confirmed by the build manifest); 0 errors, 1 warning\n`);
    // The same size and the same time stamp as what build wrote: only the content says it is stale.
    const svg = at('out/plain.flow.svg');
    const bytes = fs.readFileSync(svg);
    bytes[bytes.length - 3] = 'X'.charCodeAt(0);
    fs.writeFileSync(svg, bytes);
    fs.utimesSync(svg, OLD, OLD);
    const stale = await check();
    expect(stale.code).toBe(1);
    expect(stale.stdout).toContain('stale:   out/plain.flow.svg\n1 of 7 output(s) out of date');
    expect(rewritten()).toEqual([]);
    // --force: everything compiled and compared, nothing taken from the manifest.
    fs.writeFileSync(svg, fs.readFileSync(at('out/branded.flow.svg')));
    const forced = await check('--force');
    expect(forced.stdout).toContain('stale:   out/plain.flow.svg\n');
  });

  it('compiles an input whose file changed, and takes no manifest written for other options', async () => {
    edit('src/plain.flow.yaml', flow('普通二'));
    const r = await check();
    // The journey linking it is compiled too (a file it read changed), and found still current.
    expect(r.stdout).toContain('stale:   out/plain.flow.svg\n1 of 7 output(s) out of date');
    const other = await check('-f', 'svg,mmd');
    expect(other.stdout).toContain('missing: out/main.flow.mmd');
  });
});

describe('CheckResult.dependencies', () => {
  it('names every file the compile resolved: subprocess refs, step flows and theme files, absolute and once', () => {
    const root = at('src');
    const main = checkSource(fs.readFileSync(at('src/main.flow.yaml'), 'utf8'), { absPath: at('src/main.flow.yaml'), root });
    expect(main.dependencies).toEqual([at('src/sub/repair.flow.yaml')]);
    const branded = checkSource(fs.readFileSync(at('src/branded.flow.yaml'), 'utf8'), { absPath: at('src/branded.flow.yaml'), root, theme: undefined });
    expect(branded.dependencies).toEqual([at('src/brand.yaml')]);
    const j = checkSource(journey('plain.flow.yaml') + '      - { id: b, label: 再下单, flow: plain.flow.yaml }\n', { absPath: at('src/j.journey.yaml'), root });
    expect(j.dependencies).toEqual([at('src/plain.flow.yaml')]);
    const missing = checkSource(withRef('x', 'nowhere.flow.yaml'), { absPath: at('src/x.flow.yaml'), root });
    expect(missing.dependencies).toEqual([]);
  });
});
