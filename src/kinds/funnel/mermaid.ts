import { mermaidComment, mermaidIds, mermaidLabel, unmatchableKeywords } from '../../render/mermaid-text.js';
import { countText, stepFigures } from './measure.js';
import type { FunnelModel } from './model.js';

/** Label text of the funnel's flowchart: no `direction` statement read out of it (see unmatchableKeywords). */
const funnelText = (text: string): string => unmatchableKeywords(mermaidLabel(text));

/**
 * Mermaid has no funnel; the closest stock diagram that Mermaid 11 and 12 both render and whose
 * labels we can escape completely is a top-down flowchart: one box per stage with its count, one
 * arrow per step labelled with its conversion and drop. (xychart-beta draws bars, but its quoted
 * axis labels have no escape for `"`, so user text could not be shown literally.)
 */
export function funnelToMermaid(model: FunnelModel): string {
  const ids = mermaidIds(model.stages.map((s) => s.id), 's_');
  const lines = [`%% ${unmatchableKeywords(mermaidComment(model.title || model.id))} (journeyflow ${model.id})`, 'flowchart TB'];
  for (const s of model.stages) {
    const text = [s.label, s.count !== undefined ? countText(s.count, model.unit, model.locale) : ''].filter(Boolean).map(funnelText).join('<br/>');
    lines.push(`  ${ids.get(s.id)}["${text}"]`);
  }
  model.steps.forEach((step, i) => {
    const { main, notes } = stepFigures(step, model.unit, false, model.locale);
    // The Mermaid step says below-target and largest drop by its colour, so only the target is written.
    const parts = [...main, ...notes.slice(0, step.target !== undefined ? 1 : 0)];
    const label = parts.length ? `|"${parts.map(funnelText).join('<br/>')}"|` : '';
    lines.push(`  ${ids.get(step.from)} -->${label} ${ids.get(step.to)}`);
    if (step.belowTarget || i === model.largestDrop) lines.push(`  linkStyle ${i} stroke:#d64545,stroke-width:2px`);
  });
  return lines.join('\n') + '\n';
}
