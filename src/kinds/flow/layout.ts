import { wrapText, type WrappedText } from '../../layout/text.js';
import type { Scene } from '../../scene/types.js';
import type { LayoutEnv, LayoutOptions } from '../types.js';
import { detailLine, flowFacts, LABEL_SIZE, measureEdgeLabel, measureNode, type NodeContent } from './measure.js';
import { drawnFlow, type FlowModel } from './model.js';
import { placeInLanes } from './place-lanes.js';
import { placeWithElk } from './place-elk.js';
import type { FlowPlacement } from './placement.js';
import { flowLegend, flowScene } from './scene.js';
import { appendLegend } from '../../scene/legend.js';
import { wordsOf } from '../../model/locale.js';

export interface PlacedFlow {
  placement: FlowPlacement;
  content: Map<string, NodeContent>;
  edgeLabels: Array<WrappedText | undefined>;
  laneHeaders: WrappedText[];
  facts: ReturnType<typeof flowFacts>;
}

/** A node's content with a wider box (text still centred); diamonds keep their size, their corners have room. */
function widened(content: NodeContent, by: number): NodeContent {
  return content.shape === 'diamond' ? content : { ...content, w: content.w + by };
}

/** Measures and places a flow: lanes get the swimlane placement, other flows ELK's own. */
export async function placeFlow(model: FlowModel, options: LayoutOptions = {}): Promise<PlacedFlow> {
  const facts = flowFacts(model);
  const widen = options.widenBoxes;
  const content = new Map<string, NodeContent>();
  for (const n of model.nodes) {
    const measured = measureNode(n, detailLine(n, facts.dropOff.get(n.id), facts.bottlenecks.has(n.id), model.locale));
    content.set(n.id, widen?.ids.has(n.id) ? widened(measured, widen.by) : measured);
  }
  const edgeLabels = model.edges.map((e) => (e.label ? measureEdgeLabel(e.label) : undefined));
  const laned = model.lanes.length > 0;
  const laneHeaders = laned ? model.lanes.map((l) => wrapText(l.label, LABEL_SIZE, 160, 'bold')) : [];
  // Nodes without a lane in a laned flow get a band of their own at the end, headed by a dash.
  const laneSet = new Set(model.lanes.map((l) => l.id));
  if (laned && model.nodes.some((n) => n.lane === undefined || !laneSet.has(n.lane))) laneHeaders.push(wrapText('—', LABEL_SIZE, 160, 'bold'));
  const placement = laned ? await placeInLanes(model, content, edgeLabels, laneHeaders) : await placeWithElk(model, content, edgeLabels);
  return { placement, content, edgeLabels, laneHeaders, facts };
}

export async function layoutFlow(source: FlowModel, env: LayoutEnv, options: LayoutOptions = {}): Promise<Scene> {
  const model = drawnFlow(source);
  const placed = await placeFlow(model, options);
  const scene = flowScene({ model, env, ...placed });
  return model.legend ? appendLegend(scene, wordsOf(model.locale).legend, flowLegend(model, placed.facts, env.theme), env.theme) : scene;
}
