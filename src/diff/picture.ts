/**
 * The diff picture (SPEC §6.2): the union model (new diagram plus removed elements) laid out by the
 * kind's own layout, then marked. Marked boxes get a little extra width so their badge sits inside
 * the box beside the text, never on it; kinds whose boxes cannot grow carry it on the border.
 */
import type { DiagramDiff, KindDefinition, LayoutEnv, LegendEntry } from '../kinds/types.js';
import type { Scene } from '../scene/types.js';
import { countChanges, countsText } from './index.js';
import { addLegend, BADGE_W, markScene } from './mark.js';
import { wordsOf } from '../model/locale.js';

/** Room for a badge: a marked box grows by this much, its text staying centred. */
const BADGE_ROOM = 2 * (BADGE_W + 4);

/** Lays out the union model, marks it, lets the kind add its extras (a journey's old curves), and adds the legend. */
export async function diffScene(definition: KindDefinition, d: DiagramDiff, env: LayoutEnv): Promise<Scene> {
  const laidOut = await definition.layout(d.union, env, { widenBoxes: { ids: new Set(d.marks.nodes.keys()), by: BADGE_ROOM } });
  const { scene } = markScene(laidOut, d.marks, { badgeOnBorder: definition.diffPicture.badgesOnBorder });
  const counts = countChanges(d.entries);
  // The legend speaks the diagram's language (the union carries the new version's locale).
  const w = wordsOf(d.union.locale);
  const words = w.diff;
  const legend: LegendEntry[] = [
    { mark: 'added', text: words.added(counts.added) },
    { mark: 'removed', text: words.removed(counts.removed) },
    { mark: 'changed', text: words.changed(counts.changed) },
    ...((await definition.diffPicture.decorate?.(scene, d, env)) ?? []),
  ];
  const withLegend = addLegend(scene, legend, env.theme);
  const summary = words.changesTo(d.title || d.id, countsText(counts, w));
  return { ...withLegend, description: `${summary} ${withLegend.description}`.trim() };
}
