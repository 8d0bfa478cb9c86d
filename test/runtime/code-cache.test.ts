import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import vm from 'node:vm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cacheFileName, loadCommonJs, RUNTIME_KEY, saveCodeCaches } from '../../src/runtime/code-cache.js';
import { fixture, ROOT, tmpDir } from '../support/cli.js';
import { run, runCli } from './spawn.js';

const require = createRequire(import.meta.url);
/** The examples are built to svg and mmd: two files each. */
const EXAMPLE_OUTPUTS = 2 * fs.readdirSync(path.join(ROOT, 'examples')).filter((f) => f.endsWith('.yaml')).length;
const saved = { XDG_CACHE_HOME: process.env.XDG_CACHE_HOME, JOURNEYFLOW_NO_CACHE: process.env.JOURNEYFLOW_NO_CACHE };
afterEach(() => {
  vi.restoreAllMocks();
  for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k]; else process.env[k] = v;
});

/** Loads a module through the built code-cache loader in a new Node process. */
async function loadInChild(file: string, env: Record<string, string>): Promise<{ v: unknown; needsCache: boolean }> {
  const loader = pathToFileURL(path.join(ROOT, 'dist', 'runtime', 'code-cache.js')).href;
  const script = `import(${JSON.stringify(loader)}).then(({ loadCommonJs }) => { const m = loadCommonJs(${JSON.stringify(file)}, require); console.log(JSON.stringify({ v: m.exports.v, needsCache: m.needsCache })); })`;
  const r = await run(process.execPath, ['-e', script], { env });
  expect(r.code, r.stderr).toBe(0);
  return JSON.parse(r.stdout);
}

const cacheFiles = (home: string) => (fs.existsSync(path.join(home, 'journeyflow')) ? fs.readdirSync(path.join(home, 'journeyflow')).filter((f) => f.endsWith('.v8cache')).sort() : []);

/** A fresh cache folder and one module file in a fresh folder; caching on. */
function setUp(source: string): { home: string; dir: string; file: string } {
  const home = tmpDir();
  process.env.XDG_CACHE_HOME = home;
  delete process.env.JOURNEYFLOW_NO_CACHE;
  const dir = fixture({ 'mod.cjs': source });
  return { home, dir, file: path.join(dir, 'mod.cjs') };
}

/** Every output of a build of the examples, by name. */
async function buildExamples(env: Record<string, string | undefined>, bin?: string): Promise<Record<string, string>> {
  const out = tmpDir();
  const r = await runCli(['build', path.join(ROOT, 'examples'), '-o', out, '-f', 'svg,mmd', '-q'], { env, bin });
  expect(r.code, r.stderr).toBe(0);
  expect(r.stderr, 'a build of the examples prints nothing with -q').toBe('');
  // The outputs, not the build manifest kept beside them.
  return Object.fromEntries(fs.readdirSync(out).filter((f) => f !== '.journeyflow-manifest.json').sort().map((f) => [f, fs.readFileSync(path.join(out, f), 'utf8')]));
}

describe('V8 code cache for the CLI bundle and elkjs', () => {
  it('writes a cache once, uses it on the next load, and gives the module its exports and require', () => {
    const { home, dir, file } = setUp("const path = require('node:path');\nexports.answer = (x) => x * 2;\nexports.where = path.basename(__filename) + ':' + path.basename(__dirname);\n");
    const first = loadCommonJs(file, require);
    expect(first.exports.answer(21)).toBe(42);
    expect(first.exports.where).toBe(`mod.cjs:${path.basename(dir)}`);
    expect(first.needsCache).toBe(true);
    expect(cacheFiles(home), 'nothing is written before the work is done').toEqual([]);
    saveCodeCaches();
    first.saveCodeCache(); // already written: writes nothing more
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

  it('keys the cache by Node version, V8 version and architecture, and leaves other runtimes\' caches alone', () => {
    const { home, file } = setUp('exports.v = 4;\n');
    expect(RUNTIME_KEY).toBe(`${process.version}-v8-${process.versions.v8}-${process.arch}`);
    const name = cacheFileName(file, fs.readFileSync(file));
    expect(name).toMatch(new RegExp(`^mod\\.cjs-[0-9a-f]{16}-${RUNTIME_KEY.replace(/[.+]/g, '\\$&')}\\.v8cache$`));
    // Another Node sharing this home (same script content, other runtime), and a name of the old scheme.
    const otherRuntime = name.replace(RUNTIME_KEY, `v22.12.0-v8-12.4.254.21-node.21-${process.arch}`);
    const legacy = name.replace(RUNTIME_KEY, `${process.version}-${process.arch}`);
    fs.mkdirSync(path.join(home, 'journeyflow'));
    for (const n of [otherRuntime, legacy]) fs.writeFileSync(path.join(home, 'journeyflow', n), 'its cache');
    loadCommonJs(file, require).saveCodeCache();
    expect(cacheFiles(home)).toEqual([name, otherRuntime].sort());
    expect(fs.readFileSync(path.join(home, 'journeyflow', otherRuntime), 'utf8')).toBe('its cache');
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

  it('an unwritable cache folder costs nothing: V8 is never asked for a cache it could not store', () => {
    const { file } = setUp('exports.v = 5;\n');
    // A cache folder under a regular file can never be created (this holds for root too).
    const blocker = path.join(tmpDir(), 'a-file');
    fs.writeFileSync(blocker, '');
    process.env.XDG_CACHE_HOME = path.join(blocker, 'cache');
    const create = vi.spyOn(vm.Script.prototype, 'createCachedData');
    const m = loadCommonJs(file, require);
    expect(m.exports.v).toBe(5);
    m.saveCodeCache();
    expect(create).not.toHaveBeenCalled();
    expect(fs.statSync(blocker).isFile()).toBe(true);
  });

  it('the CLI builds the same bytes with a fresh cache folder, a warm one, an unwritable one, and caching off', async () => {
    const home = tmpDir();
    const cold = await buildExamples({ XDG_CACHE_HOME: home, JOURNEYFLOW_NO_CACHE: undefined });
    const written = cacheFiles(home);
    expect(written.filter((f) => f.startsWith('journeyflow.cjs-') && f.includes(RUNTIME_KEY))).toHaveLength(1);
    expect(written.filter((f) => f.startsWith('elk-worker.min.js-') && f.includes(RUNTIME_KEY))).toHaveLength(1);
    expect(written.some((f) => f.endsWith('.tmp'))).toBe(false);
    const warm = await buildExamples({ XDG_CACHE_HOME: home, JOURNEYFLOW_NO_CACHE: undefined });
    expect(cacheFiles(home), 'a warm run rewrites nothing').toEqual(written);
    const blocker = path.join(tmpDir(), 'a-file');
    fs.writeFileSync(blocker, '');
    const unwritable = await buildExamples({ XDG_CACHE_HOME: path.join(blocker, 'cache'), JOURNEYFLOW_NO_CACHE: undefined });
    const off = await buildExamples({ JOURNEYFLOW_NO_CACHE: '1' });
    expect(Object.keys(cold).length).toBe(EXAMPLE_OUTPUTS);
    expect(warm).toEqual(cold);
    expect(unwritable).toEqual(cold);
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
    const env = { XDG_CACHE_HOME: tmpDir(), JOURNEYFLOW_NO_CACHE: undefined };
    const plain = await buildExamples(env, path.join(pkg, 'bin', 'journeyflow.js'));
    expect(Object.keys(plain)).toHaveLength(EXAMPLE_OUTPUTS);
    expect(plain).toEqual(await buildExamples(env));
  });
});
