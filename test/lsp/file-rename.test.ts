import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

const FILES = { 'after-sales.flow.yaml': FLOW, 'onsite.flow.yaml': ONSITE, 'buy.journey.yaml': JOURNEY, 'parts/part.flow.yaml': PART };
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
    expect(filters.map((f) => [f.pattern.glob, f.pattern.matches])).toEqual([['**/*.{yaml,yml}', 'file'], ['**/*', 'folder']]);
  });

  it('moving a flow file rewrites every path naming it, in every diagram of the workspace', async () => {
    const edit = await willRename([['onsite.flow.yaml', 'shared/onsite.flow.yaml']]);
    expect(Object.keys(edit!.changes!).sort()).toEqual([uri('after-sales.flow.yaml'), uri('buy.journey.yaml'), uri('parts/part.flow.yaml')].sort());
    expect(edited(edit, 'after-sales.flow.yaml')).toContain('ref: shared/onsite.flow.yaml }');
    expect(edited(edit, 'buy.journey.yaml')).toContain('flow: shared/onsite.flow.yaml\n');
    // The `./` a path was written with stays.
    expect(edited(edit, 'parts/part.flow.yaml')).toContain('ref: ./../shared/onsite.flow.yaml }');
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
