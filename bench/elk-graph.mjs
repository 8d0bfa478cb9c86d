// Writes the ELK graph journeyflow lays out for a flow (same nodes, sizes, edges and options), so
// the bare-elkjs baseline times exactly the same layout problem. (Lane-less flows also carry edge
// labels in journeyflow's call; the generated benchmark flows all have lanes.)
import fs from 'node:fs';
const { checkSource } = await import('../dist/compile.js');
const { measureNode, detailLine, flowFacts } = await import('../dist/kinds/flow/measure.js');
// ORDER_ONLY_OPTIONS is what the swimlane layout gives ELK (orderInLayers in src/layout/layered.ts).
const { layeredOptions, ORDER_ONLY_OPTIONS } = await import('../dist/layout/elk.js');
const [input, output] = process.argv.slice(2);
const model = checkSource(fs.readFileSync(input, 'utf8'), { file: input }).documents[0].model;
const facts = flowFacts(model);
const across = model.direction === 'TB' || model.direction === 'BT';
const graph = {
  id: 'root',
  // The exact options journeyflow gives ELK: the swimlane call for laned flows, the full one otherwise.
  layoutOptions: model.lanes.length ? ORDER_ONLY_OPTIONS : layeredOptions({ TB: 'DOWN', BT: 'UP', LR: 'RIGHT', RL: 'LEFT' }[model.direction]),
  children: model.nodes.map((n) => {
    const c = measureNode(n, detailLine(n, facts.dropOff.get(n.id), facts.bottlenecks.has(n.id)));
    return { id: n.id, width: across ? c.w : c.h, height: across ? c.h : c.w };
  }),
  edges: model.edges.map((e, i) => ({ id: `e${i}`, sources: [e.from], targets: [e.to] })),
};
fs.writeFileSync(output, JSON.stringify(graph));
