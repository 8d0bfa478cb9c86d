import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runNode } from '../support/cli.js';

describe('library API (SPEC §5)', () => {
  it('imports as `journeyflow` (ESM with type declarations) and compiles YAML to SVG, Mermaid and PNG', async () => {
    expect(fs.existsSync(path.join(ROOT, 'dist', 'api', 'index.d.ts'))).toBe(true);
    const script = `
      import { compile, renderPng } from 'journeyflow';
      const yaml = 'kind: flow\\nid: api\\nnodes:\\n  - { id: s, type: start, label: 开始 }\\n  - { id: e, type: end, label: 结束 }\\nedges:\\n  - s -> e\\n';
      const r = await compile(yaml, { file: 'api.flow.yaml' });
      const png = await renderPng(r.diagrams[0].svg, { scale: 1 });
      const bad = await compile('kind: flow\\nnodes: []\\n', { file: 'bad.flow.yaml' });
      console.log(JSON.stringify({ n: r.diagrams.length, id: r.diagrams[0].id, kind: r.diagrams[0].kind, svg: r.diagrams[0].svg.slice(0, 4), mmd: r.diagrams[0].mermaid.includes('flowchart TB'), png: png instanceof Uint8Array && png[1] === 0x50, diags: r.diagnostics.length, bad: bad.diagnostics.map((d) => [d.rule, d.line]), badDiagrams: bad.diagrams.length }));
    `;
    // A process of its own: the package as a user imports it, from its built dist/.
    const r = await runNode(['--input-type=module', '-e', script], { cwd: ROOT });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({ n: 1, id: 'api', kind: 'flow', svg: '<svg', mmd: true, png: true, diags: 0, bad: [['schema', 2]], badDiagrams: 0 });
  });
});
