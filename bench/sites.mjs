#!/usr/bin/env node
// `node bench/sites.mjs`: what 50 journeyflow diagrams (each with dark mode) cost a VitePress build
// (inline SVG, then strategy 'file') and an Astro build (the test sites of test/sites), cold (empty
// cache, empty public/journeyflow) and cached (a rebuild of
// the unchanged site), against the same site without diagrams in the same run; and rehype-mermaid
// (Playwright driving Chromium) on the same diagrams' Mermaid in the same Astro site, cold and
// rebuilt. Prints each figure with its goal (issue 19) and the ratio. Not a test: nothing fails on
// a number. BENCH_SITES_RUNS=n (default 2) repeats each journeyflow build and keeps the fastest.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SITES = path.join(ROOT, 'test', 'sites');
const ASTRO = path.join(SITES, 'astro');
const BIN = (name) => path.join(ROOT, 'node_modules', '.bin', name);
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'jf-bench-sites-'));
const RUNS = Math.max(1, Number(process.env.BENCH_SITES_RUNS ?? 2));
const CHROMIUM = '/usr/bin/chromium';
// 10 examples (4 flows, 3 journey maps, 2 lifecycles, a funnel) × 5 variants = 50 diagrams.
const EXAMPLES = ['after-sales.flow.yaml', 'b2b-account.lifecycle.yaml', 'customer-management.flow.yaml', 'ecommerce-tiers.lifecycle.yaml',
  'first-purchase.flow.yaml', 'first-purchase.funnel.yaml', 'onsite-repair.flow.yaml', 'retail-blueprint.journey.yaml', 'retail-journey.journey.yaml', 'subscription.journey.yaml'];
const VARIANTS = 5;
const GOALS = { cold: 2000, cached: 200 };
const s = (ms) => `${(ms / 1000).toFixed(2)} s`;

/**
 * Wall and CPU time (user + system of the build and every process it waited for, Chromium
 * included) of one build, as CI waits for it. CPU time is what an unloaded machine would take at
 * most per core; on a busy machine wall time grows, CPU time much less.
 */
function timed(cmd, args, cwd, env = {}) {
  return new Promise((resolve, reject) => {
    const t = performance.now();
    // bash's `times` prints its children's CPU times; the build's own output goes to /dev/null.
    const child = spawn('bash', ['-c', '"$@" >/dev/null || exit $?; times', 'bench', cmd, ...args], {
      cwd, env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.once('error', reject);
    child.once('close', (code) => {
      const wall = performance.now() - t;
      if (code !== 0) return reject(new Error(`${path.basename(cmd)} ${args.join(' ')} exited ${code}: ${err.slice(-1500)}`));
      const [user, sys] = [...(out.trim().split('\n').pop() ?? '').matchAll(/(\d+)m([\d.]+)s/g)].map((m) => (Number(m[1]) * 60 + Number(m[2])) * 1000);
      resolve({ wall, cpu: user + sys });
    });
  });
}

const fastest = (a, b) => (a ? { wall: Math.min(a.wall, b.wall), cpu: Math.min(a.cpu, b.cpu) } : b);

/**
 * 50 distinct diagram files: every example in 5 folders, its title numbered and its labels
 * lengthened by the variant (so no two share a layout or a cache entry; links between examples
 * still resolve inside each folder).
 */
function writeDiagrams() {
  const out = path.join(SITES, 'bench-diagrams');
  for (let v = 1; v <= VARIANTS; v++) {
    fs.mkdirSync(path.join(out, `v${v}`), { recursive: true });
    for (const f of EXAMPLES) {
      const text = fs.readFileSync(path.join(ROOT, 'examples', f), 'utf8')
        .replace(/^title: (.*)$/m, (_m, t) => `title: ${t.replace(/^["']|["']$/g, '')} ${v}`)
        .replace(/\blabel: ([^\s,}"'#][^,}\n#]*?)(\s*[,}\n])/g, (_m, label, end) => `label: ${label}${'型'.repeat(v)}${end}`);
      fs.writeFileSync(path.join(out, `v${v}`, f), text);
    }
  }
  return { dir: out, files: Array.from({ length: VARIANTS }, (_, i) => EXAMPLES.map((f) => `v${i + 1}/${f}`)).flat() };
}

/** Ten pages of five blocks each; `block(file)` is the Markdown of one diagram. */
function writePages(dir, files, block, frontMatter) {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  for (let p = 0; p < files.length / 5; p++) {
    const blocks = files.slice(p * 5, p * 5 + 5).map((f) => `## ${f}\n\n${block(f)}\n`);
    fs.writeFileSync(path.join(dir, `page-${p + 1}.md`), `---\ntitle: Bench ${p + 1}\n${frontMatter}---\n\n# Bench ${p + 1}\n\n${blocks.join('\n')}`);
  }
}

const fence = (lang, rel) => (f) => `\`\`\`${lang} src=${rel}/${f}\n\`\`\``;
const sites = [
  { name: 'VitePress (markdown-it plugin)', pages: path.join(SITES, 'vitepress', 'bench'), published: path.join(SITES, 'vitepress', 'public', 'journeyflow'), rel: '../../bench-diagrams', front: '', share: true,
    build: (env) => timed(BIN('vitepress'), ['build', '.', '--outDir', path.join(work, 'vp-dist')], path.join(SITES, 'vitepress'), env) },
  { name: 'VitePress (markdown-it plugin)', strategy: 'file', pages: path.join(SITES, 'vitepress', 'bench'), published: path.join(SITES, 'vitepress', 'public', 'journeyflow'), rel: '../../bench-diagrams', front: '',
    build: (env) => timed(BIN('vitepress'), ['build', '.', '--outDir', path.join(work, 'vp-dist')], path.join(SITES, 'vitepress'), { ...env, JF_SITE_STRATEGY: 'file' }) },
  { name: 'Astro (rehype plugin)', pages: path.join(ASTRO, 'src', 'pages', 'bench'), published: path.join(ASTRO, 'public', 'journeyflow'), rel: '../../../../bench-diagrams', front: 'layout: ../../layouts/Page.astro\n',
    build: (env) => timed(BIN('astro'), ['build', '--outDir', path.join(work, 'astro-dist')], ASTRO, env) },
];

/** The same Astro site with rehype-mermaid in place of journeyflow (light and dark images, as journeyflow draws both). */
const MERMAID_CONFIG = path.join(ASTRO, 'astro.bench-mermaid.config.mjs');
function writeMermaidConfig() {
  fs.writeFileSync(MERMAID_CONFIG, `import { defineConfig } from 'astro/config';
import rehypeMermaid from 'rehype-mermaid';
export default defineConfig({
  markdown: {
    syntaxHighlight: { type: 'shiki', excludeLangs: ['mermaid', 'math'] },
    rehypePlugins: [[rehypeMermaid, { strategy: 'img-svg', dark: true, launchOptions: { executablePath: ${JSON.stringify(CHROMIUM)}, args: ['--no-sandbox', '--disable-gpu'] } }]],
  },
});
`);
}

const ratio = (cost, goal) => (cost <= 0 ? 'no measurable cost (met)' : `${(cost / goal).toFixed(2)}× goal${cost <= goal ? ' (met)' : ' (missed)'}`);
const row = (label, t, extra = '') => console.log(`| ${label} | ${s(t.wall)} | ${s(t.cpu)} | ${extra} |`);
const costOf = (t, base) => ({ wall: t.wall - base.wall, cpu: t.cpu - base.cpu });

/**
 * journeyflow's own share of the cached build: the markdown-it plugin rendering the same ten pages
 * from the warm cache in this process (cache lookups, published files checked), and the size of
 * the markup it hands the generator. The rest of the cached cost is the generator's work on that markup.
 */
async function pluginShare(pagesDir, cache) {
  const { default: MarkdownIt } = await import('markdown-it');
  const { default: journeyflow } = await import('../dist/plugins/markdown-it/index.js');
  const { journeyflowOptions } = await import('../test/sites/site-options.mjs');
  const md = new MarkdownIt().use(journeyflow, { ...journeyflowOptions('vitepress'), cache });
  const pages = fs.readdirSync(pagesDir).map((f) => path.join(pagesDir, f));
  const t = performance.now();
  let bytes = 0;
  for (const p of pages) bytes += md.render(fs.readFileSync(p, 'utf8'), { path: p }).length;
  return { ms: performance.now() - t, bytes };
}

/** Builds one site without diagrams, then with them cold and cached; prints the table; returns the costs. */
async function benchSite(site, files) {
  const unused = { JF_SITE_CACHE: path.join(work, 'unused') };
  const plainPages = () => writePages(site.pages, files, fence('yaml', site.rel), site.front);
  const diagramPages = () => writePages(site.pages, files, fence('journeyflow', site.rel), site.front);
  const strategy = site.strategy ?? 'inline-svg';
  const coldCache = (i) => path.join(work, `cold-${site.name.split(' ')[0]}-${strategy}-${i}`);
  plainPages();
  await site.build(unused); // warms the generator's own caches (Vite's dependency scan)
  // Interleaved (without, cold, cached; again), the fastest of each kept: a change in the
  // machine's load during the run then touches all three alike.
  let plain, cold, cached;
  for (let i = 0; i < RUNS; i++) {
    plainPages();
    plain = fastest(plain, await site.build(unused));
    diagramPages();
    // What the plugin published (linked diagrams, the 'file' SVGs) goes too: a fresh checkout has none.
    fs.rmSync(site.published, { recursive: true, force: true });
    cold = fastest(cold, await site.build({ JF_SITE_CACHE: coldCache(i) }));
    cached = fastest(cached, await site.build({ JF_SITE_CACHE: coldCache(i) }));
  }
  const cost = { cold: costOf(cold, plain), cached: costOf(cached, plain) };
  const how = strategy === 'file' ? "strategy 'file' (each SVG a file under public/, an <img> each for light and dark)" : 'inline SVG (one drawing each, repainted for dark mode by its own stylesheet)';
  console.log(`\n${site.name}: ${files.length} diagrams with dark mode, ${how}\n\n| build | wall | CPU | goal |\n|---|---|---|---|`);
  row('the same pages without diagrams', plain);
  row('with diagrams, cold (empty cache)', cold);
  row('with diagrams, cached (unchanged rebuild)', cached);
  row('**cost, cold**', cost.cold, `≤ 2 s: wall ${ratio(cost.cold.wall, GOALS.cold)}, CPU ${ratio(cost.cold.cpu, GOALS.cold)}`);
  row('**cost, cached**', cost.cached, `≤ 0.2 s: wall ${ratio(cost.cached.wall, GOALS.cached)}, CPU ${ratio(cost.cached.cpu, GOALS.cached)}`);
  if (site.share) {
    const share = await pluginShare(site.pages, coldCache(0));
    console.log(`\nOf the cached cost, journeyflow itself (the plugin on a warm cache, in process): ${share.ms.toFixed(0)} ms; the rest is the generator's work on the ${(share.bytes / 1e6).toFixed(2)} MB of markup the pages gained.`);
  }
  return { plain, ...cost };
}

/** rehype-mermaid on the Astro site: the same diagrams' Mermaid (`journeyflow build -f mmd`), cold and rebuilt. */
async function benchRehypeMermaid(diagramDir, files, astro) {
  const mmd = path.join(work, 'mmd');
  await timed(process.execPath, [path.join(ROOT, 'bin', 'journeyflow.js'), 'build', diagramDir, '-o', mmd, '-f', 'mmd', '-q'], ROOT);
  const mermaidOf = (f) => fs.readFileSync(path.join(mmd, f.replace(/\.yaml$/, '.mmd')), 'utf8').trimEnd();
  const astroSite = sites.find((x) => x.name.startsWith('Astro'));
  writePages(astroSite.pages, files, (f) => `\`\`\`mermaid\n${mermaidOf(f)}\n\`\`\``, astroSite.front);
  writeMermaidConfig();
  const build = () => timed(BIN('astro'), ['build', '--config', path.basename(MERMAID_CONFIG), '--outDir', path.join(work, 'mermaid-dist')], ASTRO);
  // Once each: its costs are many seconds, well above the noise (and each build starts Chromium).
  const cold = await build();
  const again = await build();
  const cost = { cold: costOf(cold, astro.plain), again: costOf(again, astro.plain) };
  const caches = cost.again.cpu < cost.cold.cpu / 2;
  console.log(`\nrehype-mermaid (Playwright, ${CHROMIUM}) in the same Astro site: the same ${files.length} diagrams' Mermaid, img-svg light and dark\n\n| build | wall | CPU | against journeyflow (Astro) |\n|---|---|---|---|`);
  row('first build', cold);
  row('second build, unchanged', again);
  row('**cost, first build**', cost.cold, `${(cost.cold.wall / astro.cold.wall).toFixed(1)}× journeyflow's cold cost (wall), ${(cost.cold.cpu / astro.cold.cpu).toFixed(1)}× (CPU)`);
  row('**cost, second build**', cost.again, `${caches ? 'cached' : 'no cache: renders every diagram again'}; ${(cost.again.wall / Math.max(astro.cached.wall, 1)).toFixed(0)}× journeyflow's cached cost (wall)`);
}

try {
  const { dir, files } = writeDiagrams();
  const load = () => os.loadavg()[0].toFixed(1);
  console.log(`journeyflow docs-site benchmark — ${os.cpus().length} cores, Node ${process.version}, ${files.length} diagrams on 10 pages, fastest of ${RUNS} builds each; load average ${load()} at start`);
  const results = [];
  for (const site of sites) results.push(await benchSite(site, files));
  if (fs.existsSync(CHROMIUM) && fs.existsSync(path.join(ROOT, 'node_modules', 'rehype-mermaid'))) await benchRehypeMermaid(dir, files, results[sites.findIndex((x) => x.name.startsWith('Astro'))]);
  else console.log(`\nrehype-mermaid: not installed or no ${CHROMIUM}; comparison skipped`);
  console.log(`\nload average ${load()} at the end (the machine's other work inflates wall times; CPU times much less)`);
} finally {
  for (const site of sites) fs.rmSync(site.pages, { recursive: true, force: true });
  fs.rmSync(path.join(SITES, 'bench-diagrams'), { recursive: true, force: true });
  // What the builds published (linked diagrams, the 'file' SVGs); the test sites' own builds refill it.
  for (const site of sites) fs.rmSync(site.published, { recursive: true, force: true });
  fs.rmSync(MERMAID_CONFIG, { force: true });
  fs.rmSync(work, { recursive: true, force: true });
}
