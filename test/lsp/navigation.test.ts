import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Hover, Location, Range, WorkspaceEdit } from 'vscode-languageserver/node.js';
import { fixture } from '../support/cli.js';
import { applyEdits, positionOf, startClient, type TestClient } from './client.js';
import { FLOW, JOURNEY, ONSITE } from './fixtures.js';

describe('journeyflow lsp: definition, references, rename, hover', () => {
  let dir: string;
  let client: TestClient;
  let flowUri: string;
  beforeAll(async () => {
    dir = fixture({ 'after-sales.flow.yaml': FLOW, 'onsite.flow.yaml': ONSITE, 'buy.journey.yaml': JOURNEY });
    client = await startClient(dir);
    flowUri = await client.open(path.join(dir, 'after-sales.flow.yaml'), FLOW);
  });
  afterAll(async () => { await client.close(); });

  const request = <T>(method: string, needle: string, shift = 1, n = 0, extra: Record<string, unknown> = {}) =>
    client.connection.sendRequest(method, { textDocument: { uri: flowUri }, position: positionOf(FLOW, needle, shift, n), ...extra }) as Promise<T>;
  const span = (needle: string, length: number, n = 0): Range => ({ start: positionOf(FLOW, needle, 0, n), end: positionOf(FLOW, needle, length, n) });

  it('goes from an edge end (chain or object) to the node, from a lane to the lane, from a ref to the file', async () => {
    const declared = span('record, label', 6);
    expect(await request<Location[]>('textDocument/definition', 'record -> repair')).toEqual([{ uri: flowUri, range: declared }]);
    expect(await request<Location[]>('textDocument/definition', 'done }')).toEqual([{ uri: flowUri, range: span('done, type', 4) }]);
    expect(await request<Location[]>('textDocument/definition', 'service, metrics')).toEqual([{ uri: flowUri, range: span('service, label', 7) }]);
    const onsite = pathToFileURL(path.join(dir, 'onsite.flow.yaml')).href;
    expect(await request<Location[]>('textDocument/definition', 'onsite.flow.yaml')).toEqual([{ uri: onsite, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }]);
  });

  it('finds every use of a node id, chain strings included, with or without its declaration', async () => {
    const repair = await request<Location[]>('textDocument/references', 'repair, type', 1, 0, { context: { includeDeclaration: true } });
    expect(repair.map((l) => l.range)).toEqual([span('repair, type', 6), span('repair\n', 6), span('repair, to', 6)]);
    const uses = await request<Location[]>('textDocument/references', 'repair, type', 1, 0, { context: { includeDeclaration: false } });
    expect(uses).toHaveLength(2);
  });

  it('finds the `ref` and `flow` paths of every diagram in the workspace that name a file', async () => {
    const refs = await request<Location[]>('textDocument/references', 'onsite.flow.yaml', 1, 0, { context: { includeDeclaration: true } });
    const journey = pathToFileURL(path.join(dir, 'buy.journey.yaml')).href;
    expect(refs.map((l) => l.uri).sort()).toEqual([flowUri, journey].sort());
    expect(refs.find((l) => l.uri === journey)?.range.start).toEqual(positionOf(JOURNEY, 'onsite.flow.yaml'));
  });

  it('renames a node id in its declaration, chain strings and edge objects', async () => {
    const prepared = await request<Range>('textDocument/prepareRename', 'record -> repair', 10);
    expect(prepared).toEqual(span('repair\n', 6));
    const edit = await request<WorkspaceEdit>('textDocument/rename', 'repair\n', 2, 0, { newName: 'onsite-repair' });
    const renamed = applyEdits(FLOW, edit.changes![flowUri]);
    expect(renamed).toContain('{ id: onsite-repair, type: subprocess');
    expect(renamed).toContain('report -> record -> onsite-repair\n');
    expect(renamed).toContain('{ from: onsite-repair, to: done }');
    expect(renamed.match(/[\w-]*repair\b/g)).toEqual(['onsite-repair', 'onsite-repair', 'onsite-repair']);
    // A lane shares no name space with nodes: renaming it leaves node ids alone.
    const lane = await request<WorkspaceEdit>('textDocument/rename', 'service, metrics', 1, 0, { newName: 'desk' });
    expect(applyEdits(FLOW, lane.changes![flowUri]).match(/desk/g)).toHaveLength(3);
  });

  it('refuses a rename to an id the schema would reject or one already taken', async () => {
    await expect(request('textDocument/rename', 'record -> ', 1, 0, { newName: 'has space' })).rejects.toThrow(/not a valid id/);
    await expect(request('textDocument/rename', 'record -> ', 1, 0, { newName: 'done' })).rejects.toThrow(/already exists/);
  });

  it('hovers with the label, type, lane (and its label) and metrics', async () => {
    const hover = await request<Hover>('textDocument/hover', 'record -> repair');
    const value = (hover.contents as { value: string }).value;
    expect(value).toContain('**客服记录报修信息** — node `record`');
    expect(value).toContain('lane: service (客服中心)');
    expect(value).toContain('metrics: duration 10m, volume 1200');
    const sub = await request<Hover>('textDocument/hover', 'repair, type');
    expect((sub.contents as { value: string }).value).toContain('- type: subprocess');
    const file = await request<Hover>('textDocument/hover', 'onsite.flow.yaml');
    expect((file.contents as { value: string }).value).toContain('**上门维修流程** — flow');
    expect(await request<Hover | null>('textDocument/hover', 'title: ')).toBeNull();
  });
});
