/**
 * The diff picture (SPEC §6.2): the union model (new diagram plus removed elements) laid out by the
 * kind's own layout, then marked. Marked boxes get a little extra width so their badge sits inside
 * the box beside the text, never on it.
 */
import { wrapText } from '../layout/text.js';
import { detailLine, flowFacts, LABEL_SIZE, measureEdgeLabel, measureNode, type NodeContent } from '../kinds/flow/measure.js';
import type { FlowModel } from '../kinds/flow/model.js';
import { placeInLanes } from '../kinds/flow/place-lanes.js';
import { placeWithElk } from '../kinds/flow/place-elk.js';
import { flowScene } from '../kinds/flow/scene.js';
import { layoutJourney } from '../kinds/journey/layout.js';
import type { JourneyModel } from '../kinds/journey/model.js';
import { captionsFor, measureState, measureTransition, type StateCard } from '../kinds/lifecycle/measure.js';
import type { LifecycleModel } from '../kinds/lifecycle/model.js';
import { placeLifecycle } from '../kinds/lifecycle/place.js';
import { lifecycleScene } from '../kinds/lifecycle/scene.js';
import type { LayoutEnv } from '../kinds/types.js';
import type { Scene } from '../scene/types.js';
import type { SceneMarks } from './common.js';
import { overlayOldEmotion } from './emotion.js';
import { countChanges, countsText, type DiagramDiff } from './index.js';
import { addLegend, BADGE_W, markScene, DIFF_COLOURS, type LegendEntry } from './mark.js';

/** Room for a badge: a marked box grows by this much, its text staying centred. */
const BADGE_ROOM = 2 * (BADGE_W + 4);

async function flowPicture(model: FlowModel, marks: SceneMarks, env: LayoutEnv): Promise<Scene> {
  const facts = flowFacts(model);
  const content = new Map<string, NodeContent>();
  for (const n of model.nodes) {
    const c = measureNode(n, detailLine(n, facts.dropOff.get(n.id), facts.bottlenecks.has(n.id)));
    content.set(n.id, marks.nodes.has(n.id) && c.shape !== 'diamond' ? { ...c, w: c.w + BADGE_ROOM } : c);
  }
  const edgeLabels = model.edges.map((e) => (e.label ? measureEdgeLabel(e.label) : undefined));
  const laned = model.lanes.length > 0;
  const laneHeaders = laned ? model.lanes.map((l) => wrapText(l.label, LABEL_SIZE, 160, 'bold')) : [];
  const placement = laned ? await placeInLanes(model, content, edgeLabels, laneHeaders) : await placeWithElk(model, content, edgeLabels);
  return flowScene({ model, env, placement, content, edgeLabels, laneHeaders, facts });
}

async function lifecyclePicture(model: LifecycleModel, marks: SceneMarks, env: LayoutEnv): Promise<Scene> {
  const captions = captionsFor(model);
  const widen = (c: StateCard): StateCard => {
    const dx = BADGE_ROOM / 2;
    return { ...c, w: c.w + BADGE_ROOM, texts: c.texts.map((t) => ({ ...t, dx: t.dx + dx })), meter: c.meter ? { ...c.meter, dx: c.meter.dx + dx } : undefined };
  };
  const cards = new Map<string, StateCard>(model.states.map((s) => {
    const card = measureState(s, model.total, captions);
    return [s.id, marks.nodes.has(s.id) ? widen(card) : card];
  }));
  const labels = model.transitions.map((t) => measureTransition(t));
  return lifecycleScene(model, await placeLifecycle(model, cards, labels), cards, env);
}

/** Lays out the union model, marks it, draws old emotion curves for journeys, and adds the legend. */
export async function diffScene(d: DiagramDiff, env: LayoutEnv): Promise<Scene> {
  let scene: Scene;
  if (d.kind === 'flow') scene = await flowPicture(d.union as FlowModel, d.marks, env);
  else if (d.kind === 'lifecycle') scene = await lifecyclePicture(d.union as LifecycleModel, d.marks, env);
  else scene = await layoutJourney(d.union as JourneyModel, env);
  const marked = markScene(scene, d.marks, { badgeOnBorder: d.kind === 'journey' });
  scene = marked.scene;
  const counts = countChanges(d.entries);
  const legend: LegendEntry[] = [
    { mark: 'added', text: `added (${counts.added})` },
    { mark: 'removed', text: `removed (${counts.removed})` },
    { mark: 'changed', text: `changed (${counts.changed}; old value in the tooltip)` },
  ];
  // Old curves only where they differ from the new ones: a score moved, or a step came or went.
  const curveMoved = d.journey && (d.journey.emotionChanges.length > 0 || d.entries.some((e) => e.element === 'step' && e.change !== 'changed'));
  if (d.kind === 'journey' && d.journey && curveMoved) {
    const drew = overlayOldEmotion(scene, d.old as JourneyModel, d.new as JourneyModel, d.journey, env.theme);
    if (drew) legend.push({ text: 'emotion before this change', line: { colour: env.theme.mutedText, dash: '5 4' } });
  }
  scene = addLegend(scene, legend, env.theme);
  const summary = `Changes to ${d.title || d.id}: ${countsText(counts)}.`;
  return { ...scene, description: `${summary} ${scene.description}`.trim() };
}

export { DIFF_COLOURS };
