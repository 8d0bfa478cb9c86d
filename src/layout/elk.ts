import { createRequire } from 'node:module';
import type { ELK, ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api.js';

export type { ElkNode, ElkExtendedEdge, ElkLabel } from 'elkjs/lib/elk-api.js';

let instance: Promise<ELK> | undefined;

/**
 * The one place that loads elkjs. Loaded on first layout (validation never pays for it) and the
 * instance is kept for every later diagram of the process.
 */
function elk(): Promise<ELK> {
  // require(), not import(): the bundle is 2 MB of CommonJS, and ESM import would first scan it
  // all for named exports, which costs more start-up time than the layout of a typical diagram.
  instance ??= Promise.resolve().then(() => {
    const ELKCtor = createRequire(import.meta.url)('elkjs/lib/elk.bundled.js') as new () => ELK;
    return new ELKCtor();
  });
  return instance;
}

/** The polyline of a routed ELK edge: start, bend points and end of each section. */
export function elkEdgePoints(e: ElkExtendedEdge): Array<[number, number]> {
  const points: Array<[number, number]> = [];
  for (const s of e.sections ?? []) {
    points.push([s.startPoint.x, s.startPoint.y], ...(s.bendPoints ?? []).map((p) => [p.x, p.y] as [number, number]), [s.endPoint.x, s.endPoint.y]);
  }
  return points;
}

export async function runElk(graph: ElkNode): Promise<ElkNode> {
  return (await elk()).layout(graph);
}

/** Layered layout options shared by every kind laid out with ELK. */
export function layeredOptions(direction: 'DOWN' | 'UP' | 'RIGHT' | 'LEFT', extra: Record<string, string> = {}): Record<string, string> {
  return {
    'elk.algorithm': 'layered',
    'elk.direction': direction,
    'elk.edgeRouting': 'ORTHOGONAL',
    'elk.spacing.nodeNode': '36',
    'elk.layered.spacing.nodeNodeBetweenLayers': '48',
    'elk.spacing.edgeNode': '18',
    'elk.spacing.edgeEdge': '12',
    'elk.layered.spacing.edgeNodeBetweenLayers': '20',
    'elk.layered.spacing.edgeEdgeBetweenLayers': '12',
    'elk.spacing.edgeLabel': '4',
    'elk.spacing.labelNode': '6',
    'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
    'elk.layered.cycleBreaking.strategy': 'DEPTH_FIRST',
    'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
    'elk.layered.nodePlacement.bk.fixedAlignment': 'BALANCED',
    'elk.layered.edgeLabels.sideSelection': 'ALWAYS_DOWN',
    'elk.edgeLabels.inline': 'false',
    'elk.padding': '[top=0,left=0,bottom=0,right=0]',
    'elk.randomSeed': '1',
    ...extra,
  };
}
