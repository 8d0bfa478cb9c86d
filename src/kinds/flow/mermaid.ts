import { mermaidComment, mermaidIds, mermaidLabel, unmatchableKeywords } from '../../render/mermaid-text.js';
import { drawnFlow, volumeStrokeWidth, type FlowModel, type FlowNode, type FlowNodeType } from './model.js';

/** A flowchart's quoted label: real newlines, and no `direction` statement read out of it (issue 24, finding 8). */
const flowText = (text: string): string => unmatchableKeywords(mermaidLabel(text, '\n'));

const BRACKETS: Partial<Record<FlowNodeType, [string, string]>> = {
  start: ['([', '])'],
  end: ['([', '])'],
  activity: ['[', ']'],
  decision: ['{', '}'],
  subprocess: ['[[', ']]'],
  data: ['[/', '/]'],
  database: ['[(', ')]'],
  manual: ['[/', '\\]'],
};
// Shapes only the v11 `@{ shape: … }` syntax has.
const NAMED_SHAPE: Partial<Record<FlowNodeType, string>> = { document: 'doc', wait: 'delay' };

function nodeDecl(n: FlowNode, id: string): string {
  const label = flowText(n.label);
  const named = NAMED_SHAPE[n.type];
  // The label stays in the classic quoted form: inside `@{ label: … }` Mermaid renders markdown.
  if (named) return `${id}["${label}"]@{ shape: ${named} }`;
  const [open, close] = BRACKETS[n.type] ?? ['[', ']'];
  return `${id}${open}"${label}"${close}`;
}

/** A Mermaid `flowchart` with the same nodes, shapes, lanes (as subgraphs) and edges as the SVG. */
export function flowToMermaid(source: FlowModel): string {
  const model = drawnFlow(source);
  const ids = mermaidIds(model.nodes.map((n) => n.id), 'n_');
  const laneIds = mermaidIds(model.lanes.map((l) => l.id), 'lane_');
  const lines: string[] = [];
  lines.push(`%% ${unmatchableKeywords(mermaidComment(model.title || model.id))} (journeyflow ${model.id})`);
  lines.push(`flowchart ${model.direction}`);
  const declared = new Set<string>();
  const laneSet = new Set(model.lanes.map((l) => l.id));
  for (const lane of model.lanes) {
    lines.push(`  subgraph ${laneIds.get(lane.id)}["${flowText(lane.label)}"]`);
    for (const n of model.nodes) {
      if (n.lane === lane.id && !declared.has(n.id)) { lines.push(`    ${nodeDecl(n, ids.get(n.id)!)}`); declared.add(n.id); }
    }
    lines.push('  end');
  }
  for (const n of model.nodes) {
    if (!declared.has(n.id) && !(n.lane && laneSet.has(n.lane))) { lines.push(`  ${nodeDecl(n, ids.get(n.id)!)}`); declared.add(n.id); }
  }
  const known = new Set(model.nodes.map((n) => n.id));
  const styles: string[] = [];
  let k = 0;
  const maxVolume = Math.max(0, ...model.edges.map((e) => e.volume ?? 0));
  for (const e of model.edges) {
    if (!known.has(e.from) || !known.has(e.to)) continue;
    const text = [e.label, e.volume !== undefined ? `(${e.volume})` : ''].filter(Boolean).join(' ');
    lines.push(`  ${ids.get(e.from)} -->${text ? `|"${flowText(text)}"|` : ''} ${ids.get(e.to)}`);
    if (e.volume !== undefined && maxVolume > 0) styles.push(`  linkStyle ${k} stroke-width:${volumeStrokeWidth(e.volume, maxVolume)}px`);
    k++;
  }
  lines.push(...styles);
  const subs = model.nodes.filter((n) => n.type === 'subprocess').map((n) => ids.get(n.id));
  if (subs.length) lines.push('  classDef subprocess fill:#f1ecff,stroke:#6d4bd1', `  class ${subs.join(',')} subprocess`);
  return lines.join('\n') + '\n';
}
