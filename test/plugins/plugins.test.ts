import fs from 'node:fs';
import path from 'node:path';
import MarkdownIt from 'markdown-it';
import rehypeStringify from 'rehype-stringify';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { describe, expect, it } from 'vitest';
import { fixture, ROOT } from '../support/cli.js';

/*
 * The plugins as a site loads them: from the built package (the markdown-it plugin's render thread
 * is a file of dist/), driven by real markdown-it and unified pipelines.
 */
const DIST = path.join(ROOT, 'dist', 'plugins');
const BUILT = fs.existsSync(path.join(DIST, 'markdown-it', 'index.js'));
const load = async () => ({
  markdownIt: (await import(path.join(DIST, 'markdown-it', 'index.js'))).default as (md: MarkdownIt, o?: object) => void,
  rehype: (await import(path.join(DIST, 'rehype', 'index.js'))).default as (o?: object) => unknown,
  renderBlock: (await import(path.join(DIST, 'shared', 'render.js'))).renderBlock as (input: object, o: object) => Promise<{ cached?: boolean; error?: { message: string } }>,
  resolveOptions: (await import(path.join(DIST, 'shared', 'options.js'))).resolveOptions as (o: object) => object,
});

const FLOW = `kind: flow
title: 售后
nodes:
  - { id: s, type: start, label: 客户报修 }
  - { id: fix, type: subprocess, label: 上门维修, ref: repair.flow.yaml }
  - { id: e, type: end, label: 结束 }
edges:
  - s -> fix -> e
`;
const REPAIR = `kind: flow
title: 上门维修
nodes:
  - { id: s, type: start, label: 出发 }
  - { id: e, type: end, label: 完成 }
edges:
  - s -> e
`;
const BROKEN = 'kind: flow\nnodes:\n  - { id: a, type: start, label: A }\n  - { id: b, type: end, label: B }\nedges:\n  - a -> c\n';

function site(page: string) {
  const root = fixture({ 'docs/page.md': page, 'docs/diagrams/after-sales.flow.yaml': FLOW, 'docs/diagrams/repair.flow.yaml': REPAIR, 'secret.flow.yaml': REPAIR });
  const docs = path.join(root, 'docs');
  return { root, docs, file: path.join(docs, 'page.md'), options: { root: docs, cache: path.join(root, 'cache'), fsPath: 'public/jf' } };
}

const renderMd = (md: MarkdownIt, s: ReturnType<typeof site>) => md.render(fs.readFileSync(s.file, 'utf8'), { path: s.file });

describe.skipIf(!BUILT)('journeyflow/markdown-it', () => {
  it('renders inline and included blocks, light and dark, and leaves other fences alone', async () => {
    const { markdownIt } = await load();
    const s = site('# T\n\n```journeyflow src=diagrams/after-sales.flow.yaml\n```\n\n```js\nlet a = 1;\n```\n\n```journeyflow\n' + REPAIR + '```\n');
    const html = renderMd(new MarkdownIt().use(markdownIt, { ...s.options, dark: true }), s);
    expect(html.match(/<svg data-jf-theme="light dark" data-jf-dark="[0-9a-f]{10}"/g)).toHaveLength(2);
    expect(html).not.toContain('data-jf-theme="dark"');
    expect(html).toContain('<code class="language-js">let a = 1;');
    // The subprocess link points at the linked diagram, published under fsPath.
    expect(html).toContain('<a href="/journeyflow/diagrams/repair.flow.svg">');
    expect(fs.readFileSync(path.join(s.docs, 'public/jf/diagrams/repair.flow.svg'), 'utf8')).toMatch(/data-id="repair"/);
    // Two drawings of one diagram on a page never share an element id.
    const ids = [...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('fails with file:line:col of the Markdown, or shows the diagnostics with errorFallback', async () => {
    const { markdownIt } = await load();
    const s = site('# Title\n\ntext\n\n```journeyflow\n' + BROKEN + '```\n');
    // The fence is on line 5, so the YAML's line 4 (node b) is line 9 and its line 6 (a -> c) is line 11.
    const failing = () => renderMd(new MarkdownIt().use(markdownIt, s.options), s);
    expect(failing).toThrow(/page\.md:9:11 error \[unreachable-node\] node "b" cannot be reached[^\n]*\(and 1 more\)/);
    expect(failing).toThrow(/page\.md:11:10 error \[unknown-reference\] edge target "c" is not a node of this flow/);
    const html = renderMd(new MarkdownIt().use(markdownIt, { ...s.options, errorFallback: true }), s);
    expect(html).toMatch(/<div class="jf-block jf-error" role="alert"[^>]*><p><strong>journeyflow<\/strong>: [^<]*page\.md:9:11 error \[unreachable-node\]/);
    expect(html).toContain('&gt; 11 |   - a -&gt; c');
  });

  it('refuses a src= outside the site root, at the fence line', async () => {
    const { markdownIt } = await load();
    const s = site('x\n\n```journeyflow src=../secret.flow.yaml\n```\n');
    expect(() => renderMd(new MarkdownIt().use(markdownIt, s.options), s)).toThrow(/page\.md:3:1 error \[unknown-reference\] src "\.\.\/secret\.flow\.yaml" leaves the folder tree being built/);
  });
});

describe.skipIf(!BUILT)('journeyflow/rehype', () => {
  const pipeline = (rehype: unknown, options: object) => unified().use(remarkParse).use(remarkRehype).use(rehype as never, options).use(rehypeStringify);

  it('img-svg with dark and darkScheme media: a <picture> with a prefers-color-scheme source, both as data URLs', async () => {
    const { rehype } = await load();
    const s = site('```journeyflow src=diagrams/repair.flow.yaml\n```\n');
    const out = String(await pipeline(rehype, { ...s.options, strategy: 'img-svg', dark: 'dark', darkScheme: 'media' }).process({ path: s.file, value: fs.readFileSync(s.file, 'utf8') }));
    expect(out).toMatch(/<picture><source media="\(prefers-color-scheme: dark\)" srcset="data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+" width="\d+" height="\d+"><img src="data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+" alt="上门维修"/);
    expect(out).not.toContain('v-pre');
    const light = Buffer.from(out.match(/<img src="data:image\/svg\+xml;base64,([^"]+)"/)![1], 'base64').toString('utf8');
    const dark = Buffer.from(out.match(/srcset="data:image\/svg\+xml;base64,([^"]+)"/)![1], 'base64').toString('utf8');
    expect(light.match(/class="jf-background"[^>]*fill="([^"]+)"/)![1]).not.toBe(dark.match(/class="jf-background"[^>]*fill="([^"]+)"/)![1]);
  });

  it('file: writes the SVGs under fsPath and links them under webPath; the bytes are the same on every build', async () => {
    const { rehype } = await load();
    const s = site('```journeyflow src=diagrams/repair.flow.yaml\n```\n');
    const build = async () => String(await pipeline(rehype, { ...s.options, strategy: 'file', webPath: '/assets/jf', cache: false }).process({ path: s.file, value: fs.readFileSync(s.file, 'utf8') }));
    const first = await build();
    const src = first.match(/<img src="(\/assets\/jf\/repair-[0-9a-f]{10}\.svg)"/)![1];
    expect(fs.readFileSync(path.join(s.docs, 'public/jf', path.basename(src)), 'utf8')).toMatch(/^<svg [^>]*data-id="repair"/);
    expect(await build()).toBe(first);
  });

  it('a broken block fails the file at the block line inside the Markdown', async () => {
    const { rehype } = await load();
    const s = site('# T\n\n```journeyflow\n' + BROKEN + '```\n');
    await expect(pipeline(rehype, s.options).process({ path: s.file, value: fs.readFileSync(s.file, 'utf8') })).rejects.toThrow(/page\.md:7:11 error \[unreachable-node\][\s\S]*page\.md:9:10 error \[unknown-reference\] edge target "c" is not a node of this flow/);
  });
});

describe.skipIf(!BUILT)('the block cache', () => {
  it('an unchanged block is not drawn again; a changed linked diagram is', async () => {
    const { renderBlock, resolveOptions } = await load();
    const s = site('');
    const o = resolveOptions(s.options);
    const input = { code: '', meta: 'src=diagrams/after-sales.flow.yaml', markdownFile: s.file, line: 1, column: 1 };
    expect((await renderBlock(input, o)).cached).toBe(false);
    expect((await renderBlock(input, o)).cached).toBe(true);
    const inline = { code: REPAIR, meta: '', markdownFile: s.file, line: 3, column: 1 };
    expect((await renderBlock(inline, o)).cached).toBe(false);
    expect((await renderBlock(inline, o)).cached).toBe(true);
    expect((await renderBlock({ ...inline, line: 4 }, o)).cached, 'inline YAML at another line has other diagnostic positions').toBe(false);
    fs.writeFileSync(path.join(s.docs, 'diagrams/repair.flow.yaml'), REPAIR.replace('出发', '出发前确认'));
    expect((await renderBlock(input, o)).cached).toBe(false);
    // The published SVG of the linked diagram was drawn again too.
    expect(fs.readFileSync(path.join(s.docs, 'public/jf/diagrams/repair.flow.svg'), 'utf8')).toContain('出发前确认');
  });
});
