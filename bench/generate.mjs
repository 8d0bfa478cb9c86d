// Deterministic diagrams for the benchmarks, from a seed: flows like a large customer service
// process, journey maps and lifecycles. The same arguments always give the same YAML.

/** A linear congruential generator: the same seed, the same numbers in [0, 1) on every machine. */
export function seededRandom(seed) {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
}

/**
 * A main path through `lanes` lanes with decisions, loops back and skips forward. `lanes` 0 gives a
 * flow without lanes (the same nodes and edges as with lanes: the lane draws are made either way).
 */
export function generateFlow(n, lanes = 4, seed = 1, { title = `Generated flow of ${n} nodes`, direction = 'TB' } = {}) {
  const rand = seededRandom(seed);
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
    `title: ${title}`,
    `direction: ${direction}`,
    ...(lanes ? ['lanes:', ...laneIds.map((l, i) => `  - { id: ${l}, label: 部门 ${i + 1} }`)] : []),
    'nodes:',
    ...nodes.map((x) => `  - { id: ${x.id}, type: ${x.type}, label: "${x.label}"${x.lane ? `, lane: ${x.lane}` : ''} }`),
    'edges:',
    ...edges.map((e) => `  - { from: ${e.from}, to: ${e.to}${e.label ? `, label: ${e.label}` : ''} }`),
  ].join('\n') + '\n';
  return yaml;
}

const CHANNELS = [['app', '手机 App'], ['web', 'Website'], ['hotline', '客服热线'], ['store', '门店'], ['email', 'E-mail'], ['sms', '短信']];

/** A journey map of `stages` stages, one to three steps each, with emotions, pains and a blueprint. */
export function generateJourney(stages, seed = 1, title = `Generated journey of ${stages} stages`) {
  const rand = seededRandom(seed);
  const pick = (xs) => xs[Math.floor(rand() * xs.length)];
  const lines = ['kind: journey', `title: ${title}`, 'persona: { name: 王先生, description: 35 岁，常在手机上下单 }', 'channels:'];
  lines.push(...CHANNELS.map(([id, label]) => `  - { id: ${id}, label: ${label} }`), 'stages:');
  for (let s = 0; s < stages; s++) {
    lines.push(`  - id: s${s}`, `    label: 阶段 ${s + 1} Stage`, `    needs: [需求 ${s + 1}, Need ${s + 1}]`, '    kpis:', `      - { label: 转化率 ${s + 1}, value: ${10 + s}%, target: ${20 + s}% }`, '    steps:');
    const steps = 1 + Math.floor(rand() * 3);
    for (let k = 0; k < steps; k++) {
      const emotion = 1 + Math.floor(rand() * 5);
      lines.push(`      - label: 步骤 ${s + 1}.${k + 1} check the order`, `        channels: [${pick(CHANNELS)[0]}]`, `        emotion: ${emotion}`, `        thought: 这一步要等多久？`);
      if (emotion <= 2 || rand() < 0.3) lines.push(`        pains: [等待时间长, Unclear status]`, `        opportunities: [实时进度提醒]`);
      lines.push(`        frontstage: [客服确认]`, `        backstage: [系统处理 ${s + 1}]`);
    }
  }
  return lines.join('\n') + '\n';
}

/** A lifecycle of `states` states, each moving on to the next, with a way back and a final state. */
export function generateLifecycle(states, seed = 1, title = `Generated lifecycle of ${states} states`) {
  const rand = seededRandom(seed);
  const lines = ['kind: lifecycle', `title: ${title}`, 'direction: LR', 'states:'];
  for (let i = 0; i < states; i++) {
    lines.push(`  - { id: st${i}, label: 客户层级 ${i + 1}, count: ${1000 + Math.floor(rand() * 9000)}, criteria: 近 ${30 * (i + 1)} 天购买, strategy: Targeted offer ${i + 1}${i === states - 1 ? ', final: true' : ''} }`);
  }
  lines.push('transitions:');
  for (let i = 0; i < states - 1; i++) lines.push(`  - { from: st${i}, to: st${i + 1}, label: 升级 ${i + 1}, rate: ${1 + Math.floor(rand() * 40)}% }`);
  for (let i = 2; i < states - 1; i++) if (rand() < 0.5) lines.push(`  - { from: st${i}, to: st${Math.floor(rand() * (i - 1))}, label: 回流 }`);
  return lines.join('\n') + '\n';
}
