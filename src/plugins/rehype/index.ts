import type { Element, ElementContent, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toString } from 'hast-util-to-string';
import { SKIP, visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { resolveOptions, type JourneyflowPluginOptions } from '../shared/options.js';
import { settle } from '../shared/outcome.js';
import { renderBlock } from '../shared/render.js';

export type { BlockError, JourneyflowPluginOptions } from '../shared/options.js';

interface Found { parent: Root | Element; index: number; pre: Element; code: Element }

const isJourneyflow = (code: Element): boolean => {
  const cls = code.properties?.className;
  return Array.isArray(cls) ? cls.includes('language-journeyflow') : cls === 'language-journeyflow';
};

/** `pre > code.language-journeyflow`, as remark-rehype, MDX and Astro (with the language excluded from Shiki) produce. */
function findBlocks(tree: Root): Found[] {
  const found: Found[] = [];
  visit(tree, 'element', (pre, index, parent) => {
    if (pre.tagName !== 'pre' || !parent || index === undefined) return undefined;
    const code = pre.children.find((c): c is Element => c.type === 'element' && c.tagName === 'code');
    if (!code || !isJourneyflow(code)) return undefined;
    found.push({ parent, index, pre, code });
    return SKIP;
  });
  return found;
}

/** The info string after the language: remark-rehype keeps it in `data.meta`, MDX in `metastring`. */
function metaOf(code: Element): string {
  const data = code.data as { meta?: unknown } | undefined;
  const meta = data?.meta ?? code.properties?.metastring ?? code.properties?.dataMeta;
  return typeof meta === 'string' ? meta : '';
}

/** The HTML parsed into hast; `v-pre` (for Vue) is dropped, it means nothing here. */
function toNodes(html: string): ElementContent[] {
  const nodes = fromHtml(html, { fragment: true }).children as ElementContent[];
  for (const n of nodes) if (n.type === 'element') { delete n.properties['v-pre']; delete n.properties.vPre; }
  return nodes;
}

/**
 * rehype plugin (Astro `markdown.rehypePlugins`, Docusaurus `rehypePlugins`, MDX, unified):
 * renders ```journeyflow blocks at build time without a browser. A block with errors fails the
 * file with file:line:col of the Markdown unless `errorFallback` is set.
 */
export default function rehypeJourneyflow(options: JourneyflowPluginOptions = {}) {
  const o = resolveOptions(options);
  return async (tree: Root, file: VFile): Promise<void> => {
    const found = findBlocks(tree);
    const replacements: ElementContent[][] = [];
    // One block after another: ELK is single-threaded, and the order keeps the output deterministic.
    for (const f of found) {
      const start = f.pre.position?.start ?? f.code.position?.start;
      const input = { code: toString(f.code), meta: metaOf(f.code), markdownFile: file.path || undefined, line: start?.line ?? 1, column: start?.column ?? 1 };
      const settled = settle(await renderBlock(input, o), options);
      if ('error' in settled) {
        const e = settled.error;
        file.fail(`${e.message}\n${e.details}`.trimEnd(), { place: { line: e.line, column: e.column }, ruleId: 'journeyflow', source: 'journeyflow' });
      }
      for (const w of settled.warnings) file.message(w.trimEnd(), { place: start, ruleId: 'journeyflow-warning', source: 'journeyflow' });
      replacements.push(toNodes(settled.html));
    }
    // Replaced from the last, so the recorded indices of earlier blocks stay right.
    for (let i = found.length - 1; i >= 0; i--) found[i].parent.children.splice(found[i].index, 1, ...replacements[i]);
  };
}
