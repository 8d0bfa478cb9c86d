/*
 * The SVG contract (SPEC §4), checked in a real browser: every example, every good conformance case and
 * a generated hostile set are built with the CLI, embedded inline in one HTML page that has the bundled
 * font (so text measures as the layout engine measured it), and inspected in the live DOM.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it, type TestContext } from 'vitest';
import { expectQuietPage, FONT_FACE_CSS, launchBrowser, servedPage, SKIP_BROWSER_SUITE, waitForFonts, type ServedPage } from '../support/browser.js';
import { tmpDir } from '../support/cli.js';
import { buildCorpus, HOSTILE_TEXTS, skipIfNotBuilt, squash, type DiagramCase } from './corpus.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));

interface SvgReport {
  found: boolean;
  xmlError: string;
  root?: { classes: string[]; role: string | null; title: string | null; desc: string | null; viewBox: string | null; dataId: string | null };
  security: string[];
  counts: { nodes: number; edges: number; lanes: number; stages: number; emotion: number };
  rows: string[];
  stageIds: string[];
  stageTexts: Record<string, string>;
  nodes: Array<{ id: string | null; lane: string | null; classes: string[]; text: string; shape: string | null; texts: number }>;
  edges: Array<{ from: string | null; to: string | null; text: string; path: boolean }>;
  lanes: Array<{ id: string | null; text: string; band: boolean }>;
  textInside: string[];
  textOutline: string[];
  inLanes: string[];
  overlap: string[];
  edgeThrough: string[];
  labelOver: string[];
  clipped: string[];
}

/** A hand-made SVG with one defect per check: proves each check can fail (it must report all of them). */
const DEFECTIVE_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="400" height="300" viewBox="0 0 400 300" role="img" class="jf-diagram jf-flow" data-id="defective" font-family="'Noto Sans S Chinese'">
  <title>defective</title><desc>one defect per check</desc>
  <script type="text/x-inert">void 0</script>
  <g class="jf-lane" data-id="l1"><rect x="0" y="0" width="200" height="300" fill="#eeeeee"/></g>
  <g class="jf-edge" data-from="a" data-to="b"><path d="M60,50 L60,260" stroke="#000000" fill="none"/><rect x="40" y="140" width="40" height="20" fill="#ffffff"/></g>
  <g class="jf-node jf-activity" data-id="a" data-lane="l1"><rect x="10" y="10" width="100" height="40" fill="#ffffff" onclick="void 0"/><text x="60" y="35" font-size="14" text-anchor="middle">WWWWWWWWWWWWWWWW</text></g>
  <g class="jf-node jf-decision" data-id="c" data-lane="l1"><polygon points="60,120 110,150 60,180 10,150" fill="var(--jf-fill)"/><text x="60" y="140" font-size="14" text-anchor="middle">abcdefghij</text></g>
  <g class="jf-node jf-activity" data-id="d" data-lane="l1"><rect x="90" y="160" width="80" height="40" fill="#ffffff"/></g>
  <a href="javascript:alert(1)"><g class="jf-node jf-activity" data-id="e" data-lane="l1"><rect x="210" y="200" width="60" height="30" fill="#ffffff"/></g></a>
  <g class="jf-node jf-activity" data-id="b" data-lane="l1"><rect x="10" y="260" width="100" height="30" fill="#ffffff"/></g>
  <text x="380" y="20" font-size="14">clipped text</text>
</svg>`;

const corpus: DiagramCase[] = SKIP_BROWSER_SUITE ? [] : await buildCorpus();
const built = corpus.filter((c) => !c.buildError);

const sorted = (xs: Array<string | null | undefined>) => xs.map((x) => String(x)).sort();

describe.skipIf(SKIP_BROWSER_SUITE)('SVG output in Chromium (SPEC §4 contract)', () => {
  let browser: Browser | undefined;
  let served: ServedPage;
  let fonts: Awaited<ReturnType<typeof waitForFonts>>;
  const reports = new Map<string, SvgReport>();
  let defective: SvgReport;

  beforeAll(async () => {
    browser = await launchBrowser();
    served = await servedPage(browser);
    const holders = [`<div class="case" id="defective">\n${DEFECTIVE_SVG}\n</div>`];
    holders.push(...built.map((c, i) => `<div class="case" id="c${i}" data-key="${c.key.replace(/[&"<>]/g, '')}">\n${fs.readFileSync(c.svgFile, 'utf8')}\n</div>`));
    const html = `<!doctype html><html><head><meta charset="utf-8"><title>journeyflow SVG contract</title><link rel="icon" href="data:,">
<style>${FONT_FACE_CSS} body { margin: 0; background: #fff; } .case { display: block; margin: 8px; width: max-content; }</style></head>
<body>${holders.join('\n')}</body></html>`;
    await served.show('/svg-contract.html', html);
    fonts = await waitForFonts(served.page);
    await served.page.addScriptTag({ path: path.join(HERE, 'svg-page.js') });
    const sources = [['defective', DEFECTIVE_SVG], ...built.map((c, i) => [`c${i}`, fs.readFileSync(c.svgFile, 'utf8')])];
    const results = await served.page.evaluate(
      (items: string[][]) => items.map(([id, src]) => (window as unknown as { jfCheckSvg: (id: string, src: string) => unknown }).jfCheckSvg(id, src)),
      sources,
    );
    defective = results[0] as SvgReport;
    built.forEach((c, i) => reports.set(c.key, results[i + 1] as SvgReport));

    // One screenshot per kind, for a human to look at when a geometry test fails (not asserted).
    const shots = tmpDir('jf-browser-shots-');
    const seen = new Set<string>();
    for (const [i, c] of built.entries()) {
      if (seen.has(c.kind)) continue;
      seen.add(c.kind);
      const el = await served.page.$(`#c${i} > svg`);
      if (el) await el.screenshot({ path: path.join(shots, `${c.kind}-${c.id}.png`) as `${string}.png` });
    }
    console.info(`[browser] screenshots of ${[...seen].join(', ')} in ${shots}`);
  });

  afterAll(async () => {
    await browser?.close();
  });

  it('finds documents to check (examples, good cases, hostile set)', () => {
    expect(corpus.filter((c) => c.source === 'cases').length).toBeGreaterThan(0);
    expect(corpus.filter((c) => c.source === 'hostile' && c.kind === 'flow').length).toBe(5);
  });

  it('detects each kind of defect in a hand-made defective SVG (self-test of the checks)', () => {
    const d = defective;
    expect(d.security.join('\n')).toMatch(/<script> element/);
    expect(d.security.join('\n')).toMatch(/event attribute onclick/);
    expect(d.security.join('\n')).toMatch(/href="javascript/);
    expect(d.security.join('\n')).toMatch(/non-literal colour/);
    expect(d.textInside.join('\n')).toMatch(/node a \(rect\): text "WWW/);
    expect(d.textOutline.join('\n')).toMatch(/node c .*polygon.*abcdefghij/);
    expect(d.inLanes.join('\n')).toMatch(/node e: .*leaves lane l1 band.*right by/);
    expect(d.overlap.join('\n')).toMatch(/nodes c .* and d .* overlap/);
    expect(d.edgeThrough.join('\n')).toMatch(/edge a→b passes through node c/);
    expect(d.edgeThrough.join('\n')).not.toMatch(/through node (a|b)\b/);
    expect(d.labelOver.join('\n')).toMatch(/label of edge a→b .* covers node c/);
    expect(d.clipped.join('\n')).toMatch(/"clipped text".*leaves the viewBox.*right by/);
  });

  it('loads the bundled font (Noto Sans S Chinese, regular and bold) before measuring text', () => {
    expect(fonts.faces.filter((f) => f.endsWith('loaded')), `font faces: ${fonts.faces.join('; ')}`).toHaveLength(2);
    expect(fonts.regular && fonts.bold).toBe(true);
  });

  it('runs no script: no dialog opened, no page error, no request leaves the page', () => {
    expectQuietPage(served);
  });

  for (const c of corpus) {
    describe(`${c.key} (${c.kind})`, () => {
      /** The report of this diagram; skips (kind not implemented yet) or fails (build error) otherwise. */
      const report = (ctx: TestContext): SvgReport => {
        skipIfNotBuilt(ctx, c);
        const r = reports.get(c.key);
        if (!r?.found) throw new Error(`SVG of ${c.key} not found in the page`);
        return r;
      };

      it('builds to SVG and Mermaid', (ctx) => {
        if (c.kindMissing) ctx.skip(`kind "${c.kind}" is not implemented by the product yet`);
        expect(c.buildError, `${c.yamlFile} did not build`).toBeUndefined();
      });

      it('is well-formed XML with the root contract: classes, role="img", <title>, <desc>, viewBox', (ctx) => {
        const r = report(ctx);
        expect(r.xmlError, 'XML parse error').toBe('');
        const root = r.root!;
        expect(root.classes).toContain('jf-diagram');
        expect(root.classes).toContain(`jf-${c.kind}`);
        expect(root.role).toBe('img');
        expect(root.dataId).toBe(c.id);
        expect(root.title, '<title> as first-level child').not.toBeNull();
        expect(root.title!.trim().length).toBeGreaterThan(0);
        if (c.title) expect(squash(root.title!)).toContain(squash(c.title));
        expect(root.desc, '<desc> as first-level child').not.toBeNull();
        expect(root.viewBox ?? '').toMatch(/^\s*-?[\d.]+[\s,]+-?[\d.]+[\s,]+[\d.]+[\s,]+[\d.]+\s*$/);
      });

      it('has one .jf-node per YAML node/step/state, with data-id (and data-lane when the YAML gives a lane)', (ctx) => {
        const r = report(ctx);
        expect(r.counts.nodes, '.jf-node count').toBe(c.nodes.length);
        expect(r.nodes.filter((n) => !n.id), '.jf-node without data-id').toEqual([]);
        expect(sorted(r.nodes.map((n) => n.id))).toEqual(sorted(c.nodes.map((n) => n.id)));
        const lanes = Object.fromEntries(r.nodes.map((n) => [n.id, n.lane]));
        for (const n of c.nodes) if (n.lane) expect(lanes[n.id], `data-lane of node ${n.id}`).toBe(n.lane);
        for (const n of r.nodes) expect(n.classes.some((k) => k !== 'jf-node' && k.startsWith('jf-')), `node ${n.id} has a jf-<type> class: ${n.classes.join(' ')}`).toBe(true);
      });

      if (c.kind !== 'journey') {
        it('has one .jf-edge per YAML edge/transition (a chain a -> b -> c counts 2), with data-from/data-to', (ctx) => {
          const r = report(ctx);
          expect(r.counts.edges, '.jf-edge count').toBe(c.edges.length);
          expect(r.edges.filter((e) => !e.from || !e.to), '.jf-edge without data-from/data-to').toEqual([]);
          expect(sorted(r.edges.map((e) => `${e.from}->${e.to}`))).toEqual(sorted(c.edges.map((e) => `${e.from}->${e.to}`)));
        });
      }

      it('has one .jf-lane per YAML lane, with data-id', (ctx) => {
        const r = report(ctx);
        expect(r.counts.lanes, '.jf-lane count').toBe(c.lanes.length);
        expect(sorted(r.lanes.map((l) => l.id))).toEqual(sorted(c.lanes.map((l) => l.id)));
      });

      if (c.kind === 'journey') {
        it('has one .jf-stage per stage (data-id), the rows chosen by `lanes`, and an emotion curve', (ctx) => {
          const r = report(ctx);
          expect(r.counts.stages, '.jf-stage count').toBe(c.stages.length);
          expect(sorted(r.stageIds)).toEqual(sorted(c.stages.map((s) => s.id)));
          if (c.rows) expect([...new Set(r.rows)].sort(), '.jf-row-<lane> rows').toEqual([...c.rows].sort());
          if (c.emotions && (!c.rows || c.rows.includes('emotion'))) expect(r.counts.emotion, '.jf-emotion').toBeGreaterThan(0);
        });
      }

      it('contains no script, foreignObject, event attribute, unsafe href, external url() or non-literal colour', (ctx) => {
        const r = report(ctx);
        expect(r.security).toEqual([]);
      });

      it('shows every label literally (node, edge, lane, stage text; white space ignored)', (ctx) => {
        const r = report(ctx);
        const missing: string[] = [];
        const nodeText = new Map(r.nodes.map((n) => [n.id, squash(n.text)]));
        for (const n of c.nodes) if (!(nodeText.get(n.id) ?? '').includes(squash(n.label))) missing.push(`node ${n.id}: ${JSON.stringify(n.label)} not in ${JSON.stringify(r.nodes.find((x) => x.id === n.id)?.text)}`);
        for (const e of c.edges) {
          if (!e.label) continue;
          const texts = r.edges.filter((x) => x.from === e.from && x.to === e.to).map((x) => squash(x.text));
          if (!texts.some((t) => t.includes(squash(e.label!)))) missing.push(`edge ${e.from}→${e.to}: ${JSON.stringify(e.label)} not in ${JSON.stringify(texts)}`);
        }
        const laneText = new Map(r.lanes.map((l) => [l.id, squash(l.text)]));
        for (const l of c.lanes) if (!(laneText.get(l.id) ?? '').includes(squash(l.label))) missing.push(`lane ${l.id}: ${JSON.stringify(l.label)} not in ${JSON.stringify(r.lanes.find((x) => x.id === l.id)?.text)}`);
        for (const s of c.stages) if (!squash(r.stageTexts[s.id] ?? '').includes(squash(s.label))) missing.push(`stage ${s.id}: ${JSON.stringify(s.label)} not in ${JSON.stringify(r.stageTexts[s.id])}`);
        expect(missing).toEqual([]);
        if (c.source === 'hostile') {
          const all = squash([...r.nodes.map((n) => n.text), ...r.edges.map((e) => e.text), ...r.lanes.map((l) => l.text), r.root?.title ?? ''].join(''));
          const absent = HOSTILE_TEXTS.filter((h) => c.nodes.some((n) => n.label.includes(h)) && !all.includes(squash(h)));
          expect(absent, 'hostile texts not shown literally').toEqual([]);
        }
      });

      it('keeps every text of a node inside its shape bounding box (1px tolerance)', (ctx) => {
        expect(report(ctx).textInside).toEqual([]);
      });

      it('keeps every text of a node inside the drawn outline of its shape (diamond, stadium, cylinder…)', (ctx) => {
        expect(report(ctx).textOutline).toEqual([]);
      });

      if (c.lanes.length) {
        it('draws each node inside the band of its lane', (ctx) => {
          expect(report(ctx).inLanes).toEqual([]);
        });
      }

      it('draws no two nodes overlapping', (ctx) => {
        expect(report(ctx).overlap).toEqual([]);
      });

      if (c.edges.length) {
        it('routes no edge through a node other than its own ends', (ctx) => {
          expect(report(ctx).edgeThrough).toEqual([]);
        });

        it('places no edge label over a node', (ctx) => {
          expect(report(ctx).labelOver).toEqual([]);
        });
      }

      it('draws everything inside its viewBox', (ctx) => {
        expect(report(ctx).clipped).toEqual([]);
      });
    });
  }
});
