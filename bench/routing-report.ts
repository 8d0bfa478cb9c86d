// Prints the edge-routing figures of bench/routing-metrics.ts: `npx vite-node bench/routing-report.ts`.
import { corpus, flowModel, measureFlow, summary, type FlowMeasure } from './routing-metrics.js';

async function main() {
  const groups = new Map<string, FlowMeasure[]>();
  for (const { name, yaml } of corpus()) {
    const group = `${name.startsWith('generated') ? 'generated' : 'examples'}${name.endsWith('no lanes') ? ', no lanes' : ', lanes'}`;
    groups.set(group, [...(groups.get(group) ?? []), await measureFlow(name, flowModel(yaml))]);
  }
  const rows = [...groups].map(([group, flows]) => ({ group, ...summary(flows) }));
  rows.push({ group: 'all', ...summary([...groups.values()].flat()) });
  const fmt = (v: unknown) => (typeof v === 'number' && !Number.isInteger(v) ? v.toFixed(2) : String(v));
  console.log(Object.keys(rows[0]).join('\t'));
  for (const r of rows) console.log(Object.values(r).map(fmt).join('\t'));
}

await main();
