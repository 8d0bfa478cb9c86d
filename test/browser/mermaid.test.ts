/*
 * The emitted Mermaid (SPEC §4): every .mmd of the examples, the good cases and the hostile set is
 * parsed and rendered by stock Mermaid 11 (a devDependency) and Mermaid 12 (test/mermaid12, installed on
 * first use: its dependencies want Node >= 22, see test/mermaid12/install.ts) in Chromium with
 * securityLevel 'strict'. The rendered diagram must hold exactly the YAML's nodes and edges (flowchart),
 * steps (journey) or states and transitions (stateDiagram-v2): a label that added a node, an edge or a
 * directive would show up as a different count or a different theme.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it, type TestContext } from 'vitest';
import { expectQuietPage, launchBrowser, servedPage, SKIP_BROWSER_SUITE, type ServedPage } from '../support/browser.js';
import { ROOT } from '../support/cli.js';
import { buildCorpus, skipIfNotBuilt, squash, type DiagramCase, type Kind } from './corpus.js';
import { mermaid12Dir } from '../mermaid12/install.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));

interface RenderResult {
  id: string;
  diagramType?: string;
  parseError?: string;
  renderError?: string;
  noSvg?: boolean;
  gNodes: number;
  flowLinks: number;
  flowEdges: number;
  edgePathPaths: number;
  tasks: number;
  sections: number;
  stateNodes: number;
  transitions: number;
  unsafe: string[];
  colours: string[];
  nodeTexts: string[];
  stateTexts: string[];
  allText: string;
}

const VERSIONS: Array<{ name: string; where: string; major: number; dir: () => Promise<string> }> = [
  { name: 'Mermaid 11', where: 'node_modules/mermaid', major: 11, dir: async () => path.join(ROOT, 'node_modules', 'mermaid') },
  { name: 'Mermaid 12', where: 'test/mermaid12', major: 12, dir: mermaid12Dir },
];

/** Small clean diagrams of each type: the theme colours a render must keep. */
const REFERENCE: Record<Kind, string> = {
  flow: 'flowchart TB\n  a["A"] --> b(["B"])\n',
  journey: 'journey\n  title T\n  section S\n    A: 3: Me\n',
  lifecycle: 'stateDiagram-v2\n  [*] --> a\n  a --> b: x\n  b --> [*]\n',
  funnel: 'flowchart TB\n  a["A"] --> b["B"]\n',
};
/** What a label must never achieve: a directive switching the theme (used to prove the check works). */
const DIRECTIVE = `%%{init: {"theme":"dark"}}%%\n${REFERENCE.flow}`;

// A funnel's Mermaid is a flowchart (Mermaid has no funnel): checked like a flow's.
const EXPECTED_TYPE: Record<Kind, RegExp> = { flow: /^flowchart/, journey: /^journey$/, lifecycle: /^stateDiagram/, funnel: /^flowchart/ };

const COLOUR = /#[0-9a-f]{3,8}\b|rgba?\([^)]*\)|hsla?\([^)]*\)/gi;
/** One spelling per colour: #abc, #aabbcc and rgb(170,187,204) are the same (Mermaid 12 rewrites classDef colours as rgb()). */
function canonicalColour(c: string): string {
  const s = c.toLowerCase().replace(/\s+/g, '');
  const hex = /^#([0-9a-f]{3,4}|[0-9a-f]{6}|[0-9a-f]{8})$/.exec(s)?.[1];
  if (hex) {
    const full = hex.length <= 4 ? [...hex].map((h) => h + h).join('') : hex;
    const [r, g, b, a] = [0, 2, 4, 6].map((i) => parseInt(full.slice(i, i + 2), 16));
    return Number.isNaN(a) || a === 255 ? `rgb(${r},${g},${b})` : `rgba(${r},${g},${b},${+(a / 255).toFixed(3)})`;
  }
  const rgba = /^rgba\(([\d.]+),([\d.]+),([\d.]+),1\)$/.exec(s);
  return rgba ? `rgb(${rgba[1]},${rgba[2]},${rgba[3]})` : s;
}
const colours = (text: string) => new Set((text.match(COLOUR) ?? []).map(canonicalColour));
const canonicalSet = (list: string[]) => [...new Set(list.map(canonicalColour))].sort();

/** stateDiagram lines joining a state to the [*] start or end pseudo state (no YAML transition behind them). */
const pseudoTransitions = (mmd: string) => mmd.split('\n').filter((l) => /^\s*(\[\*\]\s*-->\s*[^\s:]+|[^\s:]+\s*-->\s*\[\*\])\s*(:.*)?$/.test(l)).length;

const corpus: DiagramCase[] = SKIP_BROWSER_SUITE ? [] : await buildCorpus();
const built = corpus.filter((c) => !c.buildError);
const mmdOf = new Map(built.map((c) => [c.key, fs.readFileSync(c.mmdFile, 'utf8')]));

describe.skipIf(SKIP_BROWSER_SUITE)('Mermaid output renders with stock Mermaid 11 and 12', () => {
  let browser: Browser | undefined;
  const pages = new Map<string, ServedPage>();
  const versionOf = new Map<string, string>();
  const results = new Map<string, Map<string, RenderResult>>();
  /** Each version's package folder (Mermaid 12 is installed on first use, hence its own generous hook timeout). */
  const packageDir = new Map<string, string>();

  beforeAll(async () => {
    for (const v of VERSIONS) packageDir.set(v.name, await v.dir());
  }, 200_000);

  beforeAll(async () => {
    browser = await launchBrowser();
    const items: string[][] = [
      ...built.map((c, i) => [`jfm${i}`, mmdOf.get(c.key)!]),
      ...Object.entries(REFERENCE).map(([k, t]) => [`ref-${k}`, t]),
      ['directive', DIRECTIVE],
    ];
    for (const v of VERSIONS) {
      const served = await servedPage(browser);
      pages.set(v.name, served);
      served.serveFile('/mermaid.min.js', path.join(packageDir.get(v.name)!, 'dist', 'mermaid.min.js'), 'text/javascript');
      served.serveFile('/mermaid-page.js', path.join(HERE, 'mermaid-page.js'), 'text/javascript');
      await served.show(
        '/mermaid.html',
        '<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"><script src="/mermaid.min.js"></script><script src="/mermaid-page.js"></script></head><body><div id="out"></div></body></html>',
      );
      versionOf.set(v.name, await served.page.evaluate(() => typeof (window as unknown as { mermaid?: { render?: unknown } }).mermaid?.render));
      const out = (await served.page.evaluate(
        (list: string[][]) => (window as unknown as { jfMermaidRun: (l: string[][]) => Promise<unknown[]> }).jfMermaidRun(list),
        items,
      )) as RenderResult[];
      const byId = new Map<string, RenderResult>();
      for (const r of out) byId.set(r.id, r);
      results.set(v.name, byId);
    }
  });

  afterAll(async () => {
    await browser?.close();
  });

  for (const v of VERSIONS) {
    describe(v.name, () => {
      const result = (id: string) => results.get(v.name)!.get(id)!;

      it(`loads stock Mermaid ${v.major} from ${v.where}`, () => {
        const dir = packageDir.get(v.name)!;
        const version = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')).version as string;
        expect(version).toMatch(new RegExp(`^${v.major}\\.`));
        expect(fs.readFileSync(path.join(dir, 'dist', 'mermaid.min.js'), 'utf8').includes(`"${version}"`), 'the bundle is that version').toBe(true);
        expect(versionOf.get(v.name), 'window.mermaid.render in the page').toBe('function');
      });

      it('renders the reference diagrams, and its theme check sees a %%{init} directive', () => {
        for (const k of Object.keys(REFERENCE)) {
          const r = result(`ref-${k}`);
          expect(r.parseError ?? r.renderError, `reference ${k}`).toBeUndefined();
          expect(r.colours.length, `theme colours in the reference ${k}`).toBeGreaterThan(3);
        }
        expect(canonicalSet(result('directive').colours), 'a real directive changes the theme colours').not.toEqual(canonicalSet(result('ref-flow').colours));
      });

      it('opens no dialog, throws no page error and fetches nothing while rendering', () => {
        expectQuietPage(pages.get(v.name)!);
      });

      for (const c of corpus) {
        describe(`${c.key} (${c.kind})`, () => {
          const render = (ctx: TestContext): RenderResult => {
            skipIfNotBuilt(ctx, c);
            const r = result(`jfm${built.indexOf(c)}`);
            if (r.parseError || r.renderError || r.noSvg) throw new Error(`${path.basename(c.mmdFile)} did not render: ${r.parseError ?? r.renderError ?? 'no <svg>'}\n--- mmd ---\n${mmdOf.get(c.key)}`);
            return r;
          };

          it('parses and renders without error', (ctx) => {
            if (c.kindMissing) ctx.skip(`kind "${c.kind}" is not implemented by the product yet`);
            expect(c.buildError, `${c.yamlFile} did not build`).toBeUndefined();
            const r = result(`jfm${built.indexOf(c)}`);
            expect({ parseError: r.parseError, renderError: r.renderError }, `--- ${path.basename(c.mmdFile)} ---\n${mmdOf.get(c.key)}`).toEqual({ parseError: undefined, renderError: undefined });
            expect(r.diagramType).toMatch(EXPECTED_TYPE[c.kind]);
          });

          it('has exactly the YAML structure (labels add no node, edge, task or state)', (ctx) => {
            const r = render(ctx);
            if (c.kind === 'flow' || c.kind === 'funnel') {
              expect(r.gNodes, 'g.node (flowchart nodes)').toBe(c.nodes.length);
              expect(r.flowEdges, 'path.flowchart-link (edges; a Mermaid 11 self-loop\'s three parts count once)').toBe(c.edges.length);
              expect(r.edgePathPaths, '.edgePaths path').toBe(r.flowLinks);
            } else if (c.kind === 'journey') {
              expect(r.tasks, 'rect.task (one task per step)').toBe(c.nodes.length);
              expect(r.sections, 'rect.journey-section (one section per stage)').toBe(c.stages.length);
            } else {
              expect(r.stateNodes, 'g.node.statediagram-state (states, without [*])').toBe(c.nodes.length);
              expect(r.transitions, 'path.transition:not(.note-edge) (YAML transitions plus [*] arrows)').toBe(c.edges.length + pseudoTransitions(mmdOf.get(c.key)!));
            }
          });

          it('renders nothing executable (no script, event attribute, click binding or javascript: link)', (ctx) => {
            expect(render(ctx).unsafe).toEqual([]);
          });

          it('keeps the default theme: no directive in the text, same theme colours as a clean diagram', (ctx) => {
            const r = render(ctx);
            const mmd = mmdOf.get(c.key)!;
            expect(mmd, 'a %%{ directive in the emitted text').not.toMatch(/%%\s*\{/);
            const own = colours(mmd);
            const ref = canonicalSet(result(`ref-${c.kind}`).colours).filter((x) => !own.has(x));
            expect(canonicalSet(r.colours).filter((x) => !own.has(x)), 'colours of the rendered <style> (classDef colours of the .mmd excluded)').toEqual(ref);
          });

          it('shows every label literally', (ctx) => {
            const r = render(ctx);
            const missing: string[] = [];
            if (c.kind === 'flow' || c.kind === 'funnel' || c.kind === 'lifecycle') {
              const texts = (c.kind === 'lifecycle' ? r.stateTexts : r.nodeTexts).map(squash);
              for (const n of c.nodes) if (!texts.some((t) => t.includes(squash(n.label)))) missing.push(`node ${n.id}: ${JSON.stringify(n.label)}`);
              const all = squash(r.allText);
              for (const e of c.edges) if (e.label && !all.includes(squash(e.label))) missing.push(`edge ${e.from}→${e.to}: ${JSON.stringify(e.label)}`);
            } else {
              const all = squash(r.allText);
              for (const n of c.nodes) if (!all.includes(squash(n.label))) missing.push(`step ${n.id}: ${JSON.stringify(n.label)}`);
              for (const s of c.stages) if (!all.includes(squash(s.label))) missing.push(`stage ${s.id}: ${JSON.stringify(s.label)}`);
            }
            expect(missing, `labels not shown literally by ${v.name}`).toEqual([]);
          });
        });
      }
    });
  }
});
