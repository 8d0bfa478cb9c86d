import { mermaidComment, mermaidIds, mermaidLabel, unmatchableKeywords } from '../../render/mermaid-text.js';
import { wordsOf } from '../../model/locale.js';
import { countLine } from './measure.js';
import { drawnLifecycle, formatRate, type LifecycleModel } from './model.js';

/** State-diagram text: every structural character an entity, and `direction` / `end` unmatchable (see unmatchableKeywords). */
export function stateText(text: string): string {
  return unmatchableKeywords(mermaidLabel(text), true);
}

/** A Mermaid `stateDiagram-v2` with the same states, transitions, start and end as the SVG. */
export function lifecycleToMermaid(source: LifecycleModel): string {
  const model = drawnLifecycle(source);
  const ids = mermaidIds(model.states.map((s) => s.id), 's_');
  const captions = wordsOf(model.locale);
  const lines: string[] = [];
  // Mermaid drops `%%` lines before lexing, but a tool that does not would read `direction` in a title.
  lines.push(`%% ${unmatchableKeywords(mermaidComment(model.title || model.id))} (journeyflow ${model.id})`);
  lines.push('stateDiagram-v2');
  lines.push(`  direction ${model.direction}`);
  for (const s of model.states) lines.push(`  state "${stateText(s.label)}" as ${ids.get(s.id)}`);
  for (const s of model.states) if (s.initial) lines.push(`  [*] --> ${ids.get(s.id)}`);
  const known = new Set(model.states.map((s) => s.id));
  for (const t of model.transitions) {
    if (!known.has(t.from) || !known.has(t.to)) continue;
    const text = [t.label, t.rate !== undefined ? `(${formatRate(t.rate)})` : ''].filter(Boolean).join(' ');
    lines.push(`  ${ids.get(t.from)} --> ${ids.get(t.to)}${text ? ` : ${stateText(text)}` : ''}`);
  }
  for (const s of model.states) if (s.final) lines.push(`  ${ids.get(s.id)} --> [*]`);
  for (const s of model.states) {
    // One note line per fact; user text never spans lines (newlines become <br/>), so no line can read `end note`.
    const body = [
      countLine(s, model.total, model.locale),
      ...s.criteria.map((c) => `${captions.criteria} · ${c}`),
      ...s.strategy.map((c) => `${captions.strategy} · ${c}`),
    ].filter((l): l is string => l !== undefined);
    if (!body.length) continue;
    lines.push(`  note right of ${ids.get(s.id)}`, ...body.map((l) => `    ${stateText(l)}`), '  end note');
  }
  const finals = model.states.filter((s) => s.final).map((s) => ids.get(s.id));
  if (finals.length) lines.push('  classDef final fill:#fdecec,stroke:#d64545', `  class ${finals.join(',')} final`);
  return lines.join('\n') + '\n';
}
