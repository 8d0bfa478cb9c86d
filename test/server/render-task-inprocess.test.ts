import { describe, expect, it } from 'vitest';
import { renderJob } from '../../src/server/render-task.js';
import type { RenderJob } from '../../src/server/protocol.js';
import { BAD_FLOW, FLOW, LIFECYCLE } from './helpers.js';

// What a render thread does with one job, run here in the test process (the pool runs it on threads).

const job = (over: Partial<RenderJob>): RenderJob => ({ source: FLOW, diagramType: 'journeyflow', format: 'svg', scale: 1, limits: {}, ...over });
const body = async (over: Partial<RenderJob>) => {
  const out = await renderJob(job(over));
  if (!out.ok) throw new Error(out.message);
  return out.body;
};

describe('renderJob', () => {
  it('svg, png, txt and mmd of one flow', async () => {
    const svg = await body({});
    expect(typeof svg === 'string' && svg).toMatch(/^<svg [^>]*class="jf-diagram jf-flow"/);
    const png = await body({ format: 'png', scale: 1 });
    expect(png).toBeInstanceOf(Uint8Array);
    expect(Buffer.from(png as Uint8Array).subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const png2 = await body({ format: 'png', scale: 2 });
    expect(Buffer.from(png2 as Uint8Array).readUInt32BE(16)).toBe(2 * Buffer.from(png as Uint8Array).readUInt32BE(16));
    const mmd = await body({ format: 'mmd' });
    expect(mmd).toMatch(/^%% 客户售后服务流程 \(journeyflow diagram\)\nflowchart /);
    const txt = await body({ format: 'txt' });
    expect(typeof txt).toBe('string');
    expect((txt as string).length).toBeGreaterThan(0);
    expect(txt).not.toContain('<svg');
  });

  it('a theme overrides the document\'s own', async () => {
    const fill = (svg: string | Uint8Array) => String(svg).match(/class="jf-background"[^>]*fill="([^"]+)"/)![1];
    expect(fill(await body({ theme: 'dark' }))).not.toBe(fill(await body({})));
  });

  it('diagnostics come back as the 400 text with code frames at <input>', async () => {
    const out = await renderJob(job({ source: BAD_FLOW }));
    expect(out.ok).toBe(false);
    const message = (out as { message: string }).message;
    expect(message).toMatch(/^journeyflow found 1 error in the diagram\n<input>:5:14 error \[unknown-reference\] edge target "b" is not a node of this flow/);
    expect(message).toContain('> 5 | edges: [a -> b, a -> z]');
  });

  it('the diagram type insists on its kind; no kind and several documents are refused', async () => {
    const wrong = await renderJob(job({ diagramType: 'journeyflow-lifecycle' }));
    expect(!wrong.ok && wrong.message).toMatch(/^journeyflow found 1 error in the diagram\n<input>:1:7 error \[schema\] diagram type "journeyflow-lifecycle" draws kind: lifecycle, but this document is kind: flow; use diagram type "journeyflow" or "journeyflow-flow"/);
    expect((await renderJob(job({ diagramType: 'journeyflow-lifecycle', source: LIFECYCLE, format: 'mmd' }))).ok).toBe(true);
    const multi = await renderJob(job({ source: `id: one\n${FLOW}---\nid: two\n${LIFECYCLE}` }));
    expect(!multi.ok && multi.message).toBe('the source holds 2 documents; send one diagram per request');
    const none = await renderJob(job({ source: '# nothing\n' }));
    expect(!none.ok && none.message).toMatch(/^the source holds no diagram; it needs a `kind` \(/);
  });
});
