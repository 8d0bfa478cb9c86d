import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { loadCommonJs } from '../../src/runtime/code-cache.js';
import { fixture, jfProcess, ROOT, runNode, tmpDir } from '../support/cli.js';

const require = createRequire(import.meta.url);
const saved = { XDG_CACHE_HOME: process.env.XDG_CACHE_HOME, JOURNEYFLOW_NO_CACHE: process.env.JOURNEYFLOW_NO_CACHE };
afterEach(() => {
  for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k]; else process.env[k] = v;
});

/** Loads a module through the built code-cache loader in a new Node process. */
async function loadInChild(file: string, env: Record<string, string>): Promise<{ v: unknown; needsCache: boolean }> {
  const loader = pathToFileURL(path.join(ROOT, 'dist', 'runtime', 'code-cache.js')).href;
  const script = `import(${JSON.stringify(loader)}).then(({ loadCommonJs }) => { const m = loadCommonJs(${JSON.stringify(file)}, require); console.log(JSON.stringify({ v: m.exports.v, needsCache: m.needsCache })); })`;
  const r = await runNode(['-e', script], { env });
  return JSON.parse(r.stdout);
}

const cacheFiles = (home: string) => (fs.existsSync(path.join(home, 'journeyflow')) ? fs.readdirSync(path.join(home, 'journeyflow')).filter((f) => f.endsWith('.v8cache')) : []);

/** A fresh cache folder and one module file in a fresh folder; caching on. */
function setUp(source: string): { home: string; dir: string; file: string } {
  const home = tmpDir();
  process.env.XDG_CACHE_HOME = home;
  delete process.env.JOURNEYFLOW_NO_CACHE;
  const dir = fixture({ 'mod.cjs': source });
  return { home, dir, file: path.join(dir, 'mod.cjs') };
}

describe('V8 code cache for the CLI bundle and elkjs', () => {
  it('writes a cache once, uses it on the next load, and gives the module its exports and require', () => {
    const { home, dir, file } = setUp("const path = require('node:path');\nexports.answer = (x) => x * 2;\nexports.where = path.basename(__filename) + ':' + path.basename(__dirname);\n");
    const first = loadCommonJs(file, require);
    expect(first.exports.answer(21)).toBe(42);
    expect(first.exports.where).toBe(`mod.cjs:${path.basename(dir)}`);
    expect(first.needsCache).toBe(true);
    first.saveCodeCache();
    first.saveCodeCache(); // a second call writes nothing more
    expect(cacheFiles(home)).toHaveLength(1);
    const second = loadCommonJs(file, require);
    expect(second.needsCache).toBe(false);
    expect(second.exports.answer(4)).toBe(8);
  });

  it('keys the cache by content: an edited file gets a new cache and the old one is removed', () => {
    const { home, file } = setUp('exports.v = 1;\n');
    loadCommonJs(file, require).saveCodeCache();
    const before = cacheFiles(home);
    // Same length, different content: V8's own check (source length) would not notice.
    fs.writeFileSync(file, 'exports.v = 2;\n');
    const edited = loadCommonJs(file, require);
    expect(edited.exports.v).toBe(2);
    expect(edited.needsCache).toBe(true);
    edited.saveCodeCache();
    const after = cacheFiles(home);
    expect(after).toHaveLength(1);
    expect(after[0]).not.toBe(before[0]);
  });

  it('a corrupt cache is rejected by V8 and replaced; JOURNEYFLOW_NO_CACHE turns caching off', async () => {
    const { home, file } = setUp('exports.v = 3;\n');
    loadCommonJs(file, require).saveCodeCache();
    const [name] = cacheFiles(home);
    fs.writeFileSync(path.join(home, 'journeyflow', name), Buffer.from('not a code cache'));
    // In a fresh process: within one, V8 answers a second compile of the same source from memory.
    expect(await loadInChild(file, { XDG_CACHE_HOME: home })).toEqual({ v: 3, needsCache: true });

    const off = tmpDir();
    process.env.XDG_CACHE_HOME = off;
    process.env.JOURNEYFLOW_NO_CACHE = '1';
    const uncached = loadCommonJs(file, require);
    expect(uncached.needsCache).toBe(false);
    uncached.saveCodeCache();
    expect(cacheFiles(off)).toEqual([]);
  });

  it('the CLI builds the same bytes with a fresh cache folder, a warm one, and caching off', async () => {
    const outputs = async (env: Record<string, string>) => {
      const out = tmpDir();
      const r = await jfProcess(['build', 'examples', '-o', out, '-f', 'svg,mmd', '-q'], { env });
      expect(r.code, r.stderr).toBe(0);
      return Object.fromEntries(fs.readdirSync(out).sort().map((f) => [f, fs.readFileSync(path.join(out, f), 'utf8')]));
    };
    const home = tmpDir();
    const cold = await outputs({ XDG_CACHE_HOME: home });
    expect(cacheFiles(home).some((f) => f.startsWith('journeyflow.cjs-'))).toBe(true);
    expect(cacheFiles(home).some((f) => f.startsWith('elk-worker.min.js-'))).toBe(true);
    const warm = await outputs({ XDG_CACHE_HOME: home });
    const off = await outputs({ JOURNEYFLOW_NO_CACHE: '1' });
    expect(Object.keys(cold).length).toBe(20);
    expect(warm).toEqual(cold);
    expect(off).toEqual(cold);
  });

  it('without the bundle (esbuild unavailable at install), the CLI runs from the plain modules with the same bytes', async () => {
    // A copy of the package whose dist/ lacks the bundle; everything else is linked to this one.
    const pkg = tmpDir('jf-nobundle-');
    fs.cpSync(path.join(ROOT, 'bin'), path.join(pkg, 'bin'), { recursive: true });
    fs.cpSync(path.join(ROOT, 'dist'), path.join(pkg, 'dist'), { recursive: true });
    fs.rmSync(path.join(pkg, 'dist', 'cli', 'journeyflow.cjs'));
    fs.copyFileSync(path.join(ROOT, 'package.json'), path.join(pkg, 'package.json'));
    for (const linked of ['node_modules', 'schemas', 'fonts', 'examples']) fs.symlinkSync(path.join(ROOT, linked), path.join(pkg, linked));
    const build = async (bin: string) => {
      const out = tmpDir();
      const r = await runNode([bin, 'build', path.join(ROOT, 'examples'), '-o', out, '-f', 'svg,mmd', '-q']);
      expect(r.code, r.stderr).toBe(0);
      return Object.fromEntries(fs.readdirSync(out).sort().map((f) => [f, fs.readFileSync(path.join(out, f), 'utf8')]));
    };
    const plain = await build(path.join(pkg, 'bin', 'journeyflow.js'));
    expect(Object.keys(plain)).toHaveLength(20);
    expect(plain).toEqual(await build(path.join(ROOT, 'bin', 'journeyflow.js')));
  });
});
