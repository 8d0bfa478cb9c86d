/*
 * `npm run bench:quality`: layout quality measured in a real Chromium (Debian's, through
 * puppeteer-core), on every example flow and lifecycle and on generated flows (10–200 nodes, 0–6
 * lanes, every direction): journeyflow's SVG and, beside it, the Mermaid journeyflow emits (`-f mmd`)
 * drawn by Mermaid's dagre renderer through mermaid-cli in the same browser. The geometry of both
 * drawings is read from the DOM (bench/quality-extract.js) and measured by the same code
 * (bench/quality-geometry.ts). Prints one table; nothing here fails on a figure.
 *   --quick  four generated flows instead of sixteen    --full  every size × lane count × direction
 *   --detail one row per diagram
 *   --files a.flow.yaml,b.flow.yaml  only these files (comma-separated), instead of the corpus
 * The corpus is every example, the hand-written flows in bench/flows/ and the generated flows.
 * Columns: edge–edge crossings; edges through a node other than their ends; largest gap between an
 * edge's start or its arrowhead's tip and the shape's outline; bends per edge; S-shaped jogs (< 40 px
 * sideways); longest detour of a loop back (length over the distance between its ends); edge labels
 * overlapping a label, a node or another edge; pairs of edges drawn on top of each other (away from
 * their ends); lanes: shortest ÷ longest band along the flow, and
 * how many drawings do not show them as disjoint bands in the listed order (✗); drawing area per node.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer, { type Browser } from 'puppeteer-core';
import { parse } from 'yaml';
import { compile } from '../src/compile.js';
import { bundledFontConfig } from '../src/render/mermaid-engine.js';
import { CHROME, CHROME_ARGS } from '../test/support/chromium.js';
// @ts-expect-error: the benchmark's generator is plain JavaScript
import { generateFlow } from './generate.mjs';
import { measureDrawing, type Direction, type Drawing, type DrawingFigures } from './quality-geometry.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const EXTRACT = path.join(ROOT, 'bench', 'quality-extract.js');
const SIZES = [10, 30, 60, 100, 200];
const LANES = [0, 2, 4, 6];
const DIRECTIONS: Direction[] = ['TB', 'LR', 'BT', 'RL'];

interface Diagram { name: string; group: string; yaml: string; file: string }

/** One diagram read from a file, named after it. */
function fileDiagram(file: string): Diagram {
  const name = path.basename(file).replace(/\.yaml$/, '');
  return { name, group: name, yaml: fs.readFileSync(file, 'utf8'), file: path.resolve(file) };
}

/** The flow and lifecycle files of one folder, sorted. */
function folderDiagrams(dir: string): Diagram[] {
  return fs.readdirSync(dir).filter((f) => /\.(flow|lifecycle)\.yaml$/.test(f)).sort().map((f) => fileDiagram(path.join(dir, f)));
}

/** Every example flow and lifecycle, the hand-written bench flows, and generated flows: each direction with each lane count (sizes rotating), or all of them. */
function corpus(mode: 'quick' | 'default' | 'full'): Diagram[] {
  const dir = path.join(ROOT, 'examples');
  const examples = [...folderDiagrams(dir), ...folderDiagrams(path.join(ROOT, 'bench', 'flows'))];
  const combos = DIRECTIONS.flatMap((d, di) => LANES.flatMap((l, li) => (mode === 'full' ? SIZES : [SIZES[(di + li) % SIZES.length]]).map((n) => ({ n, l, d }))));
  const picked = mode === 'quick' ? combos.filter((_, i) => i % 5 === 0) : combos;
  const generated = picked.map(({ n, l, d }) => ({
    name: `generated ${n} nodes, ${l} lanes, ${d}`, group: `generated, ${l} lanes`, yaml: generateFlow(n, l, 1, { direction: d }) as string, file: path.join(dir, `generated-${n}-${l}-${d}.flow.yaml`),
  }));
  return [...examples, ...generated];
}

/** What the extractor reads in each renderer's SVG: node groups and their shapes, edge paths, label boxes, lane bands in listed order. */
function journeyflowSpec(laneIds: string[]) {
  return {
    node: 'g.jf-node, g.jf-start', shape: ':scope > .jf-shape, :scope > ellipse',
    edge: 'g.jf-edge > path.jf-edge-path, g.jf-start > path.jf-start-edge',
    label: 'g.jf-edge > rect.jf-edge-label-bg', labelOwner: 'g.jf-edge',
    lanes: laneIds.map((id) => `g.jf-lane[data-id="${CSS_escape(id)}"] > rect.jf-lane-band`),
  };
}
function mermaidSpec(mmd: string) {
  const subgraphs = [...mmd.matchAll(/^\s*subgraph (\S+?)\[/gm)].map((m) => m[1]);
  return {
    node: 'g.node', skip: '.label',
    edge: 'g.edgePaths > path:not(.note-edge)',
    label: 'g.edgeLabel > .label',
    lanes: subgraphs.map((id) => `g.cluster[id="${CSS_escape(id)}"] > rect`),
  };
}
const CSS_escape = (s: string) => s.replace(/["\\]/g, '\\$&');

type Raw = Omit<Drawing, 'direction' | 'sampled'> & { lanesAsked: number };

async function extract(browser: Browser, svg: string, spec: object): Promise<Raw> {
  const page = await browser.newPage();
  try {
    await page.setContent(`<!doctype html><html><body style="margin:0">${svg}</body></html>`);
    await page.addScriptTag({ path: EXTRACT });
    return (await page.evaluate((s) => (window as unknown as { extractDrawing: (x: object) => Raw }).extractDrawing(s), spec)) as Raw;
  } finally {
    await page.close();
  }
}

interface Measured { diagram: Diagram; jf: DrawingFigures; dagre?: DrawingFigures; dagreError?: string }

async function measure(browser: Browser, render: (mmd: string) => Promise<string>, d: Diagram): Promise<Measured> {
  const doc = parse(d.yaml);
  const direction: Direction = doc.direction ?? (doc.kind === 'lifecycle' ? 'LR' : 'TB');
  const laneIds: string[] = (doc.lanes ?? []).map((l: { id: string }) => l.id);
  const out = await compile(d.yaml, { file: path.basename(d.file), absPath: d.file, root: path.dirname(d.file) });
  const drawn = out.diagrams[0];
  if (!drawn) throw new Error(`${d.name}: ${out.diagnostics.map((x) => x.message).join('; ')}`);
  const figures = (raw: Raw) => measureDrawing({ ...raw, direction, sampled: true });
  const jf = figures(await extract(browser, drawn.svg, journeyflowSpec(laneIds)));
  try {
    const svg = await render(drawn.mermaid!);
    return { diagram: d, jf, dagre: figures(await extract(browser, svg, mermaidSpec(drawn.mermaid!))) };
  } catch (err) {
    return { diagram: d, jf, dagreError: (err as Error).message.split('\n')[0] };
  }
}

/** One row's figures over its diagrams: sums of counts, worst gap and detour, bends over all edges. */
function aggregate(list: readonly DrawingFigures[]) {
  const edges = list.flatMap((f) => f.edges);
  const detours = edges.flatMap((e) => (e.detour === undefined ? [] : [e.detour]));
  const laned = list.filter((f) => f.laneRatio !== undefined);
  const sum = (k: 'crossings' | 'throughNodes' | 'labelOverlaps' | 'sharedLines') => list.reduce((s, f) => s + f[k], 0);
  return {
    crossings: String(sum('crossings')),
    'edge–node': String(sum('throughNodes')),
    'max gap px': Math.max(0, ...edges.map((e) => e.gap)).toFixed(1),
    'bends/edge': (edges.reduce((s, e) => s + e.bends, 0) / (edges.length || 1)).toFixed(2),
    jogs: String(edges.reduce((s, e) => s + e.jogs.length, 0)),
    'max detour': detours.length ? `${Math.max(...detours).toFixed(2)}×` : '–',
    'label overlaps': String(sum('labelOverlaps')),
    'shared lines': String(sum('sharedLines')),
    lanes: laned.length ? `${Math.min(...laned.map((f) => f.laneRatio!)).toFixed(2)}${laned.every((f) => f.lanesInOrder) ? '' : ` ${laned.filter((f) => !f.lanesInOrder).length}✗`}` : '–',
    'area/node': `${Math.round(list.reduce((s, f) => s + f.areaPerNode, 0) / list.length / 1000)}k`,
  };
}

function printTable(results: readonly Measured[], detail: boolean) {
  const groups = new Map<string, Measured[]>();
  for (const r of results) groups.set(detail ? r.diagram.name : r.diagram.group, [...(groups.get(detail ? r.diagram.name : r.diagram.group) ?? []), r]);
  const generated = results.filter((r) => r.diagram.group.startsWith('generated'));
  const rows: Array<[string, Measured[]]> = [...groups, ...(generated.length ? [['all generated', generated] as [string, Measured[]]] : []), ['all', [...results]]];
  const cells = rows.map(([name, list]) => {
    const jf = aggregate(list.map((r) => r.jf));
    const ok = list.filter((r) => r.dagre);
    const dagre = ok.length ? aggregate(ok.map((r) => r.dagre!)) : undefined;
    const failed = list.length - ok.length;
    return { name: `${name} (${list.length}${failed ? `, dagre failed ${failed}` : ''})`, values: Object.keys(jf).map((k) => `${jf[k as keyof typeof jf]} / ${dagre ? dagre[k as keyof typeof dagre] : '–'}`), keys: Object.keys(jf) };
  });
  const head = ['journeyflow / Mermaid dagre', ...cells[0].keys];
  const table = [head, ...cells.map((c) => [c.name, ...c.values])];
  const widths = head.map((_, i) => Math.max(...table.map((r) => r[i].length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  console.log(line(head));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const r of table.slice(1)) console.log(line(r));
  for (const r of results) if (r.dagreError) console.log(`(Mermaid failed on ${r.diagram.name}: ${r.dagreError})`);
}

/** `--files a.yaml,b.yaml` (or `--files=a.yaml,b.yaml`): the diagrams to measure instead of the corpus; undefined without the option. */
function filesAsked(): Diagram[] | undefined {
  const at = process.argv.findIndex((a) => a === '--files' || a.startsWith('--files='));
  if (at < 0) return undefined;
  const arg = process.argv[at].startsWith('--files=') ? process.argv[at].slice('--files='.length) : process.argv[at + 1];
  const files = (arg ?? '').split(',').map((f) => f.trim()).filter(Boolean);
  if (!files.length) throw new Error('--files needs a comma-separated list of .flow.yaml / .lifecycle.yaml files');
  const missing = files.filter((f) => !fs.existsSync(f));
  if (missing.length) throw new Error(`--files: no such file: ${missing.join(', ')}`);
  return files.map(fileDiagram);
}

async function main() {
  const mode = process.argv.includes('--quick') ? 'quick' : process.argv.includes('--full') ? 'full' : 'default';
  if (!CHROME) throw new Error('bench:quality needs Chromium: install it (apt-get install chromium) or set CHROME_PATH');
  const { renderMermaid } = (await import('@mermaid-js/mermaid-cli')) as unknown as { renderMermaid: (b: Browser, def: string, format: 'svg', opts: object) => Promise<{ data: Uint8Array }> };
  const fonts = bundledFontConfig();
  const browser = await puppeteer.launch({ executablePath: CHROME, headless: true, args: CHROME_ARGS, env: { ...process.env, ...fonts.env } });
  const render = async (mmd: string) => Buffer.from((await renderMermaid(browser, mmd, 'svg', { backgroundColor: 'white', mermaidConfig: { securityLevel: 'strict', maxEdges: 2000 } })).data).toString('utf8');
  try {
    const diagrams = filesAsked() ?? corpus(mode);
    console.log(`bench:quality — ${diagrams.length} diagrams, Chromium ${await browser.version()}; each cell: journeyflow | Mermaid (dagre) on the Mermaid journeyflow emits`);
    const results: Measured[] = [];
    for (const d of diagrams) {
      const t = performance.now();
      results.push(await measure(browser, render, d));
      process.stderr.write(`  ${d.name}: ${((performance.now() - t) / 1000).toFixed(1)} s\n`);
    }
    console.log();
    printTable(results, process.argv.includes('--detail'));
  } finally {
    await browser.close();
    fonts.dispose();
  }
}

await main();
