/**
 * `discover --journey survey.csv --into x.journey.yaml`: a survey table of (respondent, stage, step,
 * score[, persona]) fills the journey's emotion curve with the mean score per step and persona. The
 * journey file is edited through the yaml library's Document API, so its comments, order and other
 * fields stay. Each filled step gets `responses`, how many answers each mean rests on (the build shows
 * it as n = … in the step's tooltip), and a comment naming the survey, replaced on the next run.
 */
import YAML from 'yaml';
import { quoted, tableError } from './diagnostics.js';
import { CellProblem, columnIndexes, readCsv } from './table.js';

export interface SurveyOptions {
  /** Absolute path and display name of the survey table. */
  file: string;
  display: string;
  /** The journey's text and its display name. */
  journey: string;
  journeyDisplay: string;
  columns?: { respondent?: string; stage?: string; step?: string; score?: string; persona?: string };
  delimiter?: string;
}

const DEFAULTS = { respondent: 'respondent', stage: 'stage', step: 'step', score: 'score', persona: 'persona' };
const OPTIONS = { respondent: '--respondent', stage: '--stage', step: '--step', score: '--score', persona: '--persona' };
const NOTE = ' emotion from ';

interface StepRef { step: YAML.YAMLMap; stageId: string; label: string; list: YAML.YAMLSeq }
type Tally = Map<string | undefined, { sum: number; n: number; respondents: Set<string> }>;

const text = (node: unknown): string | undefined => (YAML.isScalar(node) && node.value !== null && node.value !== undefined ? String(node.value) : undefined);

/** Every step of the journey by the names a survey may use: its id, its default id (`<stage>-<n>`) or its label, within its stage. */
function stepIndex(doc: YAML.Document): Map<string, Map<string, StepRef>> {
  const stages = doc.get('stages', true);
  const out = new Map<string, Map<string, StepRef>>();
  if (!YAML.isSeq(stages)) return out;
  stages.items.forEach((stage, si) => {
    if (!YAML.isMap(stage)) return;
    const stageId = text(stage.get('id', true)) ?? `stage-${si + 1}`;
    const steps = new Map<string, StepRef>();
    const stepsNode = stage.get('steps', true);
    if (YAML.isSeq(stepsNode)) stepsNode.items.forEach((step, i) => {
      if (!YAML.isMap(step)) return;
      const ref = { step, stageId, label: text(step.get('label', true)) ?? '', list: stepsNode };
      for (const name of [text(step.get('id', true)), `${stageId}-${i + 1}`, ref.label]) if (name !== undefined && !steps.has(name)) steps.set(name, ref);
    });
    for (const name of [stageId, text(stage.get('label', true))]) if (name !== undefined && !out.has(name)) out.set(name, steps);
  });
  return out;
}

function personaIds(doc: YAML.Document): Map<string, string> | undefined {
  const personas = doc.get('personas', true);
  if (!YAML.isSeq(personas)) return undefined;
  const ids = new Map<string, string>();
  for (const p of personas.items) {
    if (!YAML.isMap(p)) continue;
    const id = text(p.get('id', true));
    if (id === undefined) continue;
    ids.set(id, id);
    const name = text(p.get('name', true));
    if (name !== undefined && !ids.has(name)) ids.set(name, id);
  }
  return ids;
}

const mean = (t: { sum: number; n: number }) => Math.round((t.sum / t.n) * 100) / 100;

/** The journey text with its steps' emotions set from the survey; throws a TableError on a bad row. */
export async function fillJourney(o: SurveyOptions): Promise<{ text: string; steps: number; answers: number }> {
  const docs = YAML.parseAllDocuments(o.journey);
  const doc = (Array.isArray(docs) ? docs : [docs]).find((d) => !d.errors.length && d.get('kind') === 'journey');
  if (!doc) throw tableError({ file: o.journeyDisplay, line: 1, column: 1 }, 'schema', 'no well-formed `kind: journey` document in this file');
  const steps = stepIndex(doc);
  const personas = personaIds(doc);
  const scale = doc.get('scale', true);
  const [min, max] = YAML.isMap(scale) ? [Number(scale.get('min') ?? 1), Number(scale.get('max') ?? 5)] : [1, 5];
  const tallies = new Map<YAML.YAMLMap, { ref: StepRef; tally: Tally }>();
  const names = { ...DEFAULTS, ...Object.fromEntries(Object.entries(o.columns ?? {}).filter(([, v]) => v !== undefined)) };
  let at: Record<keyof typeof DEFAULTS, number | undefined> | undefined;
  let answers = 0;
  await readCsv(o.file, o.display, { delimiter: o.delimiter }, (header) => {
    const wanted = { ...names, persona: header.includes(names.persona) || o.columns?.persona ? names.persona : undefined };
    at = columnIndexes(header, wanted, o.display, OPTIONS);
  }, (fields, record) => {
    const cell = (k: keyof typeof DEFAULTS) => (at![k] === undefined ? '' : fields[at![k]!] ?? '');
    const problem = (k: keyof typeof DEFAULTS, rule: string, message: string) => new CellProblem({ record, field: at![k] ?? 0, columnName: names[k] }, rule, message);
    const stage = steps.get(cell('stage'));
    if (!stage) throw problem('stage', 'unknown-reference', `no stage with the id or label ${quoted(cell('stage'))} in ${o.journeyDisplay}`);
    const ref = stage.get(cell('step'));
    if (!ref) throw problem('step', 'unknown-reference', `no step with the id or label ${quoted(cell('step'))} in stage ${quoted(cell('stage'))}`);
    const score = cell('score') === '' ? NaN : Number(cell('score'));
    if (!Number.isFinite(score)) throw problem('score', 'emotion-range', `the score ${quoted(cell('score'))} is not a number`);
    if (score < min || score > max) throw problem('score', 'emotion-range', `the score ${score} is outside the journey's scale ${min}–${max}`);
    let persona: string | undefined;
    if (cell('persona') !== '') {
      persona = personas?.get(cell('persona'));
      if (persona === undefined) throw problem('persona', 'unknown-reference', personas ? `no persona with the id or name ${quoted(cell('persona'))} in ${o.journeyDisplay}` : `${o.journeyDisplay} has no \`personas\` list for the persona ${quoted(cell('persona'))}`);
    } else if (personas && personas.size > 1) {
      throw problem('persona', 'unknown-reference', `${o.journeyDisplay} has several personas: say whose answer this is (a persona column, ${OPTIONS.persona})`);
    }
    const entry = tallies.get(ref.step) ?? { ref, tally: new Map() };
    tallies.set(ref.step, entry);
    const t = entry.tally.get(persona) ?? { sum: 0, n: 0, respondents: new Set<string>() };
    entry.tally.set(persona, t);
    if (t.respondents.has(cell('respondent'))) throw problem('respondent', 'duplicate-id', `respondent ${quoted(cell('respondent'))} already scored this step${persona ? ` for ${persona}` : ''}`);
    t.respondents.add(cell('respondent'));
    t.sum += score;
    t.n++;
    answers++;
  });
  if (!answers) throw tableError({ file: o.display, line: 2, column: 1 }, 'log-empty', 'the survey has a header but no answers');
  const declared = personas ? [...new Set(personas.values())] : [];
  for (const { ref, tally } of tallies.values()) setEmotion(doc, ref, tally, o.display, declared);
  return { text: (Array.isArray(docs) ? docs : [docs]).map((d) => d.toString()).join(''), steps: tallies.size, answers };
}

const withoutNote = (comment: string | null | undefined) => (comment ?? '').split('\n').filter((l) => l !== '' && !l.startsWith(NOTE));

/** The step's map under `key` (a flow map after `after`, made when missing); a plain number there, meant for every persona, is spread to each first. */
function personaMap(doc: YAML.Document, step: YAML.YAMLMap, key: string, after: string, personas: readonly string[]): YAML.YAMLMap {
  const node = step.get(key, true);
  if (YAML.isMap(node)) return node;
  const map = Object.assign(doc.createNode(YAML.isScalar(node) && typeof node.value === 'number' ? Object.fromEntries(personas.map((p) => [p, node.value])) : {}), { flow: true }) as YAML.YAMLMap;
  setAfter(step, key, map, after);
  return map;
}

/** Sets `key` in the step, a new key right after `after` (so `responses` sits beside `emotion`). */
function setAfter(step: YAML.YAMLMap, key: string, value: unknown, after: string): void {
  if (step.has(key)) { step.set(key, value); return; }
  const at = step.items.findIndex((pair) => text(pair.key) === after);
  const pair = new YAML.Pair(new YAML.Scalar(key), value);
  if (at < 0) step.items.push(pair);
  else step.items.splice(at + 1, 0, pair);
}

function setEmotion(doc: YAML.Document, { step, list }: StepRef, tally: Tally, source: string, personas: readonly string[]): void {
  const byPersona = [...tally].filter(([p]) => p !== undefined).sort(([a], [b]) => (a! < b! ? -1 : 1));
  if (byPersona.length === 0) {
    const all = tally.get(undefined)!;
    step.set('emotion', mean(all));
    setAfter(step, 'responses', all.n, 'emotion');
  } else {
    const emotion = personaMap(doc, step, 'emotion', 'label', personas);
    const responses = personaMap(doc, step, 'responses', 'emotion', personas);
    for (const [p, t] of byPersona) { emotion.set(p, mean(t)); responses.set(p, t.n); }
  }
  // Read back, a comment above a list's first item belongs to the list: the last run's note may be there.
  if (list.items[0] === step) list.commentBefore = withoutNote(list.commentBefore).join('\n') || undefined;
  step.commentBefore = [...withoutNote(step.commentBefore), `${NOTE}${source}`].join('\n');
}
