/**
 * Loading and bounds in process (through the library's checkSource): YAML syntax errors, duplicate
 * keys, alias bombs, nesting, token and element bounds, long texts and references, each answered
 * with one diagnostic at the right line and rule.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkSource } from '../../src/api/index.js';
import { writeTree } from '../support/inprocess.js';

const brief = (yaml: string, limits = {}) => checkSource(yaml, { file: 'x.yaml', limits }).diagnostics.map((d) => `${d.line}:${d.column} ${d.rule} ${d.message}`);
const FLOW = (nodes: string) => `kind: flow\nnodes:\n${nodes}edges:\n  - s -> e\n`;
const TWO = '  - { id: s, type: start }\n  - { id: e, type: end }\n';

describe('YAML loading', () => {
  it('reports syntax errors where they are, without the parser\'s own position text', () => {
    expect(brief('kind: flow\nnodes: [\n')).toEqual(['3:1 yaml-syntax Flow sequence in block collection must be sufficiently indented and end with a ]']);
    expect(brief('kind: flow\n\tnodes: []\n')[0]).toMatch(/^2:1 yaml-syntax Tabs are not allowed as indentation/);
  });

  it('stops after 50 syntax errors of one document and says how many more there were', () => {
    const garbage = `kind: flow\n${'a: b: c\n'.repeat(60)}`;
    const d = brief(garbage);
    expect(d).toHaveLength(51);
    expect(d[50]).toMatch(/^\d+:\d+ yaml-syntax \d+ more YAML errors in this document are not shown$/);
  });

  it('refuses duplicate keys, naming the first use', () => {
    expect(brief('kind: flow\nnodes: []\ntitle: a\ntitle: b\n')).toEqual(['4:1 yaml-syntax map keys must be unique: "title" is already used on line 3']);
  });

  it('stops an alias bomb and deep nesting before they cost memory', () => {
    const bomb = 'a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nkind: flow\n';
    expect(brief(bomb, { maxAliases: 20 })).toEqual(['1:1 input-too-large too many alias expansions (more than 20); the document looks like an alias bomb (raise the bound with --max-aliases)']);
    expect(brief(`kind: flow\nnodes: ${'['.repeat(12)}${']'.repeat(12)}\n`, { maxDepth: 10 })).toEqual(['2:17 input-too-large nesting deeper than 10 levels (raise it with --max-depth)']);
    expect(brief(`kind: flow\nnodes: ${'['.repeat(5000)}${']'.repeat(5000)}\n`)[0]).toMatch(/^2:\d+ input-too-large nesting deeper than 48 levels \(raise it with --max-depth\)$/);
  });

  it('answers deep nesting the same however little stack the caller has left', () => {
    // Composing YAML is recursive: the answer must not depend on where the stack runs out.
    const flow = `kind: flow\nnodes: ${'['.repeat(5000)}${']'.repeat(5000)}\n`;
    const block = `kind: flow\nnodes:\n  ${'- '.repeat(3000)}x\n`;
    const fromDeepInside = (depth: number, text: string): string[] => (depth === 0 ? brief(text) : fromDeepInside(depth - 1, text));
    const expected = (line: number, col: number) => [`${line}:${col} input-too-large nesting deeper than 48 levels (raise it with --max-depth)`];
    expect(brief(flow)).toEqual(expected(2, 55));
    expect(fromDeepInside(8000, flow)).toEqual(expected(2, 55));
    expect(brief(block)).toEqual(expected(3, 97));
    expect(fromDeepInside(8000, block)).toEqual(expected(3, 97));
  });

  it('counts tokens of a large file before parsing it, the bound following --max-elements', () => {
    const many = FLOW(`${TWO}${'  - { id: n, label: x }\n'.repeat(40)}`);
    expect(brief(many, { maxElements: 3 })).toEqual(['12:1 input-too-large more than 180 YAML tokens (from line 12 on); the limit follows --max-elements (3), raise it to read this file']);
  });

  it('skips empty documents: a file with a stray or trailing `---` is one diagram', () => {
    for (const text of [`---\n---\n${FLOW(TWO)}---\n# only a comment\n`, `${FLOW(TWO)}---\n`]) {
      const r = checkSource(text, { file: 'x.yaml' });
      expect(r.diagnostics).toEqual([]);
      expect(r.documents.map((d) => [d.doc.index, d.doc.count, d.model.id, d.ok])).toEqual([[0, 1, 'x', true]]);
    }
    expect(brief('null\n')).toEqual(['1:1 schema a diagram document must be a map with a `kind` field (journey, flow, lifecycle or funnel)']);
  });
});

describe('element and text bounds', () => {
  it('names the list that is too long, or the whole diagram when the lists add up', () => {
    const nodes = `${TWO}  - { id: a }\n  - { id: b }\n`;
    expect(brief(FLOW(nodes), { maxElements: 3 })).toEqual(['2:1 input-too-large nodes has 4 entries; the limit is 3 (raise it with --max-elements)']);
    const lanes = 'lanes: [{ id: l1 }, { id: l2 }, { id: l3 }]\n';
    expect(brief(`${lanes}${FLOW(TWO)}`.replace('  - s -> e\n', '  - s -> e\n  - e -> s\n  - s -> s\n'), { maxElements: 3 })).toEqual(['1:1 input-too-large the diagram has 8 elements; the limit is 6 (raise it with --max-elements)']);
  });

  it('reports a long text once, at its own value', () => {
    expect(brief(FLOW(`  - { id: s, type: start, label: ${'长'.repeat(30)} }\n  - { id: e, type: end }\n`), { maxTextLength: 20 })).toEqual(['3:34 input-too-large text of 30 characters; the limit is 20 (raise it with --max-text)']);
  });
});

describe('references', () => {
  const dir = writeTree(fs.mkdtempSync(path.join(os.tmpdir(), 'jf-ref-')), { 'sub.flow.yaml': FLOW(TWO), 'folder.yaml/x': '', 'theme.yaml': 'background: "#101010"\n' });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const withRef = (ref: string) => FLOW(`  - { id: s, type: start }\n  - { id: p, type: subprocess, ref: "${ref}" }\n  - { id: e, type: end }\n`).replace('  - s -> e\n', '  - s -> p -> e\n');
  const check = (ref: string) => checkSource(withRef(ref), { file: 'main.flow.yaml', absPath: path.join(dir, 'main.flow.yaml') }).diagnostics.map((d) => `${d.rule} ${d.message}`);

  it('accepts a file inside the tree and refuses anything else without reading it', () => {
    expect(check('sub.flow.yaml')).toEqual([]);
    expect(check('https://example.com/x.yaml')).toEqual(['unknown-reference subprocess ref "https://example.com/x.yaml" must be a path relative to this file']);
    expect(check('../outside.flow.yaml')).toEqual(['unknown-reference subprocess ref "../outside.flow.yaml" leaves the folder tree being built; it is not read']);
    expect(check('missing.flow.yaml')).toEqual(['unknown-reference subprocess ref "missing.flow.yaml" does not exist']);
    expect(check('folder.yaml')).toEqual(['unknown-reference subprocess ref "folder.yaml" is not a file']);
  });

  it('reads a theme file of the document from its folder', () => {
    const r = checkSource(`theme: theme.yaml\n${FLOW(TWO)}`, { file: 'main.flow.yaml', absPath: path.join(dir, 'main.flow.yaml') });
    expect([r.diagnostics, r.documents[0].ok]).toEqual([[], true]);
    const bad = checkSource(`theme: nope.yaml\n${FLOW(TWO)}`, { file: 'main.flow.yaml', absPath: path.join(dir, 'main.flow.yaml') });
    expect(bad.diagnostics.map((d) => `${d.line}:${d.column} ${d.rule} ${d.message}`)).toEqual(['1:8 unknown-reference theme "nope.yaml" does not exist']);
  });
});
