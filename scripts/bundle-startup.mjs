// esbuild plugins for the CLI bundle (scripts/bundle.mjs) that take work off every start of the
// CLI: measured on a one-file build (docs/performance-notes.md). Each leaves its package as it was,
// with a warning, when the code it rewrites no longer looks as expected: the bundle is then only
// slower to start, never wrong.
import fs from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import path from 'node:path';

/**
 * linebreak builds its UAX #14 class trie at load: base64 decoding and two inflate passes of
 * unicode-trie's packed data (~7-11 ms of every start, line breaking or not). The trie is built
 * here instead, at bundle time, by the same packages, and the bundle gets its inflated words
 * (57 KB, as base64 that Buffer decodes natively) with unicode-trie's constructor for pre-parsed
 * data. The words are written little-endian, the packed form's order, and go through
 * unicode-trie's own swap32LE like inflated data does, so a big-endian host reads them right too.
 */
export const linebreakTrieInflated = {
  name: 'linebreak-trie-inflated',
  setup(build) {
    build.onLoad({ filter: /[\\/]linebreak[\\/]dist[\\/]module\.mjs$/ }, (args) => {
      const text = fs.readFileSync(args.path, 'utf8');
      const load = /const (\$\w+\$var\$data) = ([\w$]+)\.toByteArray\("([A-Za-z0-9+/=]+)"\);\s*const (\$\w+\$var\$classTrie) = new ([\w$]+)\(\1\);/;
      const found = load.exec(text);
      if (!found) {
        console.warn('journeyflow: linebreak no longer loads its trie as expected; it is inflated at start as before');
        return { contents: text, loader: 'js' };
      }
      const [whole, , base64Name, packed, trieName, trieClass] = found;
      const packageRequire = createRequire(args.path);
      const UnicodeTrie = packageRequire('unicode-trie');
      const trie = new UnicodeTrie(packageRequire('base64-js').toByteArray(packed));
      const words = Buffer.alloc(trie.data.length * 4);
      trie.data.forEach((word, i) => words.writeUInt32LE(word, i * 4));
      const swapPath = JSON.stringify(packageRequire.resolve('unicode-trie/swap.js'));
      const inflated = `const ${trieName} = new ${trieClass}({ data: __inflatedTrieWords(${JSON.stringify(words.toString('base64'))}), highStart: ${trie.highStart}, errorValue: ${trie.errorValue} });`;
      const decoder = [
        `import { swap32LE as __swap32LE } from ${swapPath};`,
        // A copy into a Uint32Array of its own: Buffer's memory may be pooled, or not 4-byte aligned.
        'function __inflatedTrieWords(base64) { const words = new Uint32Array(Buffer.byteLength(base64, "base64") / 4); const bytes = new Uint8Array(words.buffer); bytes.set(Buffer.from(base64, "base64")); __swap32LE(bytes); return words; }',
      ].join('\n');
      let contents = `${decoder}\n${text.replace(whole, () => inflated)}`;
      // base64-js was there only for the packed data.
      if (!contents.includes(`${base64Name}.`)) contents = contents.replace(`import ${base64Name} from "base64-js";\n`, '');
      return { contents, loader: 'js', resolveDir: path.dirname(args.path) };
    });
  },
};

/** Built-ins imported only on the paths that need them (see lazyChildProcess): never shared, never loaded at start. */
const LAZY_BUILTINS = new Set(['child_process']);
const BUILTINS = new Set(builtinModules);

/**
 * esbuild gives each ES module that imports a Node built-in its own `__toESM(require("node:fs"))`:
 * a new object with a getter per export (fs has ~100), made at start for every importer (85 of
 * them, ~13 ms). Imports of a built-in from ES modules are pointed instead at one module per
 * built-in that re-exports it: one copy of the exports per built-in, named imports read through
 * the same getters as before (lazy ones such as fs.promises stay lazy). `require()` calls of
 * CommonJS packages are left as they are: they return the built-in itself, nothing is copied.
 */
export const sharedBuiltins = {
  name: 'shared-builtins',
  setup(build) {
    build.onResolve({ filter: /^(node:)?[a-z_/]+$/ }, (args) => {
      const name = args.path.replace(/^node:/, '');
      if (args.kind !== 'import-statement' || args.namespace === 'shared-builtin' || !BUILTINS.has(name) || LAZY_BUILTINS.has(name)) return undefined;
      return { path: name, namespace: 'shared-builtin' };
    });
    build.onLoad({ filter: /.*/, namespace: 'shared-builtin' }, (args) => ({
      contents: `export * from "node:${args.path}";\nexport default require("node:${args.path}");\n`,
      loader: 'js',
    }));
  },
};

/**
 * commander requires node:child_process at load for executable subcommands, which journeyflow
 * has none of: loading it (with internal/child_process, net, dgram...) costs every start. The
 * require is made when commander first spawns.
 */
export const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(build) {
    build.onLoad({ filter: /[\\/]commander[\\/]lib[\\/]command\.js$/ }, (args) => {
      const text = fs.readFileSync(args.path, 'utf8');
      const eager = "const childProcess = require('node:child_process');";
      if (!text.includes(eager)) console.warn('journeyflow: commander no longer requires child_process as expected; it stays loaded at start');
      const lazy = "const childProcess = { spawn: (...args) => require('node:child_process').spawn(...args) };";
      return { contents: text.replace(eager, lazy), loader: 'js' };
    });
  },
};
