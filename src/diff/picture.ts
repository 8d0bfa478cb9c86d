/**
 * The diff picture (SPEC §6.2): the union model (new diagram plus removed elements) laid out by the
 * kind's own layout, then marked. Marked boxes get a little extra width so their badge sits inside
 * the box beside the text, never on it; kinds whose boxes cannot grow carry it on the border.
 */
import type { DiagramDiff, KindDefinition, LayoutEnv, LegendEntry } from '../kinds/types.js';
import type { Scene } from '../scene/types.js';
import { countChanges, countsText } from './index.js';
import { addLegend, BADGE_W, markScene } from './mark.js';

/** Room for a badge: a marked box grows by this much, its text staying centred. */
const BADGE_ROOM = 2 * (BADGE_W + 4);

/** Lays out the union model, marks it, lets the kind add its extras (a journey's old curves), and adds the legend. */
export async function diffScene(definition: KindDefinition, d: DiagramDiff, env: LayoutEnv): Promise<Scene> {
  const laidOut = await definition.layout(d.union, env, { widenBoxes: { ids: new Set(d.marks.nodes.keys()), by: BADGE_ROOM } });
  const { scene } = markScene(laidOut, d.marks, { badgeOnBorder: definition.diffPicture.badgesOnBorder });
  const counts = countChanges(d.entries);
  const legend: LegendEntry[] = [
    { mark: 'added', text: `added (${counts.added})` },
    { mark: 'removed', text: `removed (${counts.removed})` },
    { mark: 'changed', text: `changed (${counts.changed}; old value in the tooltip)` },
    ...((await definition.diffPicture.decorate?.(scene, d, env)) ?? []),
  ];
  const withLegend = addLegend(scene, legend, env.theme);
  const summary = `Changes to ${d.title || d.id}: ${countsText(counts)}.`;
  return { ...withLegend, description: `${summary} ${withLegend.description}`.trim() };
}
