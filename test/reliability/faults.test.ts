import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { makeCompiler, type Compile } from '../../src/cli/pool.js';
import type { BuildOptions } from '../../src/cli/build-options.js';
import type { InputFile } from '../../src/cli/inputs.js';
import { jf, tmpDir } from '../support/cli.js';
import { seededRandom } from '../support/random.js';
import { chainFlow, expectCleanEnd, jfCapped, jfStart, listFiles, STACK } from './helpers.js';

const PNG_END = Buffer.from([0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]);

/** Every output on disk is whole: SVGs end with their closing tag, PNGs with IEND, no temp files. */
function expectAllWhole(out: string): string[] {
  const files = listFiles(out);
  expect(files.filter((f) => /\.tmp$|\.tmp\b/.test(f)), 'temporary files left').toEqual([]);
  for (const f of files) {
    const bytes = fs.readFileSync(path.join(out, f));
    if (f.endsWith('.svg')) {
      const s = bytes.toString('utf8');
      expect(s.startsWith('<svg '), f).toBe(true);
      expect(s.endsWith('</svg>\n'), `${f} is cut short (${bytes.length} bytes)`).toBe(true);
    } else if (f.endsWith('.png')) {
      expect(bytes.subarray(-12).equals(PNG_END), `${f} is cut short`).toBe(true);
    } else if (f.endsWith('.mmd')) {
      expect(bytes.toString('utf8'), f).toMatch(/^(---[\s\S]*?---\n)?(%%.*\n)*(flowchart|journey|stateDiagram-v2)\b[\s\S]*\n$/);
    }
  }
  return files;
}

describe('a failed diagram keeps its last good outputs', () => {
  const BREAKS: Array<[string, (good: string) => string]> = [
    ['a YAML syntax error', (g) => g.replace('nodes:', 'nodes: [')],
    ['a schema error', (g) => g.replace('type: start', 'type: beginning')],
    ['an unknown edge target', (g) => g.replace('- s -> n0', '- s -> nowhere')],
    ['a truncated file', (g) => g.slice(0, Math.floor(g.length / 2))],
    ['an empty file', () => 'kind: flow\n'],
    ['an alias bomb', (g) => `${g}x: &a [1,1,1,1,1,1,1,1,1,1]\ny: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\nz: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b,*b]\n`],
    ['a label over the text bound', (g) => g.replace('step 1', 'x'.repeat(6000))],
    ['a reference leaving the tree', (g) => g.replace('{ id: n2,', '{ id: n2, type: subprocess, ref: ../../etc/passwd,')],
  ];

  it('svg, png and mmd survive every kind of breakage, while the other inputs still build', async () => {
    const dir = tmpDir('jf-lastgood-');
    const out = path.join(dir, 'out');
    const good = chainFlow(4);
    fs.writeFileSync(path.join(dir, 'keep.flow.yaml'), good);
    fs.writeFileSync(path.join(dir, 'other.flow.yaml'), chainFlow(2, (i) => `other ${i}`));
    const first = await jf(['build', dir, '-o', out, '-f', 'svg,png,mmd']);
    expectCleanEnd(first);
    expect(first.code).toBe(0);
    const names = ['keep.flow.svg', 'keep.flow.png', 'keep.flow.mmd'];
    const before = names.map((n) => fs.readFileSync(path.join(out, n)));
    let round = 0;
    for (const [what, breakIt] of BREAKS) {
      fs.writeFileSync(path.join(dir, 'keep.flow.yaml'), breakIt(good));
      fs.writeFileSync(path.join(dir, 'other.flow.yaml'), chainFlow(2, (i) => `other ${i}`, `round ${++round}`));
      const r = await jf(['build', dir, '-o', out, '-f', 'svg,png,mmd']);
      expectCleanEnd(r);
      expect(r.code, what).toBe(1);
      names.forEach((n, i) => expect(fs.readFileSync(path.join(out, n)).equals(before[i]), `${what}: ${n} changed`).toBe(true));
      expect(fs.readFileSync(path.join(out, 'other.flow.svg'), 'utf8'), what).toContain(`round ${round}`);
      expectAllWhole(out);
    }
  });
});

/** Outputs under `dir` (re)written since `since` (ms since the epoch): this run's progress, whatever earlier runs left. */
function writtenSince(dir: string, since: number): number {
  return listFiles(dir).filter((f) => (fs.statSync(path.join(dir, f), { throwIfNoEntry: false })?.mtimeMs ?? 0) >= since).length;
}

/** Polls until `check` holds; the deadline only bounds a hang (a build that neither writes nor ends). */
async function until(check: () => boolean, hangMs = 120000): Promise<void> {
  const end = Date.now() + hangMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`no progress in ${hangMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('an interrupted build leaves no temporary and no half-written file', () => {
  it('SIGINT and SIGTERM at seeded points of a 40-file build', async () => {
    const dir = tmpDir('jf-interrupt-');
    const inputs = path.join(dir, 'in');
    fs.mkdirSync(inputs);
    for (let i = 0; i < 40; i++) fs.writeFileSync(path.join(inputs, `f${String(i).padStart(2, '0')}.flow.yaml`), chainFlow(25 + (i % 7) * 5, (k) => `file ${i} step ${k} 中文`));
    const out = path.join(dir, 'out');
    const log: string[] = [];
    const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGTERM', 'SIGINT'];
    const random = seededRandom(15);
    let interrupted = 0;
    for (const [k, signal] of signals.entries()) {
      // Alternate one thread and a pool: with -j 2 the writes still happen on the main thread.
      const jobs = k % 2 ? '2' : '1';
      // The moment is a point in the build's progress, not in time, so a slow or busy machine
      // interrupts it at the same stage: after a seeded number (1 to 24 of 120) of outputs written.
      const after = 1 + Math.floor(random() * 24);
      const started = Date.now();
      // --force: each run writes everything again (the build manifest would let a rerun skip it all).
      const run = jfStart(['build', inputs, '-o', out, '-f', 'svg,png,mmd', '-j', jobs, '-q', '--force']);
      await until(() => run.child.exitCode !== null || writtenSince(out, started) >= after);
      const wasRunning = run.child.exitCode === null;
      run.child.kill(signal);
      const end = await run.done;
      log.push(`${signal} -j ${jobs} after ${after} outputs: running=${wasRunning} code=${end.code} signal=${end.signal} files=${listFiles(out).length}`);
      if (wasRunning) {
        interrupted++;
        expect(end.stderr, log.join('\n')).not.toMatch(STACK);
        expect([130, 143, null], log.join('\n')).toContain(end.code);
      }
      expectAllWhole(out);
    }
    expect(interrupted, log.join('\n')).toBe(signals.length);
    // A final uninterrupted build completes the set.
    const r = await jfCapped(['build', inputs, '-o', out, '-f', 'svg,png,mmd']);
    expectCleanEnd(r);
    expect(expectAllWhole(out).filter((f) => f !== '.journeyflow-manifest.json')).toHaveLength(120);
  });
});

describe('an output folder that cannot be written is one clear line and exit 2', () => {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const input = () => { const d = tmpDir('jf-ro-'); fs.writeFileSync(path.join(d, 'a.flow.yaml'), chainFlow(2)); return d; };
  const expectRefused = async (dir: string, out: string, reason: RegExp) => {
    const r = await jf(['build', path.join(dir, 'a.flow.yaml'), '-o', out]);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr.trim().split('\n'), r.stderr).toHaveLength(1);
    expect(r.stderr).toMatch(/^journeyflow: cannot write \S+a\.flow\.svg: /);
    expect(r.stderr).toMatch(reason);
    expect(r.stderr).not.toMatch(STACK);
    expect(r.stderr).not.toMatch(/\.tmp/);
  };

  it.skipIf(isRoot)('a read-only folder (chmod 555)', async () => {
    const dir = input();
    const out = path.join(dir, 'ro');
    fs.mkdirSync(out);
    fs.chmodSync(out, 0o555);
    try {
      await expectRefused(dir, out, /the output folder is not writable/);
      expect(fs.readdirSync(out)).toEqual([]);
    } finally { fs.chmodSync(out, 0o755); }
  });

  // chmod does not stop root, so as root the same failure comes from a folder no one may write:
  // sysfs refuses new files even to root.
  it('a folder even root cannot write (sysfs), when there is one', async (ctx) => {
    let blocked = false;
    try { fs.writeFileSync('/sys/kernel/jf-probe', 'x'); fs.rmSync('/sys/kernel/jf-probe'); } catch (err) { blocked = ['EACCES', 'EPERM', 'EROFS'].includes((err as NodeJS.ErrnoException).code ?? ''); }
    if (!blocked) return ctx.skip();
    await expectRefused(input(), '/sys/kernel', /the output folder is not writable/);
  });

  it('an output folder whose path runs through a regular file', async () => {
    const dir = input();
    fs.writeFileSync(path.join(dir, 'plain-file'), 'x');
    await expectRefused(dir, path.join(dir, 'plain-file', 'out'), /plain-file is a file, not a folder/);
  });
});

describe('a crashed worker costs only its own file', () => {
  const dir = tmpDir('jf-crash-');
  const opts: BuildOptions = { formats: ['svg'], scale: 1, strict: false, limits: {}, format: 'text', quiet: true };
  const input = (name: string): InputFile => ({ absPath: path.join(dir, name), display: name, base: dir });
  const worker = pathToFileURL(path.join(import.meta.dirname, 'crash-worker.cjs')).href;
  // The building thread compiles too (N threads: N - 1 workers and itself); here it fails as a thrown task does.
  const here: Compile = async (i, text, o) => {
    if (text.includes('CRASH')) throw new Error('simulated compile failure');
    return (await import('../../src/cli/compile-input.js')).compileInput(i, text, o);
  };

  it('a thread that exits or a task that throws is an internal-error diagnostic for that file; the others compile', async () => {
    const { compile, close } = await makeCompiler(2, 6, here, Infinity, worker);
    try {
      const texts: Array<[string, string]> = [
        ['exit.flow.yaml', `# CRASH-EXIT\n${chainFlow(2)}`],
        ['good1.flow.yaml', chainFlow(3)],
        ['throw.flow.yaml', `# CRASH-THROW\n${chainFlow(2)}`],
        ['good2.flow.yaml', chainFlow(4)],
        ['exit2.flow.yaml', `# CRASH-EXIT\n${chainFlow(2)}`],
        ['good3.flow.yaml', chainFlow(5)],
      ];
      const results = await Promise.all(texts.map(([name, text]) => compile(input(name), text, opts)));
      texts.forEach(([name], i) => {
        const r = results[i];
        if (name.startsWith('good')) {
          expect(r.diagnostics, name).toEqual([]);
          expect(r.outputs).toHaveLength(1);
          expect(String(r.outputs[0].bytes).endsWith('</svg>\n')).toBe(true);
        } else {
          expect(r.outputs, name).toEqual([]);
          expect(r.diagnostics, name).toMatchObject([{ file: name, line: 1, column: 1, rule: 'internal-error', severity: 'error' }]);
          expect(r.diagnostics[0].message).toMatch(/(worker|compiler) failed/);
        }
      });
      // The first task goes to the worker, whose thread exits on it.
      expect(results[0].diagnostics[0].message).toMatch(/worker failed/);
      // The pool still works after the crashes.
      const again = await compile(input('after.flow.yaml'), chainFlow(2), opts);
      expect(again.outputs).toHaveLength(1);
    } finally {
      await close();
    }
  });

  it('in one thread, a compile that throws is reported per file as well', async () => {
    const throwing: Compile = async (i, text) => { if (text.includes('boom')) throw new RangeError('Maximum call stack size exceeded'); return { diagnostics: [], outputs: [{ file: i.display, bytes: 'ok' }] }; };
    const { compile, close } = await makeCompiler(1, 3, throwing);
    const [a, b] = [await compile(input('a.flow.yaml'), 'boom', opts), await compile(input('b.flow.yaml'), 'fine', opts)];
    await close();
    expect(a).toMatchObject({ outputs: [], diagnostics: [{ file: 'a.flow.yaml', rule: 'internal-error' }] });
    expect(b.outputs).toHaveLength(1);
  });
});
