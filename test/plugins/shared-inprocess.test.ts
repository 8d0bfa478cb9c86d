import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseMeta, prepareBlock, displayPath, fenceError } from '../../src/plugins/shared/block.js';
import { cacheKey, contentHash, journeyflowVersion, publish, readCache, writeCache } from '../../src/plugins/shared/cache.js';
import { drawBlock } from '../../src/plugins/shared/draw.js';
import { errorHtml, figureHtml } from '../../src/plugins/shared/html.js';
import { darkStyle, paintMap } from '../../src/plugins/shared/recolour.js';
import { optionsKey, resolveOptions } from '../../src/plugins/shared/options.js';
import { JourneyflowBlockError, settle } from '../../src/plugins/shared/outcome.js';
import { renderBlock } from '../../src/plugins/shared/render.js';
import { fixture } from '../support/cli.js';
import { BROKEN, FLOW, LIFECYCLE_WARN, REPAIR, site } from './inprocess-fixtures.js';

// The shared part of both docs-site plugins, from src/ in this process: options, blocks, cache, drawing, HTML.

describe('resolveOptions', () => {
  it('fills in the defaults and normalises paths', () => {
    const o = resolveOptions({ root: '/site', webPath: '//assets/jf//', dark: true, cache: 'c', class: 'wide' });
    expect(o).toEqual({
      strategy: 'inline-svg', theme: undefined, dark: 'dark', darkScheme: 'class', root: path.resolve('/site'), srcDir: undefined,
      fsPath: path.resolve('/site/public/journeyflow'), webPath: '/assets/jf', cache: path.resolve('c'), className: 'wide', strict: false,
    });
    const d = resolveOptions({ root: '/site', srcDir: 'diagrams', webPath: '/', cache: false, dark: false, strict: true });
    expect([d.srcDir, d.webPath, d.cache, d.dark, d.strict]).toEqual([path.resolve('/site/diagrams'), '', undefined, undefined, true]);
    expect(resolveOptions().cache).toBe(path.resolve('node_modules/.cache/journeyflow'));
    expect(resolveOptions({ dark: 'forest' }).dark).toBe('forest');
  });

  it('refuses an unknown strategy or darkScheme', () => {
    expect(() => resolveOptions({ strategy: 'svg' as never })).toThrow('journeyflow: strategy "svg" is not one of inline-svg, img-svg, file');
    expect(() => resolveOptions({ darkScheme: 'auto' as never })).toThrow('journeyflow: darkScheme must be "class" or "media"');
  });

  it('the options key changes with every option that changes the output', () => {
    const base = resolveOptions({ root: '/site' });
    expect(optionsKey(base)).toBe(optionsKey(resolveOptions({ root: '/site' })));
    for (const other of [{ strategy: 'file' as const }, { dark: true }, { class: 'x' }, { strict: true }, { webPath: '/x' }, { theme: 'forest' }]) {
      expect(optionsKey(resolveOptions({ root: '/site', ...other }))).not.toBe(optionsKey(base));
    }
  });
});

describe('blocks', () => {
  it('parseMeta reads bare and quoted attributes', () => {
    expect(parseMeta(`src=a.yaml title="a b" x='c d' 9bad=1`)).toEqual({ src: 'a.yaml', title: 'a b', x: 'c d', bad: '1' });
    expect(parseMeta('')).toEqual({});
  });

  it('displayPath is relative inside the working directory, absolute outside', () => {
    expect(displayPath(path.join(process.cwd(), 'docs', 'a.md'))).toBe('docs/a.md');
    expect(displayPath('/elsewhere/a.md')).toBe('/elsewhere/a.md');
    expect(fenceError({ file: 'p.md', line: 3, column: 1 }, 'r', 'm')).toEqual({ message: 'p.md:3:1 error [r] m', file: 'p.md', line: 3, column: 1, details: 'p.md:3:1 error [r] m\n' });
  });

  it('src= is confined to the root, resolved from srcDir when set, and a missing or unreadable file is an error at the fence', () => {
    const s = site();
    const o = resolveOptions(s.options);
    const at = (meta: string, extra: object = {}) => prepareBlock({ code: '', meta, markdownFile: s.file, line: 7, column: 3, ...extra }, o);
    const err = (p: ReturnType<typeof at>) => ('error' in p ? p.error.message : 'no error');
    expect(err(at('src=../secret.flow.yaml'))).toMatch(/page\.md:7:3 error \[unknown-reference\] src "\.\.\/secret\.flow\.yaml" leaves the folder tree being built; it is not read \(site root: .*docs\)$/);
    expect(err(at('src=/etc/passwd'))).toMatch(/page\.md:7:3 error \[unknown-reference\] src "\/etc\/passwd"/);
    expect(err(at('src=diagrams/none.flow.yaml'))).toMatch(/src "diagrams\/none\.flow\.yaml" does not exist/);
    fs.mkdirSync(path.join(s.docs, 'diagrams', 'dir.yaml'));
    expect(err(at('src=diagrams/dir.yaml'))).toMatch(/src "diagrams\/dir\.yaml" is not a file/);
    const ok = at('src="diagrams/repair.flow.yaml"');
    expect('job' in ok && ok.job).toMatchObject({ source: REPAIR, absPath: path.join(s.docs, 'diagrams/repair.flow.yaml'), lineShift: 0, fence: { line: 7, column: 3 } });
    // With srcDir, src= is relative to it, not to the Markdown file.
    const fromSrcDir = prepareBlock({ code: '', meta: 'src=repair.flow.yaml', markdownFile: path.join(s.docs, 'sub', 'x.md'), line: 1, column: 1 }, resolveOptions({ ...s.options, srcDir: 'diagrams' }));
    expect('job' in fromSrcDir && fromSrcDir.job.source).toBe(REPAIR);
    // Without a Markdown file, src= is relative to the root and the fence is named <markdown>.
    const noFile = prepareBlock({ code: '', meta: 'src=diagrams/repair.flow.yaml', line: 2, column: 1 }, o);
    expect('job' in noFile && noFile.job.fence).toEqual({ file: '<markdown>', line: 2, column: 1 });
  });

  it('a Markdown file outside the root is refused for inline YAML', () => {
    const s = site();
    const p = prepareBlock({ code: REPAIR, meta: '', markdownFile: path.join(s.root, 'outside.md'), line: 1, column: 1 }, resolveOptions(s.options));
    expect('error' in p && p.error.message).toMatch(/outside\.md:1:1 error \[unknown-reference\] the Markdown file is outside the site root .*; set the plugin's `root` option/);
  });
});

describe('drawing and HTML', () => {
  it('inline-svg: one container per diagram with the light SVG marked and natural-size styled', async () => {
    const s = site();
    const out = await renderBlock({ code: REPAIR, meta: '', markdownFile: s.file, line: 3, column: 1 }, resolveOptions({ ...s.options, class: 'wide' }));
    if (!('result' in out)) throw new Error(out.error.message);
    expect(out.cached).toBe(false);
    expect(out.result.html).toMatch(/^<div class="jf-block jf-inline wide" data-journeyflow="page" style="overflow-x:auto;max-width:100%;margin:1rem 0" v-pre><svg data-jf-theme="light" style="max-width:none;height:auto;flex:none" [^>]*data-id="page"[\s\S]*<\/svg><\/div>$/);
    expect(out.result.html).not.toContain('data-jf-theme="dark"');
    expect(out.result.warnings).toEqual([]);
    expect(out.result.files).toEqual([]);
  });

  it('dark with darkScheme media: one drawing inline, repainted by its own stylesheet under prefers-color-scheme: dark', async () => {
    const s = site();
    const out = await renderBlock({ code: REPAIR, meta: '', markdownFile: s.file, line: 3, column: 1 }, resolveOptions({ ...s.options, dark: true, darkScheme: 'media' }));
    if (!('result' in out)) throw new Error(out.error.message);
    const html = out.result.html;
    expect(html.startsWith('<div class="jf-block jf-inline jf-dark-media" data-journeyflow="page"')).toBe(true);
    const scope = html.match(/<svg data-jf-theme="light dark" data-jf-dark="([0-9a-f]{10})" style="max-width:none;/)![1];
    expect(html.match(/<svg /g)).toHaveLength(1);
    const css = html.match(/<style>@media \(prefers-color-scheme:dark\)\{([^<]*)\}<\/style>/)![1];
    // The light background, #ffffff, becomes the dark theme's; every rule is scoped to this SVG.
    expect(css).toContain(`[data-jf-dark="${scope}"] [fill="#ffffff"]{fill:#0f172a}`);
    expect(css.split('}').filter(Boolean).every((r) => r.startsWith(`[data-jf-dark="${scope}"] [`))).toBe(true);
  });

  it('a light colour that becomes two dark ones (neutral: background and boxes white) keeps two drawings, the dark one hidden, ids never shared', async () => {
    const s = site();
    const out = await renderBlock({ code: REPAIR, meta: '', markdownFile: s.file, line: 3, column: 1 }, resolveOptions({ ...s.options, theme: 'neutral', dark: true }));
    if (!('result' in out)) throw new Error(out.error.message);
    const html = out.result.html;
    expect(html.match(/<svg data-jf-theme="light" style="max-width:none;/g)).toHaveLength(1);
    expect(html.match(/<svg data-jf-theme="dark" style="display:none;max-width:none;/g)).toHaveLength(1);
    expect(html).not.toContain('data-jf-dark');
    const ids = [...html.matchAll(/ id="([^"]+)"/g)].map((m) => m[1]);
    expect(ids.length).toBeGreaterThan(0);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('paintMap: a map only when two drawings differ in fill and stroke values alone, each light value to one dark value', () => {
    const light = '<svg><rect id="a" fill="#fff"/><text fill="#111">x</text></svg>';
    expect(paintMap(light, '<svg><rect id="a" fill="#000"/><text fill="#eee">x</text></svg>')).toEqual(new Map([['fill\0#fff', '#000'], ['fill\0#111', '#eee']]));
    expect(paintMap(light, '<svg><rect id="a" fill="#000"/><text fill="#eee">y</text></svg>'), 'other text').toBeUndefined();
    expect(paintMap(light, '<svg><rect id="a" stroke="#000"/><text fill="#eee">x</text></svg>'), 'other attribute').toBeUndefined();
    expect(paintMap('<svg><rect fill="#fff"/><rect fill="#fff"/></svg>', '<svg><rect fill="#000"/><rect fill="#111"/></svg>'), 'one light colour, two dark').toBeUndefined();
    expect(paintMap('<svg><rect fill="#fff"/></svg>', '<svg><rect fill="x&quot;y"/></svg>'), 'a value no CSS rule can carry').toBeUndefined();
    const css = darkStyle(new Map([['fill\0#fff', '#000']]), 'abc', 'class');
    expect(css).toBe('<style>:is(.dark,[data-theme=dark]) [data-jf-dark="abc"] [fill="#fff"]{fill:#000}</style>');
  });

  it('img-svg: an <img> with the SVG as a data URL, a <picture> with dark', async () => {
    const s = site();
    const input = { code: '', meta: 'src=diagrams/repair.flow.yaml', markdownFile: s.file, line: 1, column: 1 };
    const plain = await renderBlock(input, resolveOptions({ ...s.options, strategy: 'img-svg' }));
    if (!('result' in plain)) throw new Error(plain.error.message);
    const m = plain.result.html.match(/^<div class="jf-block jf-image" data-journeyflow="repair" style="[^"]*" v-pre><img src="data:image\/svg\+xml;base64,([A-Za-z0-9+/=]+)" alt="上门维修" width="(\d+)" height="(\d+)" style="max-width:none;height:auto;flex:none"><\/div>$/);
    expect(m).not.toBeNull();
    expect(Buffer.from(m![1], 'base64').toString('utf8')).toMatch(/^<svg [^>]*data-id="repair"/);
    const media = await renderBlock(input, resolveOptions({ ...s.options, strategy: 'img-svg', dark: 'dark', darkScheme: 'media' }));
    if (!('result' in media)) throw new Error(media.error.message);
    expect(media.result.html).toMatch(/<picture><source media="\(prefers-color-scheme: dark\)" srcset="data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+" width="\d+" height="\d+"><img src="data:image\/svg\+xml;base64,/);
    // darkScheme class (the default): both images, the dark one hidden until the site's dark switch (plugins.css).
    const byClass = await renderBlock(input, resolveOptions({ ...s.options, strategy: 'img-svg', dark: 'dark' }));
    if (!('result' in byClass)) throw new Error(byClass.error.message);
    expect(byClass.result.html).toMatch(/<img data-jf-theme="light" src="data:image\/svg\+xml;base64,[^"]+" alt="上门维修" width="\d+" height="\d+" style="max-width:none;height:auto;flex:none"><img data-jf-theme="dark" src="data:image\/svg\+xml;base64,[^"]+" alt="上门维修" width="\d+" height="\d+" style="display:none;max-width:none;height:auto;flex:none" loading="lazy"><\/div>$/);
  });

  it('file: publishes light and dark SVGs under fsPath and links them under webPath; a cleaned folder is refilled from the cache', async () => {
    const s = site();
    const o = resolveOptions({ ...s.options, strategy: 'file', dark: true, webPath: '/assets/jf' });
    const input = { code: '', meta: 'src=diagrams/repair.flow.yaml', markdownFile: s.file, line: 1, column: 1 };
    const first = await renderBlock(input, o);
    if (!('result' in first)) throw new Error(first.error.message);
    const light = first.result.html.match(/<img data-jf-theme="light" src="\/assets\/jf\/(repair-[0-9a-f]{10})\.svg" alt="上门维修"/)![1];
    expect(first.result.html).toContain(`<img data-jf-theme="dark" src="/assets/jf/${light}-dark.svg"`);
    expect(first.result.files.map((f) => f.rel)).toEqual([`${light}.svg`, `${light}-dark.svg`]);
    const published = path.join(s.docs, 'public/jf', `${light}.svg`);
    expect(fs.readFileSync(published, 'utf8')).toMatch(/^<svg [^>]*data-id="repair"/);
    fs.rmSync(path.join(s.docs, 'public'), { recursive: true });
    const again = await renderBlock(input, o);
    expect('cached' in again && again.cached).toBe(true);
    expect(fs.existsSync(published)).toBe(true);
    expect(fs.existsSync(path.join(s.docs, 'public/jf', `${light}-dark.svg`))).toBe(true);
  });

  it('linked diagrams are published and tracked: the cache entry goes stale when one changes or disappears', async () => {
    const s = site();
    const o = resolveOptions(s.options);
    const input = { code: '', meta: 'src=diagrams/after-sales.flow.yaml', markdownFile: s.file, line: 1, column: 1 };
    const first = await renderBlock(input, o);
    if (!('result' in first)) throw new Error(first.error.message);
    expect(first.result.html).toContain('<a href="/journeyflow/diagrams/repair.flow.svg">');
    expect(first.result.deps).toEqual([{ file: path.join(s.docs, 'diagrams/repair.flow.yaml'), hash: contentHash(REPAIR) }]);
    expect(fs.readFileSync(path.join(s.docs, 'public/jf/diagrams/repair.flow.svg'), 'utf8')).toMatch(/data-id="repair"/);
    expect((await renderBlock(input, o) as { cached: boolean }).cached).toBe(true);
    fs.writeFileSync(path.join(s.docs, 'diagrams/repair.flow.yaml'), REPAIR.replace('出发', '出发前确认'));
    expect((await renderBlock(input, o) as { cached: boolean }).cached).toBe(false);
    expect(fs.readFileSync(path.join(s.docs, 'public/jf/diagrams/repair.flow.svg'), 'utf8')).toContain('出发前确认');
    expect((await renderBlock(input, o) as { cached: boolean }).cached).toBe(true);
    fs.rmSync(path.join(s.docs, 'diagrams/repair.flow.yaml'));
    // A cached entry whose linked file is gone is stale; the block is checked again and fails at the ref.
    const gone = await renderBlock(input, o);
    expect('error' in gone && gone.error.message).toMatch(/after-sales\.flow\.yaml:5:52 error \[unknown-reference\] subprocess ref "repair\.flow\.yaml" does not exist \(in the block at .*page\.md:1\)$/);
  });

  it('a linked diagram that is broken is skipped, the block is still drawn', async () => {
    const s = site();
    fs.writeFileSync(path.join(s.docs, 'diagrams/repair.flow.yaml'), BROKEN);
    const out = await renderBlock({ code: FLOW, meta: '', markdownFile: path.join(s.docs, 'diagrams', 'x.md'), line: 1, column: 1 }, resolveOptions({ ...s.options, cache: false }));
    expect('result' in out && out.result.files).toEqual([]);
    expect('result' in out && out.result.deps?.map((d) => path.basename(d.file))).toEqual(['repair.flow.yaml']);
  });

  it('inline YAML diagnostics are at Markdown lines with code frames; warnings pass, strict fails', async () => {
    const s = site();
    const broken = await renderBlock({ code: BROKEN, meta: '', markdownFile: s.file, line: 5, column: 1 }, resolveOptions(s.options));
    if (!('error' in broken)) throw new Error('expected an error');
    expect([path.basename(broken.error.file), broken.error.line, broken.error.column]).toEqual(['page.md', 9, 11]);
    expect(broken.error.message).toMatch(/page\.md:9:11 error \[unreachable-node\] node "b" cannot be reached.* \(and 1 more\)$/);
    expect(broken.error.details).toContain('> 11 |   - a -> c');
    const warned = await renderBlock({ code: LIFECYCLE_WARN, meta: '', markdownFile: s.file, line: 10, column: 1 }, resolveOptions(s.options));
    if (!('result' in warned)) throw new Error(warned.error.message);
    expect(warned.result.warnings).toHaveLength(1);
    expect(warned.result.warnings[0]).toMatch(/page\.md:15:11 warning \[dead-end\] state "vip" has no transition out of it/);
    expect(warned.result.warnings[0]).toContain('> 15 |   - { id: vip, label: VIP }');
    const strict = await renderBlock({ code: LIFECYCLE_WARN, meta: '', markdownFile: s.file, line: 10, column: 1 }, resolveOptions({ ...s.options, strict: true }));
    expect('error' in strict && strict.error.message).toMatch(/page\.md:15:11 warning \[dead-end\]/);
  });

  it('an included file with errors names the fence; an empty block holds no diagram', async () => {
    const s = site();
    fs.writeFileSync(path.join(s.docs, 'diagrams/broken.flow.yaml'), BROKEN);
    const inc = await renderBlock({ code: '', meta: 'src=diagrams/broken.flow.yaml', markdownFile: s.file, line: 4, column: 1 }, resolveOptions(s.options));
    expect('error' in inc && inc.error.message).toMatch(/broken\.flow\.yaml:4:11 error \[unreachable-node\] .* \(in the block at .*page\.md:4\) \(and 1 more\)$/);
    const empty = await renderBlock({ code: '', meta: '', markdownFile: s.file, line: 4, column: 1 }, resolveOptions(s.options));
    expect('error' in empty && empty.error.message).toMatch(/page\.md:5:1 error \[schema\] the block holds no diagram$/);
  });

  it('errorHtml escapes the message and details', () => {
    expect(errorHtml({ message: 'a <b> & "c"', file: 'f', line: 1, column: 1, details: '> 1 | x -> <y>\n' })).toBe(
      '<div class="jf-block jf-error" role="alert" style="border:1px solid #b91c1c;border-radius:6px;padding:.5rem 1rem;margin:1rem 0;background:#fdecec;color:#7f1d1d" v-pre>' +
        '<p><strong>journeyflow</strong>: a &lt;b&gt; &amp; &quot;c&quot;</p><pre style="white-space:pre-wrap;overflow-x:auto;background:none;color:inherit">&gt; 1 | x -&gt; &lt;y&gt;\n</pre></div>',
    );
  });

  it('figureHtml: alt falls back to the id, several diagrams are joined by lines', () => {
    const o = resolveOptions({ strategy: 'img-svg', root: '/site' });
    const html = figureHtml([{ id: 'a', uid: 'a1', title: '', width: 10, height: 20, light: '<svg/>' }, { id: 'b', uid: 'b1', title: 'B', width: 1, height: 2, light: '<svg/>' }], o);
    const lines = html.split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toContain(`<img src="data:image/svg+xml;base64,${Buffer.from('<svg/>').toString('base64')}" alt="a" width="10" height="20"`);
    expect(lines[1]).toContain('alt="B" width="1" height="2"');
  });

  it('zoom: a hidden checkbox and its label before each diagram at least that wide, tied by a unique id', () => {
    const wide = { id: 'map', uid: 'u1', title: 'Map', width: 2000, height: 400, light: '<svg width="2000"/>' };
    const narrow = { id: 'flow', uid: 'u2', title: 'Flow', width: 600, height: 400, light: '<svg width="600"/>' };
    const [first, second] = figureHtml([wide, narrow], resolveOptions({ root: '/site', zoom: 700 })).split('\n');
    expect(first).toMatch(/^<input type="checkbox" class="jf-zoom-toggle" id="jf-zoom-u1" aria-label="Enlarge Map" style="display:none"><label class="jf-zoom-label" for="jf-zoom-u1" [^>]*style="display:none"><\/label><div class="jf-block jf-inline"/);
    expect(second).toMatch(/^<div class="jf-block/);
    expect(figureHtml([narrow], resolveOptions({ root: '/site', zoom: true, strategy: 'img-svg' }))).toMatch(/^<input [^>]*id="jf-zoom-u2"[^>]*><label [^>]*><\/label><div class="jf-block jf-image"/);
    expect(figureHtml([wide], resolveOptions({ root: '/site' }))).not.toContain('jf-zoom');
    expect(() => resolveOptions({ zoom: -1 })).toThrow('zoom must be true, false or a width in pixels');
    expect(optionsKey(resolveOptions({ zoom: 700 }))).not.toBe(optionsKey(resolveOptions({})));
  });
});

describe('the cache', () => {
  it('a foreign, malformed or missing entry is a miss; a write to a read-only place is ignored', () => {
    const dir = fixture({});
    const key = cacheKey(['a']);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(cacheKey(['a'])).toBe(key);
    expect(cacheKey(['a', ''])).not.toBe(key);
    expect(readCache(undefined, key)).toBeUndefined();
    expect(readCache(dir, key)).toBeUndefined();
    writeCache(dir, key, { html: '<p>x</p>', warnings: ['w'], files: [] });
    expect(readCache(dir, key)).toEqual({ html: '<p>x</p>', warnings: ['w'], files: [], deps: undefined });
    const file = path.join(dir, key.slice(0, 2), `${key}.json`);
    fs.writeFileSync(file, JSON.stringify({ key: 'other', html: 'x' }));
    expect(readCache(dir, key)).toBeUndefined();
    fs.writeFileSync(file, JSON.stringify({ key, html: 1 }));
    expect(readCache(dir, key)).toBeUndefined();
    fs.writeFileSync(file, '{');
    expect(readCache(dir, key)).toBeUndefined();
    fs.writeFileSync(file, JSON.stringify({ key, html: 'h' }));
    expect(readCache(dir, key)).toEqual({ html: 'h', warnings: [], files: [], deps: undefined });
    writeCache(undefined, key, { html: '', warnings: [], files: [] });
    // A cache "folder" that is a file cannot be written: no throw, still a miss.
    const blocked = path.join(dir, 'blocked');
    fs.writeFileSync(blocked, '');
    expect(() => writeCache(blocked, key, { html: '', warnings: [], files: [] })).not.toThrow();
    expect(readCache(blocked, key)).toBeUndefined();
    expect(journeyflowVersion()).toBe(JSON.parse(fs.readFileSync(path.join(__dirname, '../../package.json'), 'utf8')).version);
  });

  it('publish writes only files that are missing or differ', () => {
    const dir = fixture({ 'same.svg': 'S', 'old.svg': 'O' });
    fs.utimesSync(path.join(dir, 'same.svg'), 1, 1);
    publish(dir, [{ rel: 'same.svg', content: 'S' }, { rel: 'old.svg', content: 'N' }, { rel: 'sub/new.svg', content: 'W' }]);
    expect(fs.statSync(path.join(dir, 'same.svg')).mtimeMs).toBe(1000);
    expect(fs.readFileSync(path.join(dir, 'old.svg'), 'utf8')).toBe('N');
    expect(fs.readFileSync(path.join(dir, 'sub/new.svg'), 'utf8')).toBe('W');
  });

  it('drawBlock stores its result under the job key', async () => {
    const s = site();
    const o = resolveOptions(s.options);
    const p = prepareBlock({ code: REPAIR, meta: '', markdownFile: s.file, line: 1, column: 1 }, o);
    if (!('job' in p)) throw new Error('expected a job');
    const { result } = await drawBlock(p.job, o);
    expect(readCache(o.cache, p.job.key)).toEqual(result);
    expect(prepareBlock({ code: REPAIR, meta: '', markdownFile: s.file, line: 1, column: 1 }, o)).toEqual({ hit: result });
  });
});

describe('settle and JourneyflowBlockError', () => {
  const error = { message: 'p.md:3:1 error [r] <m>', file: 'p.md', line: 3, column: 1, details: 'frame\n' };
  it('a result passes; an error fails without a fallback, shows the diagnostics with true, or what the function returns', () => {
    expect(settle({ result: { html: '<p/>', warnings: ['w'], files: [] }, cached: true }, {})).toEqual({ html: '<p/>', warnings: ['w'] });
    expect(settle({ error }, {})).toEqual({ error });
    expect(settle({ error }, { errorFallback: true })).toEqual({ html: errorHtml(error), warnings: ['frame\n'] });
    expect(settle({ error }, { errorFallback: (e) => `<b>${e.line}</b>` })).toEqual({ html: '<b>3</b>', warnings: ['frame\n'] });
    expect(settle({ error }, { errorFallback: () => undefined })).toEqual({ html: '', warnings: ['frame\n'] });
  });

  it('the error carries file:line:col and a stack that is the diagnostic', () => {
    const e = new JourneyflowBlockError(error);
    expect([e.name, e.file, e.line, e.column, e.message, e.stack]).toEqual(['JourneyflowBlockError', 'p.md', 3, 1, 'p.md:3:1 error [r] <m>\nframe', 'JourneyflowBlockError: p.md:3:1 error [r] <m>\nframe']);
    expect(e.block).toBe(error);
    expect(e).toBeInstanceOf(Error);
  });
});
