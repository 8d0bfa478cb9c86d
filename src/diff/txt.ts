/**
 * The plain-text picture of a diff (SPEC §6.2): the kind draws the union diagram with +, - and ~
 * marks (KindDefinition.diffToText); this adds the counts and the document-level changes under it.
 */
import type { DiagramDiff, KindDefinition } from '../kinds/types.js';
import { renderTxt } from '../render/txt/index.js';
import { wordsOf } from '../model/locale.js';
import { countChanges, countsText } from './index.js';

export async function renderDiffTxt(definition: KindDefinition, d: DiagramDiff): Promise<string> {
  const body = await definition.diffToText(d);
  const w = wordsOf(d.union.locale);
  const counts = countChanges(d.entries);
  const docChanges = d.entries.filter((e) => e.element === 'diagram').flatMap((e) => e.fields.map((f) => `~ ${f.name}${w.colon}${f.before} → ${f.after}`));
  const footer = ['', `${countsText(counts, w)}   ${w.diff.signs}`, ...docChanges];
  return renderTxt([...body, ...footer]);
}
