import fs from 'node:fs';
import path from 'node:path';
import rehypeRaw from 'rehype-raw';
import rehypeStringify from 'rehype-stringify';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import type { Root } from 'hast';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import rehypeJourneyflow from '../../src/plugins/rehype/index.js';
import type { JourneyflowPluginOptions } from '../../src/plugins/shared/options.js';
import { BROKEN, LIFECYCLE_WARN, REPAIR, site } from './inprocess-fixtures.js';

// The rehype plugin from src/, in a real remark → rehype → HTML pipeline in this process.

const pipeline = (options: JourneyflowPluginOptions) => unified().use(remarkParse).use(remarkRehype).use(rehypeJourneyflow, options).use(rehypeStringify);
const build = (s: ReturnType<typeof site>, options: JourneyflowPluginOptions) => pipeline({ ...s.options, ...options }).process(new VFile({ path: s.file, value: fs.readFileSync(s.file, 'utf8') }));

describe('rehype-journeyflow (in process)', () => {
  it('replaces each block in place, keeps other code and drops v-pre', async () => {
    const s = site('# T\n\n```journeyflow src=diagrams/repair.flow.yaml\n```\n\n```js\nlet a = 1;\n```\n\n```journeyflow\n' + REPAIR + '```\n\nend\n');
    const out = String(await build(s, { class: 'wide' }));
    expect(out).toMatch(/^<h1>T<\/h1>\n<div class="jf-block jf-inline wide" data-journeyflow="repair" style="overflow-x:auto;max-width:100%;margin:1rem 0"><svg data-jf-theme="light"/);
    expect(out).toContain('<pre><code class="language-js">let a = 1;\n</code></pre>');
    expect(out.match(/<div class="jf-block jf-inline wide"/g)).toHaveLength(2);
    expect(out).not.toMatch(/v-pre|language-journeyflow/);
    expect(out).toMatch(/<\/svg><\/div>\n<p>end<\/p>$/);
  });

  it('with rehype-raw after it (as in Astro), a block goes on as one raw node, and the page is the same', async () => {
    const s = site('# T\n\n```journeyflow\n' + REPAIR + '```\n\nend\n');
    const file = () => new VFile({ path: s.file, value: fs.readFileSync(s.file, 'utf8') });
    const options = { ...s.options, dark: true, zoom: true };
    const seen: string[] = [];
    const spy = () => (tree: Root) => { seen.push(...tree.children.map((c) => c.type)); };
    const withRaw = unified().use(remarkParse).use(remarkRehype).use(rehypeJourneyflow, options).use(spy).use(rehypeRaw).use(rehypeStringify);
    const out = String(await withRaw.process(file()));
    expect(seen).toContain('raw');
    expect(out).toBe(String(await pipeline(options).process(file())));
    expect(out).not.toContain('v-pre');
  });

  it('a broken block fails the file with file:line:col of the Markdown', async () => {
    const s = site('# T\n\n```journeyflow\n' + BROKEN + '```\n');
    const err = await build(s, {}).then(() => undefined, (e: unknown) => e as { message: string; line?: number; column?: number; ruleId?: string });
    expect(err?.message).toMatch(/page\.md:7:11 error \[unreachable-node\] node "b" cannot be reached[\s\S]*page\.md:9:10 error \[unknown-reference\] edge target "c" is not a node of this flow/);
    expect([err?.line, err?.column, err?.ruleId]).toEqual([7, 11, 'journeyflow']);
  });

  it('errorFallback shows the diagnostics in place and reports them as a message; warnings become messages', async () => {
    const s = site('```journeyflow\n' + BROKEN + '```\n\n```journeyflow\n' + LIFECYCLE_WARN + '```\n');
    const file = await build(s, { errorFallback: true });
    const out = String(file);
    expect(out).toMatch(/^<div class="jf-block jf-error" role="alert" style="[^"]*"><p><strong>journeyflow<\/strong>: [^<]*page\.md:5:11 error \[unreachable-node\]/);
    expect(out).toContain('</p><pre style="white-space:pre-wrap;overflow-x:auto;background:none;color:inherit">');
    expect(out).toContain('> 7 |   - a -> c\n');
    expect(file.messages.map((m) => [m.ruleId, m.line])).toEqual([['journeyflow-warning', 1], ['journeyflow-warning', 10]]);
    expect(file.messages[1].reason).toMatch(/page\.md:15:11 warning \[dead-end\] state "vip"/);
    const custom = String(await build(s, { errorFallback: (e) => `<p class="oops">${e.line}:${e.column}</p>` }));
    expect(custom).toMatch(/^<p class="oops">5:11<\/p>\n<div class="jf-block jf-inline"/);
  });

  it('reads the info string from data.meta or metastring, and works on a tree without positions or a file path', async () => {
    const s = site();
    const code = (props: Record<string, unknown>, data?: object) => ({ type: 'element', tagName: 'code', properties: { className: 'language-journeyflow', ...props }, children: [{ type: 'text', value: '' }], ...(data ? { data } : {}) });
    const tree = { type: 'root', children: [
      { type: 'element', tagName: 'pre', properties: {}, children: [code({ metastring: 'src=docs/diagrams/repair.flow.yaml' })] },
      { type: 'element', tagName: 'pre', properties: {}, children: [code({}, { meta: 'src=docs/diagrams/repair.flow.yaml' })] },
      { type: 'element', tagName: 'pre', properties: {}, children: [{ type: 'element', tagName: 'code', properties: { className: ['language-yaml'] }, children: [] }] },
    ] } as unknown as Root;
    // No file path: src= is relative to the root, here the site's parent folder.
    await rehypeJourneyflow({ ...s.options, root: s.root, strategy: 'img-svg' })(tree, new VFile());
    const tags = tree.children.map((c) => (c.type === 'element' ? `${c.tagName}.${String(((c.properties.className ?? []) as string[]).join('.'))}` : c.type));
    expect(tags).toEqual(['div.jf-block.jf-image', 'div.jf-block.jf-image', 'pre.']);
  });
});
