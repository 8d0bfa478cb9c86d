/*
 * draw.io files loaded by mxGraph itself (the `mxgraph` package, in Chromium): mxCodec decodes each
 * page into a graph that renders; every node, edge and lane of the scene is a cell with its label,
 * edges connect their nodes, and lanes hold their nodes. `.drawio.svg` is our SVG plus the file.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderDrawio } from '../../src/render/drawio/index.js';
import { launchBrowser, servedPage, SKIP_BROWSER_SUITE, type ServedPage } from '../support/browser.js';
import { ROOT, tmpDir } from '../support/cli.js';
import { exampleDiagrams, jfAsync, unitsOf, type ExampleDiagram } from './helpers.js';

interface Decoded {
  error?: string;
  pages: Array<{
    name: string;
    vertices: Array<{ id: string; label: string; parent: string; style: string }>;
    edges: Array<{ id: string; label: string; source: string | null; target: string | null }>;
    rendered: number;
    cells: number;
  }>;
}

const MX = path.join(ROOT, 'node_modules', 'mxgraph', 'javascript', 'mxClient.js');
const PAGE = `<!doctype html><meta charset="utf-8"><body>
<script>var mxLoadResources = false, mxLoadStylesheets = false, mxBasePath = '/mx', mxImageBasePath = '/mx/images';</script>
<script src="/mx/mxClient.js"></script></body>`;

/** Runs in the page: decodes every <diagram> with mxCodec into its own mxGraph and reports the cells. */
function decodeInPage(xml: string): Decoded {
  const w = window as unknown as Record<string, any>;
  try {
    const doc = w.mxUtils.parseXml(xml);
    const pages: Decoded['pages'] = [];
    for (const d of Array.from(doc.getElementsByTagName('diagram')) as Element[]) {
      const container = document.createElement('div');
      container.style.cssText = 'position:relative;width:3000px;height:3000px';
      document.body.appendChild(container);
      const graph = new w.mxGraph(container);
      // Each page is its own document, as draw.io decodes it (cell ids repeat across pages).
      const own = w.mxUtils.parseXml(w.mxUtils.getXml(d.getElementsByTagName('mxGraphModel')[0]));
      new w.mxCodec(own).decode(own.documentElement, graph.getModel());
      graph.refresh();
      const cells = Object.values(graph.getModel().cells) as any[];
      const label = (c: any) => String(c.value && typeof c.value === 'object' ? c.value.getAttribute('label') ?? '' : c.value ?? '');
      pages.push({
        name: d.getAttribute('name') ?? '',
        vertices: cells.filter((c) => c.vertex).map((c) => ({ id: c.id, label: label(c), parent: c.parent?.id ?? '', style: c.style ?? '' })),
        edges: cells.filter((c) => c.edge).map((c) => ({ id: c.id, label: label(c), source: c.source?.id ?? null, target: c.target?.id ?? null })),
        rendered: cells.filter((c) => (c.vertex || c.edge) && graph.view.getState(c)?.shape?.node).length,
        cells: cells.filter((c) => c.vertex || c.edge).length,
      });
    }
    return { pages };
  } catch (err) {
    return { error: String((err as Error)?.stack ?? err), pages: [] };
  }
}

let browser: Browser | undefined;
let served: ServedPage;
let out = '';
let examples: ExampleDiagram[] = [];

describe.skipIf(SKIP_BROWSER_SUITE)('draw.io files in mxGraph (Chromium)', () => {
  beforeAll(async () => {
    examples = await exampleDiagrams();
    out = tmpDir('jf-drawio-');
    const built = await jfAsync(['build', 'examples', '-o', out, '-f', 'svg,drawio,drawio.svg', '-q']);
    expect(built.code, built.stderr).toBe(0);
    browser = await launchBrowser();
    served = await servedPage(browser);
    served.serveFile('/mx/mxClient.js', MX, 'application/javascript');
    await served.show('/mx.html', PAGE);
  }, 120000);
  afterAll(async () => { await browser?.close(); });

  const decode = async (xml: string) => served.page.evaluate(decodeInPage, xml);

  function expectScene(page: Decoded['pages'][number], e: ExampleDiagram, i: number): void {
    const u = unitsOf(e.scenes[i]);
    const p = `p${i}-`;
    const byId = new Map(page.vertices.map((v) => [v.id, v]));
    expect(page.rendered, `${e.file}: every cell drawn`).toBe(page.cells);
    for (const [id, label] of u.lanes) {
      const lane = byId.get(`${p}lane-${id}`);
      expect(lane?.style, `${e.file} lane ${id}`).toMatch(/^swimlane;/);
      expect(lane?.label).toBe(label);
    }
    for (const [id, label] of u.nodes) {
      const v = byId.get(`${p}node-${id}`);
      expect(v, `${e.file}: node ${id}`).toBeDefined();
      expect(v!.label, `${e.file}: node ${id}`).toBe(label);
      const lane = e.scenes[i].kind === 'flow' ? laneOf(e, i, id) : undefined;
      expect(v!.parent, `${e.file}: node ${id} sits in its lane`).toBe(lane ? `${p}lane-${lane}` : '1');
    }
    const edges = page.edges.filter((x) => x.source || x.target);
    expect(edges.map((x) => `${x.source}>${x.target}`).sort()).toEqual(u.edges.map((x) => `${p}node-${x.from}>${p}node-${x.to}`).sort());
    expect(edges.map((x) => x.label).sort()).toEqual(u.edges.map((x) => x.label).sort());
  }

  function laneOf(e: ExampleDiagram, i: number, node: string): string | undefined {
    const find = (items: any[]): string | undefined => {
      for (const it of items) {
        if (it.type !== 'group') continue;
        if (it.attrs?.['data-id'] === node && (it.className ?? '').includes('jf-node')) return it.attrs['data-lane'];
        const inner = find(it.children);
        if (inner !== undefined) return inner;
      }
      return undefined;
    };
    return find(e.scenes[i].items);
  }

  it('every example decodes with mxCodec, renders, and keeps nodes, labels, edges and lanes', async () => {
    for (const e of examples) {
      const xml = fs.readFileSync(path.join(out, `${e.stem}.drawio`), 'utf8');
      expect(xml).toMatch(/^<mxfile [^>]*compressed="false"/);
      const r = await decode(xml);
      expect(r.error, e.file).toBeUndefined();
      expect(r.pages, e.file).toHaveLength(e.scenes.length);
      r.pages.forEach((p, i) => expectScene(p, e, i));
    }
    expect(served.pageErrors).toEqual([]);
  });

  it('.drawio.svg is our SVG byte for byte plus the draw.io file in `content`, which decodes the same', async () => {
    for (const e of examples) {
      const svg = fs.readFileSync(path.join(out, `${e.stem}.svg`), 'utf8');
      const both = fs.readFileSync(path.join(out, `${e.stem}.drawio.svg`), 'utf8');
      const m = /^<svg content="([^"]*)"/.exec(both);
      expect(m, e.file).not.toBeNull();
      expect(both.replace(/^<svg content="[^"]*"/, '<svg')).toBe(svg);
      const xml = await served.page.evaluate((s: string) => {
        const doc = new DOMParser().parseFromString(s, 'image/svg+xml');
        return doc.querySelector('parsererror') ? 'parse error' : doc.documentElement.getAttribute('content') ?? '';
      }, both);
      const r = await decode(xml);
      expect(r.error, e.file).toBeUndefined();
      expectScene(r.pages[0], e, 0);
    }
  });

  it('links: a subprocess points at its flow\'s file, or at the page of this file that holds it', async () => {
    const xml = fs.readFileSync(path.join(out, 'after-sales.flow.drawio'), 'utf8');
    expect(xml).toContain('link="onsite-repair.flow.drawio"');
    expect(xml).toContain('link="https://crm.example.com/tickets"');
    const a = examples.find((x) => x.stem === 'after-sales.flow')!.scenes[0];
    const b = examples.find((x) => x.stem === 'onsite-repair.flow')!.scenes[0];
    const book = renderDrawio([{ scene: a, name: 'after-sales.flow.drawio' }, { scene: b, name: 'onsite-repair.flow.drawio' }]);
    expect(book).toContain('link="data:page/id,jf-1-onsite-repair"');
    const decoded = await decode(book);
    expect(decoded.error).toBeUndefined();
    expect(decoded.pages).toHaveLength(2);
  });

  it('same input, same bytes', () => {
    for (const e of examples) {
      const pages = e.scenes.map((scene) => ({ scene, name: e.scenes.length > 1 ? `${e.stem}.${scene.id}.drawio` : `${e.stem}.drawio` }));
      expect(renderDrawio(pages), e.file).toBe(fs.readFileSync(path.join(out, `${e.stem}.drawio`), 'utf8'));
    }
  });
});
