import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { runElk, layeredOptions, ORDER_ONLY_OPTIONS, type ElkNode } from '../../src/layout/elk.js';

const require = createRequire(import.meta.url);

function sample(layoutOptions: Record<string, string>): ElkNode {
  const ids = ['start', 'check', 'repair', 'replace', 'notify', 'close'];
  return {
    id: 'root',
    layoutOptions,
    children: ids.map((id, i) => ({ id, width: 90 + i * 7, height: 40 + (i % 2) * 12 })),
    edges: [
      ['start', 'check'], ['check', 'repair'], ['check', 'replace'], ['repair', 'notify'], ['replace', 'notify'], ['notify', 'close'], ['notify', 'check'],
    ].map(([s, t], i) => ({ id: `e${i}`, sources: [s], targets: [t], labels: i === 1 ? [{ id: `l${i}`, text: ' ', width: 24, height: 14 }] : [] })),
  };
}

describe('ELK driven synchronously', () => {
  it('gives exactly what elkjs\' own promise API gives, for every option set we use', async () => {
    const ELK = require('elkjs/lib/elk.bundled.js');
    const reference = new ELK();
    for (const options of [layeredOptions('DOWN'), layeredOptions('LEFT'), layeredOptions('RIGHT', { 'elk.edgeLabels.inline': 'true' }), ORDER_ONLY_OPTIONS]) {
      const ours = await runElk(sample(options));
      const theirs = await reference.layout(sample(options));
      expect(ours).toEqual(theirs);
    }
  });

  it('reports ELK\'s own errors as errors', async () => {
    const bad: ElkNode = { id: 'root', layoutOptions: layeredOptions('DOWN'), children: [{ id: 'a', width: 10, height: 10 }], edges: [{ id: 'e', sources: ['a'], targets: ['missing'] }] };
    await expect(runElk(bad)).rejects.toThrow(/missing/);
  });
});
