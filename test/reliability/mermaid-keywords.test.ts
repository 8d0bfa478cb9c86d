import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compile } from '../../src/compile.js';
import { MERMAID_MAX_TEXT_SIZE } from '../../src/render/mermaid-text.js';
import { tmpDir } from '../support/cli.js';
import { chainFlow, jsonDiagnostics } from './helpers.js';
import { expectAnswered, jfAsync } from './run-async.js';

// Issue 24, finding 8: Mermaid's flowchart and state lexers read `direction LR` inside any line,
// quoted labels included, so a lane called "Sales direction LR" made Mermaid refuse the `.mmd`.
// The only `direction` statement of an emitted diagram is its own (in the state diagram header).

const DIRECTION_STATEMENT = /direction\s+(TB|TD|BT|RL|LR)/i;

const sources: Record<string, string> = {
  flow: `kind: flow
title: "Flow direction LR"
lanes:
  - { id: sales, label: "Sales direction LR" }
  - { id: ops, label: "direction TB" }
nodes:
  - { id: s, type: start, label: "Start direction RL", lane: sales }
  - { id: a, label: "Check direction BT", lane: ops }
  - { id: e, type: end, lane: ops }
edges:
  - { from: s, to: a, label: "go direction LR" }
  - a -> e
`,
  funnel: `kind: funnel
title: "Funnel direction LR"
stages:
  - { id: a, label: "Visit direction LR", count: 100 }
  - { id: b, label: "Buy direction TB", count: 10 }
`,
  lifecycle: `kind: lifecycle
title: "States direction LR"
states:
  - { id: a, label: "New direction LR", initial: true, criteria: "weekend note" }
  - { id: b, label: "Gone", final: true }
transitions:
  - { from: a, to: b, label: "leave direction TB" }
`,
};

describe('Mermaid keywords in user text (issue 24, finding 8)', () => {
  for (const [kind, source] of Object.entries(sources)) {
    it(`${kind}: no label makes a direction statement, and the words stay visible`, async () => {
      const { diagrams, diagnostics } = await compile(source);
      expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      const lines = diagrams[0].mermaid.split('\n');
      const statements = lines.filter((l) => DIRECTION_STATEMENT.test(l));
      expect(statements).toEqual(kind === 'lifecycle' ? ['  direction LR'] : []);
      // Decoded as Mermaid does after parsing (entity codes back to characters), the text is intact.
      const decoded = diagrams[0].mermaid.replace(/#(\d+);/g, (_, n) => String.fromCodePoint(Number(n)));
      expect(decoded).toMatch(/direction LR/);
      if (kind === 'lifecycle') expect(lines.filter((l) => /end note/.test(l))).toEqual(['  end note']);
    });
  }
});

describe('Mermaid text size (issue 24, low)', () => {
  it("a valid input whose .mmd exceeds Mermaid's default maxTextSize is built with a warning saying so", async () => {
    const dir = tmpDir('jf-mmd-size-');
    const file = path.join(dir, 'long.flow.yaml');
    fs.writeFileSync(file, chainFlow(1000, (i) => `s${i}: a&b;c`));
    const r = await jfAsync(['build', '--format', 'json', '-f', 'mmd', '-o', dir, file]);
    expectAnswered(r);
    expect(r.code).toBe(0);
    expect(fs.statSync(file).size).toBeLessThan(56 * 1024);
    const mmd = fs.readFileSync(path.join(dir, 'long.flow.mmd'), 'utf8');
    expect(mmd.length).toBeGreaterThan(MERMAID_MAX_TEXT_SIZE);
    expect(jsonDiagnostics(r)).toEqual([expect.objectContaining({ rule: 'mermaid-too-large', severity: 'warning', message: expect.stringMatching(/maxTextSize of 50000/) })]);
  });

  it('an ordinary diagram gets no size warning', async () => {
    const dir = tmpDir('jf-mmd-size-');
    const file = path.join(dir, 'short.flow.yaml');
    fs.writeFileSync(file, chainFlow(20));
    const r = await jfAsync(['build', '--format', 'json', '-f', 'mmd', '-o', dir, file]);
    expectAnswered(r);
    expect(r.code).toBe(0);
    expect(r.stderr).not.toMatch(/mermaid-too-large/);
  });
});
