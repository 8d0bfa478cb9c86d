import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Range, RenameFile, TextDocumentEdit, WorkspaceEdit } from 'vscode-languageserver/node.js';
import { fixture } from '../support/cli.js';
import { applyEdits, positionOf, startClient, type TestClient } from './client.js';
import { FLOW, JOURNEY, ONSITE } from './fixtures.js';

/** A sub-flow in a folder of its own whose `ref` climbs out of it. */
const PART = `kind: flow
title: 备件
nodes:
  - { id: ask, type: start, label: 申请 }
  - { id: fix, type: subprocess, label: 维修, ref: ./../onsite.flow.yaml }
  - { id: end, type: end, label: 结束 }
edges:
  - ask -> fix -> end
`;

/** A flow that names a theme file and data files, one path double-quoted, besides a built-in theme nowhere. */
const THEMED = `kind: flow
title: 带主题和数据的流程
theme: looks/brand.yaml
data:
  - { file: data/metrics.csv }
  - { file: "data/weekly.json", override: true }
nodes:
  - { id: in, type: start, label: 开始 }
  - { id: out, type: end, label: 结束 }
edges:
  - in -> out
`;

const FILES = {
  'after-sales.flow.yaml': FLOW, 'onsite.flow.yaml': ONSITE, 'buy.journey.yaml': JOURNEY, 'parts/part.flow.yaml': PART, 'themed.flow.yaml': THEMED,
  'looks/brand.yaml': 'extends: dark\n', 'data/metrics.csv': 'id,volume\nin->out,9\n', 'data/weekly.json': '[{ "id": "in->out", "volume": 12 }]\n',
};
/** What a client that can apply RenameFile operations says at initialize (VS Code and Neovim do). */
const RENAMES_FILES = { workspace: { workspaceEdit: { documentChanges: true, resourceOperations: ['create', 'rename', 'delete'] } } };

describe('journeyflow lsp: moving and renaming diagram files keeps `ref` / `flow` paths pointing at them', () => {
  let dir: string;
  let client: TestClient;
  let plain: TestClient;
  const uri = (name: string) => pathToFileURL(path.join(dir, name)).href;
  const text = (name: string) => FILES[name as keyof typeof FILES];
  beforeAll(async () => {
    dir = fixture(FILES);
    [client, plain] = await Promise.all([startClient(dir, { debounceMs: 20 }, RENAMES_FILES), startClient(dir)]);
    await client.open(path.join(dir, 'after-sales.flow.yaml'), FLOW);
  });
  afterAll(async () => { await Promise.all([client.close(), plain.close()]); });

  const willRename = (files: Array<[string, string]>) =>
    client.connection.sendRequest('workspace/willRenameFiles', { files: files.map(([from, to]) => ({ oldUri: uri(from), newUri: uri(to) })) }) as Promise<WorkspaceEdit | null>;
  const edited = (edit: WorkspaceEdit | null, name: string) => applyEdits(text(name), edit?.changes?.[uri(name)] ?? []);

  it('announces willRenameFiles for YAML files and folders', () => {
    const filters = client.capabilities.workspace?.fileOperations?.willRename?.filters ?? [];
    expect(filters.map((f) => [f.pattern.glob, f.pattern.matches])).toEqual([['**/*.{yaml,yml,csv,json,parquet}', 'file'], ['**/*', 'folder']]);
  });

  it('moving a theme file or a data file rewrites the `theme:` and `data` paths naming it', async () => {
    const theme = await willRename([['looks/brand.yaml', 'brand/dark.yaml']]);
    expect(Object.keys(theme!.changes!)).toEqual([uri('themed.flow.yaml')]);
    expect(edited(theme, 'themed.flow.yaml')).toContain('\ntheme: brand/dark.yaml\n');
    const data = await willRename([['data/metrics.csv', 'figures/metrics.csv']]);
    expect(edited(data, 'themed.flow.yaml')).toContain('- { file: figures/metrics.csv }');
    // A double-quoted path stays double-quoted.
    const json = await willRename([['data', 'inputs']]);
    expect(edited(json, 'themed.flow.yaml')).toContain('- { file: inputs/metrics.csv }\n  - { file: "inputs/weekly.json", override: true }');
  });

  it('moving a diagram rewrites its theme and data paths relative to its new folder', async () => {
    const edit = await willRename([['themed.flow.yaml', 'flows/themed.flow.yaml']]);
    const moved = parse(edited(edit, 'themed.flow.yaml'));
    expect([moved.theme, moved.data.map((d: { file: string }) => d.file)]).toEqual(['../looks/brand.yaml', ['../data/metrics.csv', '../data/weekly.json']]);
  });

  it('writes a new path YAML would misread unquoted in quotes, and escapes it inside quotes it already had', async () => {
    const edit = await willRename([['data', 'q3 #1, final']]);
    const text = edited(edit, 'themed.flow.yaml');
    expect(text).toContain("- { file: 'q3 #1, final/metrics.csv' }");
    expect(parse(text).data.map((d: { file: string }) => d.file)).toEqual(['q3 #1, final/metrics.csv', 'q3 #1, final/weekly.json']);
    const ref = await willRename([['onsite.flow.yaml', "it's: here/onsite.flow.yaml"]]);
    expect(edited(ref, 'after-sales.flow.yaml')).toContain("ref: 'it''s: here/onsite.flow.yaml' }");
    expect(parse(edited(ref, 'buy.journey.yaml')).stages[0].steps[0].flow).toBe("it's: here/onsite.flow.yaml");
    const quoted = await willRename([['data/weekly.json', 'data/"weekly".json']]);
    expect(edited(quoted, 'themed.flow.yaml')).toContain('- { file: "data/\\"weekly\\".json", override: true }');
  });

  it('leaves a built-in theme name alone, and follows a theme path to its file', async () => {
    const builtin = THEMED.replace('theme: looks/brand.yaml', 'theme: dark');
    const builtinUri = await client.open(path.join(dir, 'builtin.flow.yaml'), builtin);
    const at = (text: string, needle: string, docUri: string) => client.connection.sendRequest('textDocument/definition', { textDocument: { uri: docUri }, position: positionOf(text, needle, needle.length - 1) });
    expect(await at(builtin, 'theme: dark', builtinUri)).toEqual([]);
    // No "no such file" hover either: a built-in name is no path.
    expect(await client.connection.sendRequest('textDocument/hover', { textDocument: { uri: builtinUri }, position: positionOf(builtin, 'theme: dark', 9) })).toBeNull();
    const themedUri = await client.open(path.join(dir, 'themed.flow.yaml'), THEMED);
    expect(await at(THEMED, 'looks/brand.yaml', themedUri)).toEqual([{ uri: uri('looks/brand.yaml'), range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } }]);
  });

  it('moving a flow file rewrites every path naming it, in every diagram of the workspace', async () => {
    const edit = await willRename([['onsite.flow.yaml', 'common/onsite.flow.yaml']]);
    expect(Object.keys(edit!.changes!).sort()).toEqual([uri('after-sales.flow.yaml'), uri('buy.journey.yaml'), uri('parts/part.flow.yaml')].sort());
    expect(edited(edit, 'after-sales.flow.yaml')).toContain('ref: common/onsite.flow.yaml }');
    expect(edited(edit, 'buy.journey.yaml')).toContain('flow: common/onsite.flow.yaml\n');
    // The `./` a path was written with stays.
    expect(edited(edit, 'parts/part.flow.yaml')).toContain('ref: ./../common/onsite.flow.yaml }');
  });

  it('moving a diagram rewrites the paths written inside it, relative to its new folder', async () => {
    const edit = await willRename([['after-sales.flow.yaml', 'flows/after-sales.flow.yaml']]);
    expect(Object.keys(edit!.changes!)).toEqual([uri('after-sales.flow.yaml')]);
    expect(edited(edit, 'after-sales.flow.yaml')).toContain('ref: ../onsite.flow.yaml }');
  });

  it('moving a folder moves the paths into and out of it; a move that breaks nothing changes nothing', async () => {
    const edit = await willRename([['parts', 'deep/parts']]);
    expect(Object.keys(edit!.changes!)).toEqual([uri('parts/part.flow.yaml')]);
    expect(edited(edit, 'parts/part.flow.yaml')).toContain('ref: ./../../onsite.flow.yaml }');
    expect(await willRename([['buy.journey.yaml', 'buy-2.journey.yaml']])).toBeNull();
  });

  it('rename on a `ref` path renames the file and every path naming it', async () => {
    const at = positionOf(FLOW, 'onsite.flow.yaml', 3);
    const prepared = await client.connection.sendRequest('textDocument/prepareRename', { textDocument: { uri: uri('after-sales.flow.yaml') }, position: at }) as Range;
    expect(prepared).toEqual({ start: positionOf(FLOW, 'onsite.flow.yaml'), end: positionOf(FLOW, 'onsite.flow.yaml', 'onsite.flow.yaml'.length) });
    const edit = await client.connection.sendRequest('textDocument/rename', { textDocument: { uri: uri('after-sales.flow.yaml') }, position: at, newName: 'visits/onsite-repair.flow.yaml' }) as WorkspaceEdit;
    const changes = edit.documentChanges!;
    const renameOp = changes.find((c): c is RenameFile => 'kind' in c && c.kind === 'rename');
    expect(renameOp).toMatchObject({ oldUri: uri('onsite.flow.yaml'), newUri: uri('visits/onsite-repair.flow.yaml') });
    // Text edits come first: they are made on the files where they are now.
    expect(changes.indexOf(renameOp!)).toBe(changes.length - 1);
    const edits = new Map((changes.filter((c) => 'textDocument' in c) as TextDocumentEdit[]).map((c) => [c.textDocument.uri, c.edits]));
    expect(applyEdits(FLOW, edits.get(uri('after-sales.flow.yaml'))!)).toContain('ref: visits/onsite-repair.flow.yaml }');
    expect(applyEdits(JOURNEY, edits.get(uri('buy.journey.yaml'))!)).toContain('flow: visits/onsite-repair.flow.yaml\n');
    expect(applyEdits(PART, edits.get(uri('parts/part.flow.yaml'))!)).toContain('ref: ./../visits/onsite-repair.flow.yaml }');
    // Nothing was moved on disk: the client applies the edit.
    expect(fs.existsSync(path.join(dir, 'onsite.flow.yaml'))).toBe(true);
  });

  it('refuses a rename onto an existing file, and says why to a client that cannot rename files', async () => {
    const request = (c: TestClient, newName: string) => c.connection.sendRequest('textDocument/rename', { textDocument: { uri: uri('after-sales.flow.yaml') }, position: positionOf(FLOW, 'onsite.flow.yaml', 1), newName });
    await expect(request(client, 'buy.journey.yaml')).rejects.toThrow(/"buy.journey.yaml" already exists/);
    await plain.open(path.join(dir, 'after-sales.flow.yaml'), FLOW);
    await expect(request(plain, 'other.flow.yaml')).rejects.toThrow(/cannot rename files from a rename.*willRenameFiles/);
  });

  it('has nothing to rename on a path whose file does not exist', async () => {
    const broken = FLOW.replace('ref: onsite.flow.yaml', 'ref: gone.flow.yaml');
    const brokenUri = await client.open(path.join(dir, 'broken.flow.yaml'), broken);
    expect(await client.connection.sendRequest('textDocument/prepareRename', { textDocument: { uri: brokenUri }, position: positionOf(broken, 'gone.flow.yaml', 1) })).toBeNull();
  });
});
