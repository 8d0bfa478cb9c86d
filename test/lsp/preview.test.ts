import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture } from '../support/cli.js';
import { positionOf, startClient, type TestClient } from './client.js';
import { FLOW, FUNNEL, ONSITE } from './fixtures.js';

describe('journeyflow lsp: journeyflow/preview', () => {
  let dir: string;
  let client: TestClient;
  beforeAll(async () => {
    dir = fixture({ 'after-sales.flow.yaml': FLOW, 'onsite.flow.yaml': ONSITE });
    client = await startClient(dir);
  });
  afterAll(async () => { await client.close(); });

  const preview = (uri: string, position = { line: 0, character: 0 }) =>
    client.connection.sendRequest('journeyflow/preview', { textDocument: { uri }, position }) as Promise<{ id?: string; kind?: string; svg?: string; error?: string }>;

  it('returns the SVG of the buffer as it is now, not as saved', async () => {
    const uri = await client.open(path.join(dir, 'after-sales.flow.yaml'), FLOW.replace('label: 上门维修,', 'label: 上门检修,'));
    const result = await preview(uri);
    expect(result).toMatchObject({ id: 'after-sales', kind: 'flow' });
    expect(result.svg).toMatch(/^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(result.svg).toContain('data-id="record"');
    expect(result.svg).toContain('上门检修');
  });

  it('draws the document under the cursor in a file of several', async () => {
    const both = `id: sales\n${FLOW}---\nid: shop\n${FUNNEL}`;
    const uri = await client.open(path.join(dir, 'both.yaml'), both);
    expect(await preview(uri, positionOf(both, 'segments:'))).toMatchObject({ id: 'shop', kind: 'funnel' });
    expect(await preview(uri, positionOf(both, 'lanes:'))).toMatchObject({ id: 'sales', kind: 'flow' });
  });

  it('answers with the first error, and no picture, for a document with errors', async () => {
    const broken = FLOW.replace('type: start', 'type: strat');
    const uri = await client.open(path.join(dir, 'broken.flow.yaml'), broken);
    const result = await preview(uri);
    expect(result.svg).toBeUndefined();
    expect(result.error).toMatch(new RegExp(`^line ${positionOf(broken, 'strat').line + 1}: .*"strat"`));
  });
});
