import fs from 'node:fs';
import type MarkdownIt from 'markdown-it';
import { escapeXml } from '../../render/escape.js';
import { prepareBlock, type BlockInput } from '../shared/block.js';
import { publish } from '../shared/cache.js';
import { resolveOptions, type JourneyflowPluginOptions } from '../shared/options.js';
import { JourneyflowBlockError, settle } from '../shared/outcome.js';
import type { BlockOutcome } from '../shared/render.js';
import { drawBlockSync } from '../shared/sync.js';

export type { BlockError, JourneyflowPluginOptions } from '../shared/options.js';
export { JourneyflowBlockError } from '../shared/outcome.js';

type Env = { path?: string; file?: string; content?: string; sfcBlocks?: unknown } | undefined;

/**
 * VitePress (and every markdown-it pipeline built on @mdit-vue, which sets `env.sfcBlocks`) compiles
 * the page's HTML as a Vue template: each SVG element would be parsed, transformed and
 * stringified by Vue's compiler, twice (client and server bundle), about half of what a cached
 * diagram costs the build. Handed over as `v-html`, the block is one string literal for Vue: the
 * same HTML in the page, and Vue neither reads `{{ }}` in a label nor re-renders it on hydration.
 */
function forVueTemplate(html: string, env: Env): string {
  if (env?.sfcBlocks === undefined) return html;
  // Single-quoted: JSON's own quotes need no entity, so Vue's parser decodes only `&` and `'`.
  const literal = JSON.stringify(html).replace(/&/g, '&amp;').replace(/'/g, '&#39;');
  return `<div class="jf-vue" v-html='${literal}'></div>`;
}

/**
 * Lines of front matter that VitePress (and other users of gray-matter) removed before markdown-it
 * saw the text: `env.content` is the text after it, so the difference is counted in the file.
 */
function frontMatterLines(file: string | undefined, env: Env): number {
  if (!file || typeof env?.content !== 'string') return 0;
  try {
    const text = fs.readFileSync(file, 'utf8').replace(/\r\n/g, '\n');
    const content = env.content.replace(/\r\n/g, '\n');
    return text.endsWith(content) ? text.slice(0, text.length - content.length).split('\n').length - 1 : 0;
  } catch {
    return 0;
  }
}

/** Cache first, else the render thread: markdown-it's rules are synchronous. */
function outcomeOf(input: BlockInput, o: ReturnType<typeof resolveOptions>): BlockOutcome {
  const prepared = prepareBlock(input, o);
  if ('error' in prepared) return prepared;
  if ('hit' in prepared) { publish(o.fsPath, prepared.hit.files); return { result: prepared.hit, cached: true }; }
  const reply = drawBlockSync(prepared.job, o);
  if (reply.crash !== undefined) throw new Error(reply.crash);
  return reply.error ? { error: reply.error } : { result: reply.result!, cached: false };
}

/**
 * markdown-it plugin (VitePress: `markdown: { config: (md) => md.use(journeyflow, options) }`):
 * renders ```journeyflow fences at build time without a browser. The Markdown file is read from
 * `env.path` (what VitePress passes; pass `{ path }` as env when calling `md.render` yourself).
 */
export default function journeyflowMarkdownIt(md: MarkdownIt, options: JourneyflowPluginOptions = {}): void {
  const o = resolveOptions(options);
  const previous = md.renderer.rules.fence ?? ((tokens, idx, opts, _env, self) => self.renderToken(tokens, idx, opts));
  md.renderer.rules.fence = (tokens, idx, opts, env: Env, self) => {
    const token = tokens[idx];
    const [lang, ...rest] = token.info.trim().split(/\s+/);
    if (lang !== 'journeyflow') return previous(tokens, idx, opts, env, self);
    const file = env?.path ?? env?.file;
    const line = (token.map?.[0] ?? 0) + 1 + frontMatterLines(file, env);
    const settled = settle(outcomeOf({ code: token.content, meta: rest.join(' '), markdownFile: file, line, column: 1 }, o), options);
    if ('error' in settled) throw new JourneyflowBlockError(settled.error);
    for (const w of settled.warnings) process.stderr.write(w);
    return forVueTemplate(settled.html, env) + '\n';
  };
}
