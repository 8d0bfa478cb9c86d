import { mermaidComment, mermaidLabel } from '../../render/mermaid-text.js';
import { scoreFor, type JourneyLane, type JourneyModel, type JourneyStep } from './model.js';

/*
 * Mermaid's `journey` lexer has no quoting: `#` and `%` start comments (`%%{` a directive), `:`
 * separates task, score and actors, `;` and newlines end a statement, `,` separates actors, and a
 * task starting with a keyword (journey, title, section, accTitle, accDescr) reads as that keyword.
 * Mermaid turns entity codes (`#58;`) into placeholders before it parses and back into characters
 * after it renders, so every such character is written as an entity code (mermaidLabel), the first
 * letter of a leading keyword too; the text then shows literally and cannot reach the grammar.
 * Newlines become spaces: journey text has no line breaks.
 */
const KEYWORD_START = /^(journey|title|section|acctitle|accdescr)(?![A-Za-z0-9_])/i;

export function journeyText(text: string, fallback = '-'): string {
  const flat = text.replace(/[\r\n\t\u2028\u2029]+/g, ' ').replace(/\s+/g, ' ').trim();
  const out = mermaidLabel(flat).replace(/,/g, '#44;');
  if (!out.trim()) return fallback;
  return KEYWORD_START.test(out) ? `#${out.codePointAt(0)};${out.slice(1)}` : out;
}

const actorText = (text: string) => journeyText(text, '');

/** Maps a score on the document scale linearly onto Mermaid's 1..5, rounded and clamped. */
export function mermaidScore(score: number, scale: { min: number; max: number }): number {
  const span = scale.max - scale.min;
  const t = span > 0 ? (score - scale.min) / span : 0.5;
  return Math.min(5, Math.max(1, Math.round(1 + 4 * t)));
}

const UNSHOWN: JourneyLane[] = ['needs', 'channels', 'thoughts', 'pains', 'opportunities', 'frontstage', 'backstage', 'support', 'kpis'];

function taskLines(model: JourneyModel, step: JourneyStep): string[] {
  const task = journeyText(step.label, journeyText(step.id));
  const named = model.singlePersona ? [] : model.personas;
  if (named.length > 1) {
    // One task per step (Mermaid has one score per task): the personas' mean as the score, the
    // personas as actors, and each persona's own score in a comment above the task.
    const scored = named.map((p) => ({ p, s: scoreFor(step, p.id) })).filter((x) => x.s !== undefined);
    if (scored.length) {
      const mapped = scored.map((x) => mermaidScore(x.s!.score, model.scale));
      const mean = Math.round(mapped.reduce((a, b) => a + b, 0) / mapped.length);
      const each = scored.map((x, i) => `${x.p.name} ${mapped[i]}`).join(', ');
      return [`    %% ${mermaidComment(`${step.id}: ${each}`)}`, `    ${task}: ${mean}: ${scored.map((x) => actorText(x.p.name) || x.p.id).join(', ')}`];
    }
  }
  const fallbackActors = (step.actors.length ? step.actors : step.channels.map((c) => model.channels.find((x) => x.id === c)?.label ?? c)).map(actorText).filter(Boolean);
  const own = step.emotions[0];
  const score = own ? mermaidScore(own.score, model.scale) : 3;
  const actors = fallbackActors.length ? fallbackActors : model.personas.length ? [actorText(model.personas[0].name)].filter(Boolean) : [];
  return [`    ${task}: ${score}${actors.length ? `: ${actors.join(', ')}` : ''}`];
}

/** A Mermaid `journey`: sections are stages, tasks are steps, scores are emotions mapped onto 1..5. */
export function journeyToMermaid(model: JourneyModel): string {
  const lines: string[] = [];
  lines.push(`%% ${mermaidComment(model.title || model.id)} (journeyflow ${model.id})`);
  const hidden = UNSHOWN.filter((l) => model.lanes.includes(l));
  if (hidden.length) lines.push(`%% lanes Mermaid journey cannot show: ${hidden.join(', ')}`);
  if (model.scale.min !== 1 || model.scale.max !== 5) lines.push(`%% emotion scale ${model.scale.min}..${model.scale.max} mapped onto 1..5`);
  lines.push('journey');
  lines.push(`  title ${journeyText(model.title || model.id)}`);
  for (const stage of model.stages) {
    if (!stage.steps.length) continue;
    lines.push(`  section ${journeyText(stage.label, journeyText(stage.id))}`);
    for (const step of stage.steps) lines.push(...taskLines(model, step));
  }
  return lines.join('\n') + '\n';
}
