#!/usr/bin/env node
// `node bench/sites.mjs`: what 50 journeyflow diagrams cost a VitePress and an Astro build (the
// test sites of test/sites), cold (empty cache) and cached (a rebuild of the unchanged site),
// against the same pages with the blocks as plain YAML code; and mermaid-cli rendering the same
// diagrams' Mermaid (the browser-based route). Not a test: nothing here fails on a number.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SITES = path.join(ROOT, 'test', 'sites');
const BIN = (name) => path.join(ROOT, 'node_modules', '.bin', name);
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'jf-bench-sites-'));
const VARIANTS = 5; // 10 examples × 5 variants = 50 diagrams, each distinct (own title), so none shares a cache entry
const fmt = (ms) => `${(ms / 1000).toFixed(2)} s`;

/** Wall time of a child process, as CI waits for it. */
function timed(cmd, args, cwd, env = {}) {
  return new Promise((resolve, reject) => {
    const t = performance.now();
    const child = spawn(cmd, args, { cwd, env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => (err += d));
    child.once('error', reject);
    child.once('close', (code) => (code === 0 ? resolve(performance.now() - t) : reject(new Error(`${cmd} ${args.join(' ')} exited ${code}: ${err.slice(-800)}`))));
  });
}

/** 50 diagram files: every example in 5 folders, titles numbered (links between examples still resolve). */
function writeDiagrams() {
  const out = path.join(SITES, 'bench-diagrams');
  const examples = fs.readdirSync(path.join(ROOT, 'examples')).filter((f) => f.endsWith('.yaml')).sort();
  for (let v = 1; v <= VARIANTS; v++) {
    fs.mkdirSync(path.join(out, `v${v}`), { recursive: true });
    for (const f of examples) {
      const text = fs.readFileSync(path.join(ROOT, 'examples', f), 'utf8').replace(/^title: (.*)$/m, (_m, t) => `title: ${t.replace(/^["']|["']$/g, '')} ${v}`);
      fs.writeFileSync(path.join(out, `v${v}`, f), text);
    }
  }
  return examples.flatMap((f) => Array.from({ length: VARIANTS }, (_, i) => `v${i + 1}/${f}`));
}

/** Ten pages of five blocks each; `lang` journeyflow draws them, yaml shows the same include as code. */
function writePages(dir, relToDiagrams, files, lang, frontMatter) {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  for (let p = 0; p < files.length / 5; p++) {
    const blocks = files.slice(p * 5, p * 5 + 5).map((f) => `## ${f}\n\n\`\`\`${lang} src=${relToDiagrams}/${f}\n\`\`\`\n`);
    fs.writeFileSync(path.join(dir, `page-${p + 1}.md`), `---\ntitle: Bench ${p + 1}\n${frontMatter}---\n\n# Bench ${p + 1}\n\n${blocks.join('\n')}`);
  }
}

const sites = [
  { name: 'VitePress', pages: path.join(SITES, 'vitepress', 'bench'), rel: '../../bench-diagrams', front: '',
    build: (env) => timed(BIN('vitepress'), ['build', '.', '--outDir', path.join(work, 'vp-dist')], path.join(SITES, 'vitepress'), env) },
  { name: 'Astro', pages: path.join(SITES, 'astro', 'src', 'pages', 'bench'), rel: '../../../../bench-diagrams', front: 'layout: ../../layouts/Page.astro\n',
    build: (env) => timed(BIN('astro'), ['build', '--outDir', path.join(work, 'astro-dist')], path.join(SITES, 'astro'), env) },
];

const rows = [];
try {
  const files = writeDiagrams();
  console.log(`journeyflow docs-site benchmark — ${os.cpus().length} cores, Node ${process.version}, ${files.length} diagrams on 10 pages`);
  for (const site of sites) {
    writePages(site.pages, site.rel, files, 'yaml', site.front);
    await site.build({ JF_SITE_CACHE: path.join(work, 'unused') }); // warms the generator's own caches (Vite deps)
    const plain = await site.build({ JF_SITE_CACHE: path.join(work, 'unused') });
    writePages(site.pages, site.rel, files, 'journeyflow', site.front);
    const cache = path.join(work, `cache-${site.name}`);
    const cold = await site.build({ JF_SITE_CACHE: cache });
    const cached = await site.build({ JF_SITE_CACHE: cache });
    rows.push([site.name, fmt(plain), fmt(cold), fmt(cold - plain), fmt(cached), fmt(cached - plain)]);
  }
  // The browser route for the same 50 diagrams: their Mermaid through mermaid-cli in Chromium (one browser).
  const mmdc = fs.existsSync(path.join(ROOT, 'node_modules', '@mermaid-js', 'mermaid-cli')) && fs.existsSync('/usr/bin/chromium');
  const mermaid = mmdc ? await timed(process.execPath, [path.join(ROOT, 'bin', 'journeyflow.js'), 'build', path.join(SITES, 'bench-diagrams'), '-o', path.join(work, 'mmd'), '--engine', 'mermaid', '-q'], ROOT) : undefined;
  console.log('\n| site | plain YAML blocks | 50 diagrams, cold | cost, cold | 50 diagrams, cached | cost, cached |\n|---|---|---|---|---|---|');
  for (const r of rows) console.log(`| ${r.join(' | ')} |`);
  console.log(mermaid === undefined ? '\nmermaid-cli: not installed or no /usr/bin/chromium; comparison skipped' : `\nmermaid-cli (Chromium) rendering the same 50 diagrams' Mermaid: ${fmt(mermaid)}`);
  console.log('targets (issue 19): cost ≤ 2 s cold and ≤ 0.2 s cached on the VitePress site');
} finally {
  for (const site of sites) fs.rmSync(site.pages, { recursive: true, force: true });
  fs.rmSync(path.join(SITES, 'bench-diagrams'), { recursive: true, force: true });
  fs.rmSync(work, { recursive: true, force: true });
}
