import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CompletionItem, CompletionList, TextEdit } from 'vscode-languageserver/node.js';
import { fixture } from '../support/cli.js';
import { positionOf, startClient, type TestClient } from './client.js';
import { FLOW, FUNNEL, JOURNEY, ONSITE } from './fixtures.js';

describe('journeyflow lsp: completion', () => {
  let dir: string;
  let client: TestClient;
  beforeAll(async () => {
    dir = fixture({ 'after-sales.flow.yaml': FLOW, 'sub/onsite.flow.yaml': ONSITE, 'buy.journey.yaml': JOURNEY });
    client = await startClient(dir);
  });
  afterAll(async () => { await client.close(); });

  /** Opens `text` as `name` and asks for completion where `needle` (n-th) ends, plus `shift`. */
  async function complete(name: string, text: string, needle: string, shift = needle.length, n = 0): Promise<CompletionItem[]> {
    const uri = await client.open(path.join(dir, name), text);
    const result = await client.connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: positionOf(text, needle, shift, n) }) as CompletionItem[] | CompletionList | null;
    return Array.isArray(result) ? result : result?.items ?? [];
  }
  const summary = (items: CompletionItem[]) => items.map((i) => [i.label, i.detail]);

  it('offers the node ids with their labels after `->` in a chain, replacing only the id being typed', async () => {
    const text = FLOW.replace('report -> record -> repair', 'report -> record -> re');
    const items = await complete('chain.flow.yaml', text, 'record -> re');
    expect(summary(items)).toEqual([['report', '客户报修'], ['record', '客服记录报修信息'], ['repair', '上门维修'], ['done', '客户满意离开']]);
    const edit = items[0].textEdit as TextEdit;
    expect(edit.range).toEqual({ start: positionOf(text, 'record -> re', 10), end: positionOf(text, 'record -> re', 12) });
    const empty = await complete('chain2.flow.yaml', FLOW.replace('report -> record -> repair', 'report -> '), 'report -> ');
    expect(empty.map((i) => i.label)).toContain('done');
    const middle = await complete('chain3.flow.yaml', FLOW, 'report -> rec');
    expect((middle[0].textEdit as TextEdit).range).toEqual({ start: positionOf(FLOW, 'record ->'), end: positionOf(FLOW, 'record ->', 6) });
  });

  it('offers node ids in `{ from, to }`, lane ids in `lane`, node types in `type`', async () => {
    const to = await complete('to.flow.yaml', FLOW.replace('to: done', 'to: '), 'to: ');
    expect(to.map((i) => i.label)).toEqual(['report', 'record', 'repair', 'done']);
    const lane = await complete('lane.flow.yaml', FLOW.replace('lane: customer }\n  - { id: record', 'lane:  }\n  - { id: record'), 'lane: ');
    expect(summary(lane)).toEqual([['customer', '客户'], ['service', '客服中心']]);
    const type = await complete('type.flow.yaml', FLOW.replace('type: end', 'type: e'), 'type: e');
    expect(type.map((i) => i.label)).toEqual(expect.arrayContaining(['start', 'end', 'decision', 'subprocess']));
  });

  it('offers flow files for `ref` and `flow`, relative to the document, with their titles', async () => {
    const ref = await complete('ref.flow.yaml', FLOW.replace('ref: onsite.flow.yaml', 'ref: '), 'ref: ');
    expect(summary(ref)).toContainEqual(['sub/onsite.flow.yaml', '上门维修流程']);
    expect(ref.map((i) => i.label)).not.toContain('buy.journey.yaml');
    const flow = await complete('flow.journey.yaml', JOURNEY.replace('flow: onsite.flow.yaml', 'flow: sub/'), 'flow: sub/');
    expect(flow.map((i) => i.label)).toContain('sub/onsite.flow.yaml');
  });

  it('offers channel ids in step channels and the personas not yet scored in an emotion map', async () => {
    const channels = await complete('ch.journey.yaml', JOURNEY.replace('channels: [web]', 'channels: [web, s]'), 'web, s');
    expect(summary(channels)).toEqual([['web', '官网'], ['store', '实体店']]);
    const emotion = await complete('em.journey.yaml', JOURNEY.replace('{ li: 4, wang: 3 }', '{ li: 4, w }'), '{ li: 4, w');
    expect(summary(emotion)).toEqual([['wang', '王先生']]);
  });

  it('offers funnel segment ids as the keys of a stage\'s segment counts', async () => {
    const text = FUNNEL.replace('{ online: 100, shop: 50 }', '{ online: 100, s }');
    const items = await complete('f.funnel.yaml', text, 'online: 100, s');
    expect(summary(items)).toEqual([['shop', '门店']]);
  });

  it('offers nothing where no id is expected', async () => {
    expect(await complete('none.flow.yaml', FLOW, 'title: 客户')).toEqual([]);
  });
});
