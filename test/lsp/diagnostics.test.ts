import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiagnosticSeverity } from 'vscode-languageserver/node.js';
import { fixture } from '../support/cli.js';
import { positionOf, startClient, type TestClient } from './client.js';
import { FLOW, JOURNEY, ONSITE } from './fixtures.js';

describe('journeyflow lsp: diagnostics', () => {
  let dir: string;
  let client: TestClient;
  beforeAll(async () => {
    dir = fixture({ 'after-sales.flow.yaml': FLOW, 'onsite.flow.yaml': ONSITE });
    // The built CLI over stdio, as an editor runs it (the other LSP test files talk to the source in-process).
    client = await startClient(dir, undefined, undefined, { process: true });
  });
  afterAll(async () => { await client.close(); });

  it('publishes nothing for a clean flow, then the unknown edge target of an edit, at its place, with its rule and link', async () => {
    const uri = await client.open(path.join(dir, 'after-sales.flow.yaml'), FLOW);
    expect(await client.diagnostics(uri, 1)).toEqual([]);
    const at = positionOf(FLOW, 'repair\n');
    await client.change(uri, 2, [{ range: { start: at, end: { line: at.line, character: at.character + 'repair'.length } }, text: 'repiar' }]);
    const diagnostics = await client.diagnostics(uri, 2);
    const unknown = diagnostics.filter((d) => d.code === 'unknown-reference');
    expect(unknown).toHaveLength(1);
    expect(unknown[0].range).toEqual({ start: at, end: { line: at.line, character: at.character + 6 } });
    expect(unknown[0].message).toMatch(/repiar/);
    expect(unknown[0].message).toMatch(/did you mean "repair"/);
    expect(unknown[0].severity).toBe(DiagnosticSeverity.Error);
    expect(unknown[0].codeDescription?.href).toMatch(/^file:\/\/.*README\.md#rules$/);
    expect(unknown[0].source).toBe('journeyflow');
  });

  it('checks again the open diagrams naming a file that changed on disk, and no other', async () => {
    const named = `${ONSITE}theme: brand.yaml\ndata:\n  - { file: figures/metrics.csv }\n`;
    fs.writeFileSync(path.join(dir, 'brand.yaml'), 'extends: dark\n');
    const uri = await client.open(path.join(dir, 'named.flow.yaml'), named);
    const other = await client.open(path.join(dir, 'other.flow.yaml'), ONSITE);
    const missing = (p: { diagnostics: Array<{ message: string }> }) => p.diagnostics.some((d) => /metrics\.csv" does not exist/.test(d.message));
    await client.published(uri, missing);
    await client.diagnostics(other, 1);
    // The data file appears (a script wrote it): the client's file watcher says so.
    const csv = path.join(dir, 'figures', 'metrics.csv');
    fs.mkdirSync(path.dirname(csv));
    fs.writeFileSync(csv, 'id,volume\ngo->back,12\n');
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(csv).href, type: 1 }] });
    expect((await client.published(uri, (p) => !missing(p))).diagnostics).toEqual([]);
    // The theme file, open beside it, is saved with a misspelt key.
    const theme = await client.open(path.join(dir, 'brand.yaml'), 'extends: dark\ncolour: {}\n');
    fs.writeFileSync(path.join(dir, 'brand.yaml'), 'extends: dark\ncolour: {}\n');
    await client.connection.sendNotification('textDocument/didSave', { textDocument: { uri: theme } });
    const broken = await client.published(uri, (p) => p.diagnostics.some((d) => /colour/.test(d.message)));
    expect(broken.diagnostics.map((d) => [d.range.start.line, d.code])).toEqual([[7, 'schema']]);
    expect(broken.diagnostics[0].message).toMatch(/brand\.yaml:2:1: .*colour/);
    // The diagram that names neither file was not checked again (one publication, when it was opened).
    await client.change(other, 2, [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: '' }]);
    await client.diagnostics(other, 2);
    expect(client.publications(other).map((p) => p.version)).toEqual([1, 2]);
  });

  it('still reports schema and rule problems of a document whose YAML is broken', async () => {
    const broken = FLOW.replace('- { id: done, type: end, label: 客户满意离开, lane: customer }', '- { id: done, type: end, label: 客户满意离开, lane: nowhere')
      .replace('report -> record', 'report -> recrod');
    const uri = await client.open(path.join(dir, 'broken.flow.yaml'), broken);
    const diagnostics = await client.diagnostics(uri, 1);
    const codes = diagnostics.map((d) => d.code);
    expect(codes).toContain('yaml-syntax');
    const lane = diagnostics.find((d) => d.code === 'unknown-reference' && /nowhere/.test(d.message));
    expect(lane?.range.start).toEqual(positionOf(broken, 'nowhere'));
    const edge = diagnostics.find((d) => d.code === 'unknown-reference' && /recrod/.test(d.message));
    expect(edge?.range.start).toEqual(positionOf(broken, 'recrod'));
  });

  it('reports schema errors and lint warnings with their codes and severities', async () => {
    const typo = FLOW.replace('type: start', 'type: strat');
    const uri = await client.open(path.join(dir, 'typo.flow.yaml'), typo);
    const schema = (await client.diagnostics(uri, 1)).find((d) => d.code === 'schema');
    expect(schema?.message).toMatch(/strat/);
    expect(schema?.range.start).toEqual(positionOf(typo, 'strat'));
    const lint = JOURNEY.replace('        channels: [web]\n', '');
    const journey = await client.open(path.join(dir, 'lint.journey.yaml'), lint);
    const warning = (await client.diagnostics(journey, 1)).find((d) => d.code === 'step-without-channel');
    expect(warning?.severity).toBe(DiagnosticSeverity.Warning);
  });

  it('checks a file whose name says it is a diagram even with a misspelt kind, and leaves other YAML alone', async () => {
    const misspelt = await client.open(path.join(dir, 'x.flow.yaml'), FLOW.replace('kind: flow', 'kind: flwo'));
    expect((await client.diagnostics(misspelt, 1)).map((d) => d.code)).toEqual(['schema']);
    const other = await client.open(path.join(dir, 'docker-compose.yaml'), 'services:\n  web: { image: nginx }\n');
    expect(await client.diagnostics(other, 1)).toEqual([]);
  });

  it('checks each buffer on its own, and clears a closed one', async () => {
    const a = await client.open(path.join(dir, 'a.flow.yaml'), FLOW.replace('-> repair', '-> nothing'));
    const b = await client.open(path.join(dir, 'b.flow.yaml'), FLOW);
    expect((await client.diagnostics(a, 1)).some((d) => /nothing/.test(d.message))).toBe(true);
    expect(await client.diagnostics(b, 1)).toEqual([]);
    await client.connection.sendNotification('textDocument/didClose', { textDocument: { uri: a } });
    const cleared = await client.published(a, (p) => p.version === undefined);
    expect(cleared.diagnostics).toEqual([]);
  });

  it('answers hostile buffers (deep nesting, an alias bomb, garbage) with diagnostics and keeps serving', async () => {
    const deep = `kind: flow\nnodes:\n  - { id: a, lane: ${'['.repeat(20000)}${']'.repeat(20000)} }\n`;
    const bomb = `kind: flow\nx0: &a0 [x, x, x, x, x, x, x, x, x]\n${Array.from({ length: 9 }, (_, i) => `x${i + 1}: &a${i + 1} [*a${i}, *a${i}, *a${i}, *a${i}, *a${i}, *a${i}, *a${i}, *a${i}, *a${i}]`).join('\n')}\nnodes: *a9\n`;
    const garbage = 'kind: flow\n' + '}{][:,'.repeat(5000);
    for (const [name, text] of [['deep', deep], ['bomb', bomb], ['garbage', garbage]]) {
      const uri = await client.open(path.join(dir, `${name}.flow.yaml`), text);
      const diagnostics = await client.diagnostics(uri, 1);
      expect(diagnostics.length, name).toBeGreaterThan(0);
      expect(diagnostics.every((d) => typeof d.code === 'string'), name).toBe(true);
      const hover = await client.connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 2, character: 12 } });
      expect(hover, name).toBeNull();
    }
    expect(client.stderr()).not.toMatch(/at .*\(.*:\d+:\d+\)/);
  });

  it('checks an unsaved buffer (no file) by its text alone: a ref is checked as a path, not looked up', async () => {
    const uri = 'untitled:Untitled-1';
    await client.connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text: FLOW } });
    expect(await client.diagnostics(uri, 1)).toEqual([]);
    await client.change(uri, 2, [{ text: FLOW.replace('ref: onsite.flow.yaml', 'ref: ../outside.flow.yaml') }]);
    const outside = (await client.diagnostics(uri, 2)).find((d) => d.code === 'unknown-reference');
    expect(outside?.range.start).toEqual(positionOf(FLOW, 'onsite.flow.yaml'));
  });
});
