import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CodeAction, Diagnostic, DocumentSymbol, FoldingRange, TextEdit } from 'vscode-languageserver/node.js';
import { fixture } from '../support/cli.js';
import { startClient, type TestClient } from './client.js';
import { FLOW, JOURNEY, ONSITE } from './fixtures.js';

/** Applies one insertion or replacement (the edits here touch a single place). */
function apply(text: string, edit: TextEdit): string {
  const lines = text.split('\n');
  const offset = (p: TextEdit['range']['start']) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  return text.slice(0, offset(edit.range.start)) + edit.newText + text.slice(offset(edit.range.end));
}

describe('journeyflow lsp: code actions, outline, folding', () => {
  let dir: string;
  let client: TestClient;
  beforeAll(async () => {
    dir = fixture({ 'onsite.flow.yaml': ONSITE });
    client = await startClient(dir);
  });
  afterAll(async () => { await client.close(); });

  /** Opens a buffer, waits for its diagnostics and asks for the actions of all of them. */
  async function actions(name: string, text: string): Promise<{ uri: string; diagnostics: Diagnostic[]; actions: CodeAction[] }> {
    const uri = await client.open(path.join(dir, name), text);
    const diagnostics = await client.diagnostics(uri, 1);
    const range = { start: { line: 0, character: 0 }, end: { line: text.split('\n').length, character: 0 } };
    const found = await client.connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics } }) as CodeAction[];
    return { uri, diagnostics, actions: found };
  }

  it('offers the "did you mean" of an unknown edge end and of a misspelt field, replacing only the typo', async () => {
    const text = FLOW.replace('report -> record', 'report -> recrd');
    const { uri, actions: found } = await actions('typo.flow.yaml', text);
    const edge = found.find((a) => a.title === 'Change "recrd" to "record"');
    expect(apply(text, edge!.edit!.changes![uri][0])).toBe(FLOW);
    // The schema stops the rules, so the field typo has a buffer of its own.
    const schema = FLOW.replace('label: 客户满意离开', 'lable: 客户满意离开');
    const typed = await actions('field.flow.yaml', schema);
    const type = typed.actions.find((a) => a.title === 'Change "lable" to "label"');
    expect(apply(schema, type!.edit!.changes![typed.uri][0])).toBe(FLOW);
  });

  it('adds an unknown channel to `channels`, and an unknown lane to `lanes`, at the end of the list', async () => {
    const text = JOURNEY.replace('channels: [web]', 'channels: [app]');
    const { uri, actions: found } = await actions('ch.journey.yaml', text);
    const add = found.find((a) => a.title === 'Add channel "app" to channels');
    expect(apply(text, add!.edit!.changes![uri][0])).toContain('  - { id: store, label: 实体店 }\n  - { id: app, label: app }\nstages:');
    const flow = FLOW.replace('lane: customer }\n  - { id: record', 'lane: desk }\n  - { id: record');
    const lane = await actions('lane.flow.yaml', flow);
    const addLane = lane.actions.find((a) => a.title === 'Add lane "desk" to lanes');
    const fixed = apply(flow, addLane!.edit!.changes![lane.uri][0]);
    expect(fixed).toContain('  - { id: service, label: 客服中心 }\n  - { id: desk, label: desk }\nnodes:');
    // The fix clears the problem it was offered for.
    const after = await client.open(path.join(dir, 'lane-fixed.flow.yaml'), fixed);
    expect(await client.diagnostics(after, 1)).toEqual([]);
  });

  it('adds the missing end node of a flow at the end of `nodes`, with an id not yet taken', async () => {
    const text = FLOW.replace('{ id: done, type: end,', '{ id: end, type: activity,').replace('to: done', 'to: end');
    const { uri, actions: found } = await actions('no-end.flow.yaml', text);
    const add = found.find((a) => a.title === 'Add an end node');
    const fixed = apply(text, add!.edit!.changes![uri][0]);
    expect(fixed).toContain('lane: customer }\n  - { id: end-2, type: end }\nedges:');
    const after = await client.open(path.join(dir, 'end-fixed.flow.yaml'), fixed);
    const codes = (await client.diagnostics(after, 1)).map((d) => d.code);
    expect(codes).not.toContain('missing-end');
    // The new node is not joined yet: the rules say so, the fix does not guess the edge.
    expect(codes).toContain('unreachable-node');
  });

  it('outlines lanes and nodes, and stages with their steps nested', async () => {
    const uri = await client.open(path.join(dir, 'o.journey.yaml'), JOURNEY);
    const symbols = await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } }) as DocumentSymbol[];
    expect(symbols.map((s) => [s.name, s.detail])).toEqual([['李女士', 'persona li'], ['王先生', 'persona wang'], ['官网', 'channel web'], ['实体店', 'channel store'], ['购买', 'stage buy']]);
    expect(symbols[4].children!.map((s) => [s.name, s.detail])).toEqual([['下单', 'step']]);
    const flow = await client.open(path.join(dir, 'o.flow.yaml'), FLOW);
    const flowSymbols = await client.connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri: flow } }) as DocumentSymbol[];
    expect(flowSymbols.map((s) => s.detail)).toEqual(['lane customer', 'lane service', 'node report', 'node record', 'node repair', 'node done']);
  });

  it('folds every list and map spanning several lines', async () => {
    const uri = await client.open(path.join(dir, 'fold.journey.yaml'), JOURNEY);
    const folds = await client.connection.sendRequest('textDocument/foldingRange', { textDocument: { uri } }) as FoldingRange[];
    const lines = JOURNEY.split('\n');
    const at = (line: string) => lines.indexOf(line);
    expect(folds).toEqual(expect.arrayContaining([
      { startLine: at('personas:'), endLine: at('  - { id: wang, name: 王先生 }') },
      { startLine: at('stages:'), endLine: at('        flow: onsite.flow.yaml') },
      { startLine: at('    steps:'), endLine: at('        flow: onsite.flow.yaml') },
    ]));
  });
});
