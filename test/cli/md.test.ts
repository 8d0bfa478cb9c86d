import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, jf } from '../support/cli.js';

const md = `# Process

\`\`\`journeyflow
kind: flow
title: 退款流程
nodes:
  - { id: s, type: start, label: 申请退款 }
  - { id: e, type: end, label: 退款完成 }
edges:
  - s -> e
\`\`\`

After.
`;

describe('journeyflow md', () => {
  it('turns a journeyflow block into a mermaid block, keeps the source, and is idempotent', async () => {
    const dir = fixture({ 'doc.md': md });
    const file = path.join(dir, 'doc.md');
    expect((await jf(['md', file])).code).toBe(0);
    const once = fs.readFileSync(file, 'utf8');
    expect(once).toContain('```mermaid\n%% 退款流程');
    expect(once).toContain('```journeyflow\nkind: flow\ntitle: 退款流程');
    expect(once.startsWith('# Process\n')).toBe(true);
    expect(once.endsWith('After.\n')).toBe(true);
    expect((await jf(['md', file])).code).toBe(0);
    expect(fs.readFileSync(file, 'utf8')).toBe(once);
    expect((await jf(['md', file, '--check'])).code).toBe(0);
  });

  it('switches to SVG image links and back', async () => {
    const dir = fixture({ 'doc.md': md });
    const file = path.join(dir, 'doc.md');
    expect((await jf(['md', file, '--mode', 'svg'])).code).toBe(0);
    expect(fs.readFileSync(file, 'utf8')).toContain('![退款流程](./doc-1.svg)');
    expect(fs.readFileSync(path.join(dir, 'doc-1.svg'), 'utf8')).toContain('jf-diagram');
    expect((await jf(['md', file, '--check'])).code).toBe(1); // mermaid mode would change it
    expect((await jf(['md', file])).code).toBe(0);
    expect(fs.readFileSync(file, 'utf8')).toContain('```mermaid');
  });

  it('reports errors at the Markdown line and leaves the block untouched', async () => {
    const dir = fixture({ 'doc.md': md.replace('s -> e', 's -> nowhere') });
    const file = path.join(dir, 'doc.md');
    const r = await jf(['md', file, '--format', 'json']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stderr).find((d: { rule: string }) => d.rule === 'unknown-reference').line).toBe(10);
    expect(fs.readFileSync(file, 'utf8')).toBe(md.replace('s -> e', 's -> nowhere'));
  });
});
