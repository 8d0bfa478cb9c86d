import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse, stringify } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, tmpDir } from '../support/cli.js';
import { expectCleanEnd, expectWellFormed, jfCapped, jsonDiagnostics, listFiles, STACK } from './helpers.js';

// Layout: <root>/outside/… holds what a document must never reach; <root>/tree/… is what is built.
// The outside files would announce themselves if read: a FIFO blocks the reader forever (the run
// would hit its timeout), a theme of broken YAML would give "cannot be read", not "leaves the tree".
const root = tmpDir('jf-paths-');
const outside = path.join(root, 'outside');
const tree = path.join(root, 'tree');
const sub = path.join(tree, 'sub');
const example = (name: string) => parse(fs.readFileSync(path.join(ROOT, 'examples', name), 'utf8')) as Record<string, any>;

let fifo = false;
// A run that opens the FIFO blocks forever; this kills it (then expectCleanEnd sees SIGKILL). Far
// above any normal run, so it only tells a hang from a slow machine.
const FIFO_HANG_MS = 45000;
beforeAll(async () => {
  fs.mkdirSync(outside, { recursive: true });
  fs.mkdirSync(sub, { recursive: true });
  fs.writeFileSync(path.join(outside, 'secret.yaml'), ': : [ this is not YAML\n');
  fs.writeFileSync(path.join(outside, 'secret.flow.yaml'), 'kind: flow\nnodes: [{ id: s, type: start }]\n');
  fs.chmodSync(path.join(outside, 'secret.yaml'), 0o000);
  try { await promisify(execFile)('mkfifo', [path.join(outside, 'fifo.yaml')]); fifo = true; } catch { /* no mkfifo: the broken-YAML files still tell */ }
  fs.symlinkSync(path.join(outside, 'secret.yaml'), path.join(sub, 'link-file.yaml'));
  fs.symlinkSync(outside, path.join(sub, 'link-dir'));
  fs.symlinkSync('../../outside/secret.flow.yaml', path.join(sub, 'relative-link.flow.yaml'));
  if (fifo) fs.symlinkSync(path.join(outside, 'fifo.yaml'), path.join(sub, 'link-fifo.yaml'));
  // Inside the tree, reached directly and through a symlink: allowed.
  fs.writeFileSync(path.join(tree, 'ok-theme.yaml'), 'extends: dark\n');
  fs.symlinkSync('../ok-theme.yaml', path.join(sub, 'ok-link.yaml'));
  fs.writeFileSync(path.join(tree, 'target.flow.yaml'), JSON.stringify(example('first-purchase.flow.yaml')));
});

const escapes = () => [
  { how: '..', target: '../../outside/secret.yaml' },
  { how: '.. to a FIFO', target: '../../outside/fifo.yaml', fifo: true },
  { how: '.. that comes back in', target: '../../tree/../outside/secret.yaml' },
  { how: 'absolute path', target: path.join(outside, 'secret.yaml') },
  { how: 'absolute path inside the tree', target: path.join(tree, 'ok-theme.yaml') },
  { how: 'file: URL', target: pathToFileURL(path.join(outside, 'secret.yaml')).href },
  { how: 'file: URL without slashes', target: 'file:secret.yaml' },
  { how: 'http URL', target: 'https://example.com/theme.yaml' },
  { how: 'symlink to a file outside', target: 'link-file.yaml' },
  { how: 'relative symlink to a file outside', target: 'relative-link.flow.yaml' },
  { how: 'symlinked folder leading outside', target: 'link-dir/secret.yaml' },
  { how: 'symlink to a FIFO outside', target: 'link-fifo.yaml', fifo: true },
];

const FIELDS = [
  { field: 'flow subprocess ref', pointer: '/nodes/5/ref', doc: (t: string) => { const d = example('first-purchase.flow.yaml'); d.nodes[5] = { ...d.nodes[5], type: 'subprocess', ref: t }; return d; } },
  { field: 'journey step flow', pointer: '/stages/0/steps/0/flow', doc: (t: string) => { const d = example('subscription.journey.yaml'); d.stages[0].steps[0].flow = t; return d; } },
  { field: 'theme file (flow)', pointer: '/theme', doc: (t: string) => ({ ...example('first-purchase.flow.yaml'), theme: t.endsWith('.yaml') ? t : `${t}.yaml` }) },
  { field: 'theme file (lifecycle)', pointer: '/theme', doc: (t: string) => ({ ...example('b2b-account.lifecycle.yaml'), theme: t.endsWith('.yaml') ? t : `${t}.yaml` }) },
];

describe('references never leave the tree being built, and what they point at is never read', () => {
  for (const f of FIELDS) {
    it(`${f.field}: .., absolute, file: URLs and symlinks leaving the tree are unknown-reference`, async () => {
      const cases = escapes().filter((e) => !e.fifo || fifo).map((e, i) => ({ ...e, name: `case${i}.yaml` }));
      const folder = path.join(sub, f.pointer.replace(/\W/g, '') + f.field.length);
      fs.mkdirSync(folder);
      for (const c of cases) {
        // Targets relative to `sub` are one level further up from the case folder.
        const target = c.target.startsWith('/') || /^[a-z]+:/.test(c.target) ? c.target : c.target.startsWith('..') ? `../${c.target}` : `../${c.target}`;
        fs.writeFileSync(path.join(folder, c.name), stringify(f.doc(target)));
      }
      const r = await jfCapped(['validate', '--format', 'json', tree], { timeoutMs: FIFO_HANG_MS });
      expectCleanEnd(r);
      const diags = jsonDiagnostics(r);
      expectWellFormed(diags);
      for (const c of cases) {
        const mine = diags.filter((d) => d.file.endsWith(`/${c.name}`) && d.file.includes(path.basename(folder)));
        const ref = mine.find((d) => d.path === f.pointer);
        expect(ref, `${c.how}: ${JSON.stringify(mine)}`).toMatchObject({ rule: 'unknown-reference', severity: 'error' });
        expect(ref!.message, c.how).not.toMatch(/cannot be read|EACCES|EISDIR|permission/i);
        expect(ref!.message, c.how).toMatch(/relative|leaves|outside|does not exist|not a built-in/);
      }
      // build refuses these diagrams too, and writes nothing for them.
      const out = path.join(root, `out-${path.basename(folder)}`);
      const b = await jfCapped(['build', tree, '-o', out], { timeoutMs: FIFO_HANG_MS });
      expectCleanEnd(b);
      expect(b.code).toBe(1);
      expect(listFiles(out).filter((o) => o.includes(path.basename(folder)))).toEqual([]);
      fs.rmSync(folder, { recursive: true });
    });
  }

  it('a reference inside the tree, also through a symlink that stays inside, is accepted', async () => {
    const cases = [
      { file: 'in1.flow.yaml', doc: FIELDS[0].doc('../target.flow.yaml') },
      { file: 'in2.journey.yaml', doc: FIELDS[1].doc('../target.flow.yaml') },
      { file: 'in3.flow.yaml', doc: FIELDS[2].doc('ok-link.yaml') },
      { file: 'in4.flow.yaml', doc: FIELDS[2].doc('../ok-theme.yaml') },
    ];
    for (const c of cases) fs.writeFileSync(path.join(sub, c.file), stringify(c.doc));
    const r = await jfCapped(['validate', '--format', 'json', ...cases.map((c) => path.join(sub, c.file))]);
    expectCleanEnd(r);
    // Each input's tree is its own folder here, so `..` leaves it: build the whole tree instead.
    const whole = await jfCapped(['build', '--format', 'json', tree, '-o', path.join(root, 'ok-out')]);
    const diags = jsonDiagnostics(whole).filter((d) => /in\d\./.test(d.file));
    expect(diags.filter((d) => d.rule === 'unknown-reference'), JSON.stringify(diags)).toEqual([]);
    for (const c of cases) expect(fs.existsSync(path.join(root, 'ok-out', 'sub', c.file.replace('.yaml', '.svg'))), c.file).toBe(true);
    // The theme read through the in-tree symlink was applied (dark background differs from default).
    const themed = fs.readFileSync(path.join(root, 'ok-out', 'sub', 'in3.flow.svg'), 'utf8');
    const plain = fs.readFileSync(path.join(root, 'ok-out', 'sub', 'in1.flow.svg'), 'utf8');
    expect(themed).not.toEqual(plain);
    for (const c of cases) fs.rmSync(path.join(sub, c.file));
  });
});

describe('theme files are bounded too', () => {
  it('a theme file over 256 KB inside the tree is refused without being parsed', async () => {
    const d = tmpDir('jf-bigtheme-');
    fs.writeFileSync(path.join(d, 'huge.yaml'), `extends: dark\n# ${'x'.repeat(300 * 1024)}\n`);
    fs.writeFileSync(path.join(d, 'a.flow.yaml'), stringify({ ...example('first-purchase.flow.yaml'), theme: 'huge.yaml' }));
    const r = await jfCapped(['validate', '--format', 'json', d]);
    expectCleanEnd(r);
    expect(jsonDiagnostics(r).find((x) => x.path === '/theme')).toMatchObject({ rule: 'unknown-reference', message: expect.stringMatching(/larger than/) });
  });
});

describe('-o keeps every output inside the output folder', () => {
  const flow = JSON.stringify({ kind: 'flow', nodes: [{ id: 's', type: 'start' }, { id: 'e', type: 'end' }], edges: ['s -> e'] });

  it('inputs in sub-folders keep their layout under -o, and nothing is written elsewhere', async () => {
    const base = tmpDir('jf-out-');
    for (const f of ['a.flow.yaml', 'sub/b.flow.yaml', 'sub/deeper/c.flow.yaml', 'sub/deeper/deepest/d.flow.yaml']) {
      fs.mkdirSync(path.dirname(path.join(base, 'in', f)), { recursive: true });
      fs.writeFileSync(path.join(base, 'in', f), flow);
    }
    const before = listFiles(base);
    const r = await jfCapped(['build', path.join(base, 'in'), '-o', path.join(base, 'out'), '-f', 'svg,mmd']);
    expectCleanEnd(r);
    expect(r.code).toBe(0);
    expect(listFiles(path.join(base, 'out'))).toEqual(['.journeyflow-manifest.json', 'a.flow.mmd', 'a.flow.svg', 'sub/b.flow.mmd', 'sub/b.flow.svg', 'sub/deeper/c.flow.mmd', 'sub/deeper/c.flow.svg', 'sub/deeper/deepest/d.flow.mmd', 'sub/deeper/deepest/d.flow.svg']);
    expect(listFiles(base).filter((f) => !f.startsWith('out/'))).toEqual(before);
  });

  it('a glob that climbs out of its own prefix still writes only under -o', async () => {
    const base = tmpDir('jf-glob-');
    fs.mkdirSync(path.join(base, 'w', 'a'), { recursive: true });
    fs.mkdirSync(path.join(base, 'b'), { recursive: true });
    fs.writeFileSync(path.join(base, 'w', 'a', 'y.flow.yaml'), flow);
    fs.writeFileSync(path.join(base, 'b', 'x.flow.yaml'), flow);
    const r = await jfCapped(['build', '*/../../b/*.flow.yaml', 'a/*.flow.yaml', '-o', 'out'], { cwd: path.join(base, 'w') });
    expectCleanEnd(r);
    expect(r.code, r.stderr).toBe(0);
    const all = listFiles(base).filter((f) => f.endsWith('.svg'));
    expect(all.length).toBe(2);
    for (const f of all) expect(f.startsWith('w/out/'), f).toBe(true);
  });

  it('a -o that is a file, or lies under a file, is one clear line and exit 2', async () => {
    const base = tmpDir('jf-ofile-');
    fs.writeFileSync(path.join(base, 'in.flow.yaml'), flow);
    fs.writeFileSync(path.join(base, 'taken'), 'not a folder');
    for (const out of ['taken', 'taken/below']) {
      const r = await jfCapped(['build', 'in.flow.yaml', '-o', out], { cwd: base });
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/^journeyflow: cannot write .*taken is a file, not a folder/);
      expect(r.stderr).not.toMatch(STACK);
      expect(fs.readFileSync(path.join(base, 'taken'), 'utf8')).toBe('not a folder');
    }
  });
});
