// Deterministic flows for the benchmark: a main path through 4 lanes with decisions, loops back
// and skips forward, like a large customer service process. `lanes` 0 gives a flow without lanes
// (the same nodes and edges as with lanes: the lane draws are made either way).
export function generateFlow(n, lanes = 4, seed = 1, direction = 'TB') {
  let s = seed;
  const rand = () => ((s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const laneIds = Array.from({ length: lanes }, (_, i) => `lane${i}`);
  const nodes = [];
  const edges = [];
  for (let i = 0; i < n; i++) {
    const type = i === 0 ? 'start' : i === n - 1 ? 'end' : i % 7 === 3 ? 'decision' : 'activity';
    nodes.push({ id: `n${i}`, type, label: i % 3 === 0 ? `客户步骤 ${i} 处理请求` : `Step ${i} handle the request`, lane: laneIds[Math.floor(rand() * Math.max(1, lanes))] });
    if (i > 0) edges.push({ from: `n${i - 1}`, to: `n${i}` });
  }
  for (let i = 1; i < n - 1; i++) {
    if (nodes[i].type === 'decision') {
      const back = Math.max(1, i - 1 - Math.floor(rand() * 5));
      const fwd = Math.min(n - 1, i + 2 + Math.floor(rand() * 4));
      edges.push({ from: `n${i}`, to: rand() < 0.5 ? `n${back}` : `n${fwd}`, label: '否' });
    }
  }
  const yaml = [
    'kind: flow',
    `title: Generated flow of ${n} nodes`,
    `direction: ${direction}`,
    ...(lanes ? ['lanes:', ...laneIds.map((l, i) => `  - { id: ${l}, label: 部门 ${i + 1} }`)] : []),
    'nodes:',
    ...nodes.map((x) => `  - { id: ${x.id}, type: ${x.type}, label: "${x.label}"${x.lane ? `, lane: ${x.lane}` : ''} }`),
    'edges:',
    ...edges.map((e) => `  - { from: ${e.from}, to: ${e.to}${e.label ? `, label: ${e.label}` : ''} }`),
  ].join('\n') + '\n';
  return yaml;
}
