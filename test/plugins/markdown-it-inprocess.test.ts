import fs from 'node:fs';
import path from 'node:path';
import MarkdownIt from 'markdown-it';
import { afterEach, describe, expect, it, vi } from 'vitest';
import journeyflow, { JourneyflowBlockError } from '../../src/plugins/markdown-it/index.js';
import type { DrawJob } from '../../src/plugins/shared/block.js';
import { drawBlock } from '../../src/plugins/shared/draw.js';
import type { JourneyflowPluginOptions, ResolvedOptions } from '../../src/plugins/shared/options.js';
import { resolveOptions } from '../../src/plugins/shared/options.js';
import { renderBlock } from '../../src/plugins/shared/render.js';
import { drawBlockSync } from '../../src/plugins/shared/sync.js';
import { BROKEN, LIFECYCLE_WARN, REPAIR, site } from './inprocess-fixtures.js';

/*
 * The markdown-it plugin from src/ in this process. Its render thread (sync.ts) runs the built
 * render-worker.js, which src/ does not have; so here drawBlockSync is replaced by a stand-in that
 * answers with what the real drawBlock (in this process) drew for the same job. A render asks;
 * the stand-in records what it could not answer yet, those jobs are drawn, and the render runs
 * again. The thread protocol itself is tested in render-thread-inprocess.test.ts.
 */
vi.mock('../../src/plugins/shared/sync.js', () => ({ drawBlockSync: vi.fn() }));
const sync = vi.mocked(drawBlockSync);
const replies = new Map<string, ReturnType<typeof drawBlockSync>>();
const pending: Array<{ job: DrawJob; options: ResolvedOptions }> = [];
sync.mockImplementation((job, options) => replies.get(job.key) ?? (pending.push({ job, options }), { crash: 'not drawn yet' }));
afterEach(() => { sync.mockClear(); pending.length = 0; });

async function render(md: MarkdownIt, text: string, env: object): Promise<string> {
  for (;;) {
    try { return md.render(text, env); } catch (err) {
      if (!pending.length) throw err;
      for (const { job, options } of pending.splice(0)) replies.set(job.key, await drawBlock(job, options));
    }
  }
}
const page = (s: ReturnType<typeof site>) => fs.readFileSync(s.file, 'utf8');
const withPlugin = (o: JourneyflowPluginOptions) => new MarkdownIt().use(journeyflow, o);

describe('journeyflow/markdown-it (in process)', () => {
  it('renders inline and included blocks through the render thread when the cache misses; other fences are left alone', async () => {
    const s = site('# T\n\n```journeyflow src=diagrams/repair.flow.yaml\n```\n\n```js\nlet a = 1;\n```\n\n```journeyflow\n' + REPAIR + '```\n');
    const md = withPlugin({ ...s.options, cache: false, dark: true });
    await render(md, page(s), { path: s.file });
    sync.mockClear();
    const html = md.render(page(s), { path: s.file });
    expect(html).toMatch(/^<h1>T<\/h1>\n<div class="jf-block jf-inline" data-journeyflow="repair" style="overflow-x:auto;max-width:100%;margin:1rem 0" v-pre><svg data-jf-theme="light dark" data-jf-dark="[0-9a-f]{10}"/);
    // One drawing per block, repainted for dark mode by its own stylesheet.
    expect(html.match(/<svg data-jf-theme="light dark" data-jf-dark="[0-9a-f]{10}" style="max-width:none;[^>]*><style>:is\(\.dark,\[data-theme=dark\]\) /g)).toHaveLength(2);
    expect(html).toContain('<pre><code class="language-js">let a = 1;\n</code></pre>');
    expect(html).toMatch(/<\/svg><\/div>\n$/);
    // The render asked the thread for both blocks (no cache), in order.
    expect(sync).toHaveBeenCalledTimes(2);
    expect(sync.mock.calls.map(([job]) => [job.fence.line, job.lineShift])).toEqual([[3, 0], [10, 10]]);
  });

  it('a cached block never reaches the render thread, and its published files are restored', async () => {
    const s = site('```journeyflow src=diagrams/repair.flow.yaml\n```\n');
    const options = { ...s.options, strategy: 'file' as const };
    const warm = await renderBlock({ code: '', meta: 'src=diagrams/repair.flow.yaml', markdownFile: s.file, line: 1, column: 1 }, resolveOptions(options));
    expect('cached' in warm && warm.cached).toBe(false);
    fs.rmSync(path.join(s.docs, 'public'), { recursive: true });
    const html = withPlugin(options).render(page(s), { path: s.file });
    expect(sync).not.toHaveBeenCalled();
    const src = html.match(/<img src="\/journeyflow\/(repair-[0-9a-f]{10}\.svg)"/)![1];
    expect(fs.readFileSync(path.join(s.docs, 'public/jf', src), 'utf8')).toMatch(/^<svg /);
  });

  it('a broken block throws JourneyflowBlockError at the Markdown line, counting front matter removed before markdown-it', async () => {
    const s = site('---\ntitle: x\n---\n# T\n\n```journeyflow\n' + BROKEN + '```\n');
    const content = page(s).split('---\n').slice(2).join('---\n');
    const md = withPlugin({ ...s.options, cache: false });
    const err = await render(md, content, { path: s.file, content }).then(() => undefined, (e: unknown) => e);
    expect(err).toBeInstanceOf(JourneyflowBlockError);
    const e = err as JourneyflowBlockError;
    // The fence is on line 6 of the file (line 3 of what markdown-it saw): node b is on line 10.
    expect([path.basename(e.file), e.line, e.column]).toEqual(['page.md', 10, 11]);
    expect(e.message).toMatch(/page\.md:10:11 error \[unreachable-node\] node "b" cannot be reached[^\n]*\(and 1 more\)\n/);
    expect(e.message).toContain('> 12 |   - a -> c');
    // env.content that is not the file's tail, or an unreadable file: no shift.
    const other = await render(md, content, { path: s.file, content: 'something else' }).then(() => undefined, (x: unknown) => x as JourneyflowBlockError);
    expect(other?.line).toBe(7);
    const missing = path.join(s.docs, 'missing.md');
    const none = await render(md, content, { path: missing, content }).then(() => undefined, (x: unknown) => x as JourneyflowBlockError);
    expect([none?.line, none?.message]).toEqual([7, expect.stringMatching(/missing\.md:7:11 error/)]);
  });

  it('errorFallback shows the diagnostics; warnings go to stderr; env.file names the file too', async () => {
    const s = site('```journeyflow\n' + BROKEN + '```\n\n```journeyflow\n' + LIFECYCLE_WARN + '```\n');
    const written: string[] = [];
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => { written.push(String(chunk)); return true; });
    let html: string;
    try { html = await render(withPlugin({ ...s.options, cache: false, errorFallback: true }), page(s), { file: s.file }); } finally { spy.mockRestore(); }
    expect(html).toMatch(/^<div class="jf-block jf-error" role="alert" style="[^"]*" v-pre><p><strong>journeyflow<\/strong>: [^<]*page\.md:5:11 error \[unreachable-node\]/);
    expect(html).toContain('&gt; 7 |   - a -&gt; c');
    expect(html).toContain('<div class="jf-block jf-inline" data-journeyflow="page"');
    expect(written.some((w) => /page\.md:5:11 error \[unreachable-node\]/.test(w))).toBe(true);
    expect(written.some((w) => /page\.md:15:11 warning \[dead-end\] state "vip"/.test(w))).toBe(true);
  });

  it('src= outside the root fails at the fence without drawing; a crash of the thread is thrown as it is', async () => {
    const s = site('x\n\n```journeyflow src=../secret.flow.yaml\n```\n');
    expect(() => withPlugin(s.options).render(page(s), { path: s.file })).toThrow(/page\.md:3:1 error \[unknown-reference\] src "\.\.\/secret\.flow\.yaml" leaves the folder tree being built/);
    expect(sync).not.toHaveBeenCalled();
    sync.mockReturnValueOnce({ crash: 'journeyflow: the render thread answered nothing' });
    const t = site('```journeyflow\n' + REPAIR + '```\n');
    expect(() => withPlugin({ ...t.options, cache: false }).render(page(t), { path: t.file })).toThrow(/^journeyflow: the render thread answered nothing$/);
  });

  it('in a Vue template (env.sfcBlocks, as VitePress sets it) a block is one v-html string holding the same HTML', async () => {
    const s = site('# T\n\n```journeyflow\n' + REPAIR.replace('label: 完成', 'label: "完成 {{ amount }}"') + '```\n');
    const md = withPlugin({ ...s.options, cache: false, zoom: true });
    const plain = await render(md, page(s), { path: s.file });
    const vue = md.render(page(s), { path: s.file, sfcBlocks: {} });
    // Single-quoted, so only ' and & are entities (Vue's parser decodes little).
    const attr = vue.match(/^<h1>T<\/h1>\n<div class="jf-vue" v-html='([^']*)'><\/div>\n$/)![1];
    const unescaped = attr.replace(/&#39;/g, "'").replace(/&amp;/g, '&');
    expect('<h1>T</h1>\n' + JSON.parse(unescaped) + '\n').toBe(plain);
    expect(plain).toContain('class="jf-zoom-toggle"');
    expect(plain).toContain('完成 {{ amount }}');
  });

  it('keeps a fence rule another plugin set', () => {
    const md = new MarkdownIt();
    md.renderer.rules.fence = (tokens, idx) => `<x-fence>${tokens[idx].info}</x-fence>`;
    md.use(journeyflow, { cache: false });
    expect(md.render('```yaml\na: 1\n```\n')).toBe('<x-fence>yaml</x-fence>');
  });
});
