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

/**
 * True when rehype-raw runs after this plugin, as it always does at the end of Astro's Markdown
 * pipeline: then a block is handed on as one `raw` node that rehype-raw parses once, instead of
 * being parsed here and then taken apart and parsed again by rehype-raw (about half of what a
 * cached diagram costs an Astro build). Anywhere else (MDX, a plain unified pipeline) the block
 * becomes hast elements. A name not found only means the slower of the two.
 */
function rawParsedLater(processor: unknown): boolean {
  const attachers = (processor as { attachers?: Array<[unknown, ...unknown[]]> } | undefined)?.attachers ?? [];
  const at = attachers.findIndex(([plugin]) => plugin === rehypeJourneyflow);
  return at >= 0 && attachers.slice(at + 1).some(([plugin]) => typeof plugin === 'function' && plugin.name === 'rehypeRaw');
}

/** A block's HTML as hast, or as a raw node for rehype-raw; `v-pre` (for Vue) is dropped, it means nothing here. */
function toNodes(html: string, raw: boolean): ElementContent[] {
  // ` v-pre>` cannot occur in text or attribute values: both have `>` escaped.
  const clean = html.replace(/ v-pre(?=>)/g, '');
  if (raw) return [{ type: 'raw', value: clean } as unknown as ElementContent];
  return fromHtml(clean, { fragment: true }).children as ElementContent[];
}

/**
 * rehype plugin (Astro `markdown.rehypePlugins`, Docusaurus `rehypePlugins`, MDX, unified):
 * renders ```journeyflow blocks at build time without a browser. A block with errors fails the
 * file with file:line:col of the Markdown unless `errorFallback` is set.
 */
export default function rehypeJourneyflow(this: unknown, options: JourneyflowPluginOptions = {}) {
  const o = resolveOptions(options);
  const raw = rawParsedLater(this);
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
      replacements.push(toNodes(settled.html, raw));
    }
    // Replaced from the last, so the recorded indices of earlier blocks stay right.
    for (let i = found.length - 1; i >= 0; i--) found[i].parent.children.splice(found[i].index, 1, ...replacements[i]);
  };
}
