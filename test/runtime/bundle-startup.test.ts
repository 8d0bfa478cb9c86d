/**
 * What scripts/bundle-startup.mjs takes off every start of the CLI bundle, proven on the built
 * bundle (dist/cli/journeyflow.cjs, built by scripts/build-if-stale.mjs before the tests): the
 * linebreak trie comes inflated, each Node built-in is copied into one namespace object, and
 * node:child_process is not loaded until something runs a process. No timing here: that is
 * docs/performance-notes.md.
 */
import fs from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { linebreakTrieInflated } from '../../scripts/bundle-startup.mjs';
import { fixture, ROOT, tmpDir } from '../support/cli.js';
import { runCli } from './spawn.js';

const require = createRequire(import.meta.url);
const BUNDLE = path.join(ROOT, 'dist', 'cli', 'journeyflow.cjs');
const bundleText = () => fs.readFileSync(BUNDLE, 'utf8');
const BUILTINS = new Set(builtinModules);

/** The trie as the plain linebreak module builds it at load, from its packed data. */
function plainTrie(): { data: Uint32Array; highStart: number; errorValue: number } {
  const linebreakRequire = createRequire(require.resolve('linebreak'));
  const source = fs.readFileSync(linebreakRequire.resolve('linebreak'), 'utf8');
  const packed = /toByteArray\("([A-Za-z0-9+/=]+)"\)/.exec(source)?.[1];
  expect(packed, 'the plain module still holds packed trie data').toBeTruthy();
  const UnicodeTrie = linebreakRequire('unicode-trie');
  return new UnicodeTrie(linebreakRequire('base64-js').toByteArray(packed));
}

/** Break positions (and whether each is required) of `text`, by a LineBreaker class. */
function breaks(LineBreaker: new (text: string) => { nextBreak(): { position: number; required: boolean } | null }, text: string): string[] {
  const found: string[] = [];
  const breaker = new LineBreaker(text);
  for (let b = breaker.nextBreak(); b; b = breaker.nextBreak()) found.push(`${b.position}${b.required ? '!' : ''}`);
  return found;
}

/** linebreak alone, bundled through the same plugin as the CLI bundle, loaded from a file. */
async function bundledLinebreak(): Promise<new (text: string) => { nextBreak(): { position: number; required: boolean } | null }> {
  const { build } = await import('esbuild');
  const out = path.join(tmpDir('jf-linebreak-'), 'linebreak.cjs');
  const entry = fixture({ 'entry.mjs': `export { default } from ${JSON.stringify(require.resolve('linebreak').replace(/main\.cjs$/, 'module.mjs'))};\n` });
  await build({ entryPoints: [path.join(entry, 'entry.mjs')], bundle: true, platform: 'node', format: 'cjs', outfile: out, logLevel: 'silent', plugins: [linebreakTrieInflated] });
  const text = fs.readFileSync(out, 'utf8');
  expect(text, 'no packed data decoded at load').not.toMatch(/toByteArray|base64-js/);
  return require(out).default;
}

describe('the CLI bundle at start', () => {
  it('holds the linebreak trie inflated, word for word the one the plain module inflates', () => {
    const text = bundleText();
    expect(text, 'no base64-js, no packed trie data').not.toMatch(/toByteArray|base64-js/);
    const embedded = /new [\w$.]+\(\{ data: __inflatedTrieWords\("([A-Za-z0-9+/=]+)"\), highStart: (\d+), errorValue: (\d+) \}\)/.exec(text);
    expect(embedded, 'the inflated trie and its pre-parsed form').toBeTruthy();
    const bytes = Buffer.from(embedded![1], 'base64');
    const words = Array.from({ length: bytes.length / 4 }, (_, i) => bytes.readUInt32LE(i * 4));
    const plain = plainTrie();
    expect(words).toEqual(Array.from(plain.data));
    expect([Number(embedded![2]), Number(embedded![3])]).toEqual([plain.highStart, plain.errorValue]);
  });

  it('breaks lines where the plain linebreak module does, mixed Chinese and English included', async () => {
    const Bundled = await bundledLinebreak();
    const Plain = require('linebreak');
    const texts = [
      '客户提交售后申请（退货/换货），客服在 24 小时内审核；approved requests go to the warehouse — 仓库收货后 refund within 3-5 business days.',
      '“退款”已到账。Order #A-1024 shipped via SF-Express: 顺丰单号 SF1234567890，预计明天送达！\nNext line.',
      'e-mail: support@example.com, URL https://example.com/after-sales?id=42&lang=zh-CN 查看进度…',
      // Every BMP code point but the surrogates, then some beyond it: each one's class is looked up.
      Array.from({ length: 0x10000 }, (_, cp) => (cp >= 0xd800 && cp <= 0xdfff ? '' : String.fromCodePoint(cp))).join(''),
      '😀 emoji 👍🏽 and 𠀀𠀁 CJK Ext-B 𝒜',
    ];
    for (const text of texts) expect(breaks(Bundled, text)).toEqual(breaks(Plain, text));
  });

  it('copies each Node built-in into one namespace object, not one per importing module', () => {
    const text = bundleText();
    const perImporter = [...text.matchAll(/__toESM\(require\("([\w:/]+)"\)/g)].map((m) => m[1]).filter((name) => BUILTINS.has(name.replace(/^node:/, '')));
    expect(perImporter).toEqual([]);
    const shared = [...text.matchAll(/__reExport\(\w+, require\("node:([\w/]+)"\)\)/g)].map((m) => m[1]);
    expect(shared).toContain('fs');
    expect(shared).toContain('path');
    expect(shared.length, `one namespace each: ${shared.join(', ')}`).toBe(new Set(shared).size);
  });

  it('does not load node:child_process for a build, and loads it for `diff --git`', async () => {
    const home = tmpDir();
    const hook = path.join(fixture({ 'loaded.cjs': 'process.on("exit", () => require("fs").writeFileSync(process.env.JF_LOADED_LIST, JSON.stringify(process.moduleLoadList)));\n' }), 'loaded.cjs');
    const loadedBy = async (args: string[]): Promise<string[]> => {
      const list = path.join(tmpDir(), 'loaded.json');
      const r = await runCli(args, { env: { XDG_CACHE_HOME: home, JOURNEYFLOW_NO_CACHE: undefined, JF_LOADED_LIST: list, NODE_OPTIONS: `--require ${hook}` } });
      expect(r.code, r.stderr).toBe(0);
      return JSON.parse(fs.readFileSync(list, 'utf8'));
    };
    const example = path.join(ROOT, 'examples', 'after-sales.flow.yaml');
    // Twice: the first run compiles the bundle, the second runs it from the code cache the first wrote.
    for (let run = 0; run < 2; run++) {
      const loaded = await loadedBy(['build', example, '-o', path.join(tmpDir(), 'out'), '-q']);
      expect(loaded).toContain('NativeModule fs');
      expect(loaded).not.toContain('NativeModule child_process');
    }
    expect(await loadedBy(['diff', '--git', 'HEAD', example, '-o', path.join(tmpDir(), 'diff'), '-q'])).toContain('NativeModule child_process');
  });
});
