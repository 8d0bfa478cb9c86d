import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderPreview, type PreviewJob } from '../../src/server/preview-task.js';
import { ROOT } from '../support/cli.js';

// What a `serve` preview thread does with one file, run here in the test process (serve runs it
// on pool threads from dist/; test/reliability/serve-hardening.test.ts drives those).

const examples = path.join(ROOT, 'examples');
const job = (file: string, over: Partial<PreviewJob> = {}): PreviewJob => ({
  text: fs.readFileSync(path.join(examples, file), 'utf8'), file, absPath: path.join(examples, file), root: examples, links: new Map(), ...over,
});

describe('renderPreview', () => {
  it('draws every document, a subprocess linking to the page the served file has', async () => {
    const links = new Map([[path.join(examples, 'onsite-repair.flow.yaml'), '/view?file=onsite-repair.flow.yaml']]);
    const out = await renderPreview(job('after-sales.flow.yaml', { links }));
    expect(out.problems).toBe('');
    expect(out.svgs).toHaveLength(1);
    expect(out.svgs[0].svg).toContain('href="/view?file=onsite-repair.flow.yaml"');
  });

  it('a diagram past the layout budget is a layout-too-complex problem at its edges, with no picture', async () => {
    // Start s, end e, and an edge from every node to every other (none into s, none out of e).
    const ids = ['s', ...Array.from({ length: 18 }, (_, i) => `n${i}`), 'e'];
    const type = (id: string) => (id === 's' ? ', type: start' : id === 'e' ? ', type: end' : '');
    const edges = ids.flatMap((a) => ids.filter((b) => b !== a && b !== 's' && a !== 'e').map((b) => `  - ${a} -> ${b}`));
    const text = `kind: flow\nnodes:\n${ids.map((id) => `  - { id: ${id}${type(id)} }`).join('\n')}\nedges:\n${edges.join('\n')}\n`;
    const out = await renderPreview({ ...job('after-sales.flow.yaml'), text, file: 'dense.flow.yaml' });
    expect(out.svgs).toEqual([]);
    expect(out.problems).toMatch(new RegExp(`^dense\\.flow\\.yaml:${ids.length + 3}:1 error \\[layout-too-complex\\]`, 'm'));
  });

  it('a file that could not be read shows why, and nothing is checked', async () => {
    const unreadable = { file: 'gone.flow.yaml', line: 1, column: 1, endLine: 1, endColumn: 1, severity: 'error' as const, rule: 'input-outside', message: 'leads outside', path: '' };
    const out = await renderPreview({ ...job('after-sales.flow.yaml'), text: '', file: 'gone.flow.yaml', unreadable });
    expect(out).toEqual({ svgs: [], problems: expect.stringContaining('[input-outside] leads outside') });
  });
});
