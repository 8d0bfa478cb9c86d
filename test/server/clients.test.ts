import { createRequire } from 'node:module';
import asciidoctorFactory from '@asciidoctor/core';
import { deflate } from 'pako';
import rehypeStringify from 'rehype-stringify';
import { remarkKroki } from 'remark-kroki';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildOutput, FLOW, JOURNEY, request, startCliServer, startTestService, type TestService } from './helpers.js';

/*
 * Kroki clients no one here wrote, from npm, configured as their READMEs say and pointed at the
 * render service: each page's journeyflow block must come back as the SVG `build` writes.
 */

const require = createRequire(import.meta.url);

let t: TestService;
beforeAll(async () => { t = await startTestService(); });
afterAll(async () => { await t.close(); });

const svgIn = (html: string) => /<svg [\s\S]*?<\/svg>/.exec(html)?.[0];

describe('remark-kroki (unified / remark)', () => {
  const page = (meta = '') => `# 售后\n\n\`\`\`journeyflow${meta}\n${FLOW}\`\`\`\n\n\`\`\`kroki type=journeyflow-journey\n${JOURNEY}\`\`\`\n`;
  const render = async (markdown: string) => String(await unified()
    .use(remarkParse)
    .use(remarkKroki, { server: t.base, alias: ['journeyflow'], output: 'inline-svg' })
    .use(remarkRehype, { allowDangerousHtml: true })
    .use(rehypeStringify, { allowDangerousHtml: true })
    .process(markdown));

  it('inlines the SVG build writes, for a journeyflow block and a kroki type= block', async () => {
    const html = await render(page());
    const svgs = html.match(/<svg [\s\S]*?<\/svg>/g) ?? [];
    expect(svgs).toHaveLength(2);
    expect(svgs[0]).toBe((await buildOutput(FLOW, 'svg')).toString('utf8').trimEnd());
    expect(svgs[1]).toBe((await buildOutput(JOURNEY, 'svg')).toString('utf8').trimEnd());
  });

  it('passes Kroki-Diagram-Options-* from the block meta as headers', async () => {
    const html = await render(page(' Kroki-Diagram-Options-theme=dark'));
    expect(svgIn(html)).toBe((await buildOutput(FLOW, 'svg', ['-t', 'dark'])).toString('utf8').trimEnd());
  });
});

/**
 * asciidoctor-kroki registers a fixed list of diagram names; the README's configuration gives
 * journeyflow the same block processor (the processor takes the diagram type from its name).
 */
function krokiRegistry(asciidoctor: ReturnType<typeof asciidoctorFactory>, context: Record<string, unknown> = {}) {
  const kroki = require('asciidoctor-kroki');
  const registry = asciidoctor.Extensions.create();
  kroki.register({
    block: (name: string, processor: unknown) => {
      registry.block(name, processor as never);
      if (name === 'plantuml') registry.block('journeyflow', processor as never);
    },
    blockMacro: (processor: unknown) => registry.blockMacro(processor as never),
  }, context);
  return registry;
}

describe('asciidoctor-kroki (@asciidoctor/core)', () => {
  // Its HTTP client is synchronous (it blocks the thread it runs on), so its server is a child process.
  let cli: Awaited<ReturnType<typeof startCliServer>>;
  beforeAll(async () => { cli = await startCliServer(); });
  afterAll(async () => { cli.child.kill('SIGTERM'); await cli.exited; });

  const adoc = `= 售后\n\n[journeyflow]\n----\n${FLOW}----\n`;

  it('links an image whose GET URL answers the SVG build writes', async () => {
    const asciidoctor = asciidoctorFactory();
    const html = asciidoctor.convert(adoc, { safe: 'safe', extension_registry: krokiRegistry(asciidoctor), attributes: { 'kroki-server-url': cli.base } }) as string;
    const src = /<img src="([^"]+)"/.exec(html)?.[1];
    expect(src).toMatch(new RegExp(`^${cli.base}/journeyflow/svg/[A-Za-z0-9_-]+`));
    const r = await request(src!.replace(/&amp;/g, '&'));
    expect(r.status).toBe(200);
    expect(r.text).toBe((await buildOutput(FLOW, 'svg')).toString('utf8'));
  });

  it('with kroki-fetch-diagram, fetches the SVG itself at build time', () => {
    const asciidoctor = asciidoctorFactory();
    const saved: Array<{ basename: string; contents: Buffer }> = [];
    const vfs = { add: (file: { basename: string; contents: Buffer }) => saved.push(file), exists: () => false, read: () => '' };
    const html = asciidoctor.convert(adoc, {
      safe: 'safe',
      extension_registry: krokiRegistry(asciidoctor, { vfs }),
      attributes: { 'kroki-server-url': cli.base, 'kroki-fetch-diagram': '' },
    }) as string;
    expect(saved).toHaveLength(1);
    expect(html).toContain(`<img src="${saved[0].basename}"`);
    return buildOutput(FLOW, 'svg').then((svg) => expect(saved[0].contents.equals(svg)).toBe(true));
  });
});

describe('the GET form encoded with pako, as Kroki\'s documentation describes', () => {
  it('deflate level 9, base64 with - and _ for + and /', async () => {
    const data = new TextEncoder().encode(FLOW);
    const compressed = deflate(data, { level: 9 });
    const encoded = Buffer.from(compressed).toString('base64').replace(/\+/g, '-').replace(/\//g, '_');
    const r = await request(`${t.base}/journeyflow/svg/${encoded}`);
    expect(r.status).toBe(200);
    expect(r.text).toBe((await buildOutput(FLOW, 'svg')).toString('utf8'));
  });
});
