// Writes the ELK graph journeyflow lays out for a flow (same nodes, sizes, edges and options), so
// the bare-elkjs baseline times exactly the same layout problem.
import fs from 'node:fs';
const { checkSource } = await import('../dist/compile.js');
const { measureNode, detailLine, flowFacts } = await import('../dist/kinds/flow/measure.js');
const { layeredOptions } = await import('../dist/layout/elk.js');
const [input, output] = process.argv.slice(2);
const model = checkSource(fs.readFileSync(input, 'utf8'), { file: input }).documents[0].model;
const facts = flowFacts(model);
const across = model.direction === 'TB' || model.direction === 'BT';
const graph = {
  id: 'root',
  layoutOptions: layeredOptions('DOWN'),
  children: model.nodes.map((n) => {
    const c = measureNode(n, detailLine(n, facts.dropOff.get(n.id), facts.bottlenecks.has(n.id)));
    return { id: n.id, width: across ? c.w : c.h, height: across ? c.h : c.w };
  }),
  edges: model.edges.map((e, i) => ({ id: `e${i}`, sources: [e.from], targets: [e.to] })),
};
fs.writeFileSync(output, JSON.stringify(graph));
