/**
 * `-f txt` (SPEC §6.2): a plain-text picture for terminals and pull-request comments. Flows and
 * lifecycles are boxes and arrows (our own layered text layout), journeys a stage table with each
 * step's emotion; CJK counts as two columns. A diff marks elements with +, - and ~.
 */
import type { FlowModel } from '../../kinds/flow/model.js';
import { scoreFor, type JourneyModel } from '../../kinds/journey/model.js';
import { formatCount, formatRate, shareOf, type LifecycleModel } from '../../kinds/lifecycle/model.js';
import type { CommonModel } from '../../kinds/types.js';
import { edgeKeys, type ElementMark, type Mark } from '../../diff/common.js';
import { countChanges, countsText, type DiagramDiff } from '../../diff/index.js';
import { wrapCols } from './canvas.js';
import { journeyTxt } from './journey.js';
import { drawLayered, type TxtEdge, type TxtNode } from './layered.js';

const SIGN: Record<Mark, '+' | '-' | '~'> = { added: '+', removed: '-', changed: '~' };
const LABEL_COLS = 24;

interface Marks {
  node: (id: string) => ElementMark | undefined;
  edge: (key: string) => ElementMark | undefined;
  oldLabel: (id: string) => string | undefined;
}

const signed = (m: ElementMark | undefined, lines: string[]): string[] => (m ? [`${SIGN[m.mark]} ${lines[0] ?? ''}`, ...lines.slice(1)] : lines);

function edgeLabel(label: string | undefined, m: ElementMark | undefined): string | undefined {
  const text = label?.replace(/\s+/g, ' ');
  if (!m) return text;
  return text ? `${SIGN[m.mark]} ${text}` : SIGN[m.mark];
}

function wasLines(m: ElementMark | undefined, old: string | undefined): string[] {
  return m?.mark === 'changed' && old !== undefined ? wrapCols(`(was: ${old})`, LABEL_COLS) : [];
}

function flowGraph(model: FlowModel, marks?: Marks): { nodes: TxtNode[]; edges: TxtEdge[] } {
  const laneLabel = new Map(model.lanes.map((l) => [l.id, l.label]));
  const nodes = model.nodes.map((n) => {
    const m = marks?.node(n.id);
    const lines = signed(m, wrapCols(n.label, LABEL_COLS));
    const lane = n.lane ? wrapCols(`[${laneLabel.get(n.lane) ?? n.lane}]`, LABEL_COLS) : [];
    return { id: n.id, lines: [...lines, ...wasLines(m, marks?.oldLabel(n.id)), ...lane] };
  });
  const keys = edgeKeys(model.edges);
  const edges = model.edges.map((e, i) => ({ from: e.from, to: e.to, label: edgeLabel([e.label, e.volume !== undefined ? `(${e.volume})` : ''].filter(Boolean).join(' ') || undefined, marks?.edge(keys[i])) }));
  return { nodes, edges };
}

function lifecycleGraph(model: LifecycleModel, marks?: Marks): { nodes: TxtNode[]; edges: TxtEdge[] } {
  const nodes = model.states.map((s) => {
    const m = marks?.node(s.id);
    const lines = signed(m, wrapCols(s.label, LABEL_COLS));
    const share = shareOf(s, model.total);
    const count = s.count !== undefined ? [`${formatCount(s.count)}${share ? ` · ${share}` : ''}`] : [];
    const tags = [s.initial ? 'initial' : '', s.final ? 'final' : ''].filter(Boolean);
    return { id: s.id, lines: [...lines, ...wasLines(m, marks?.oldLabel(s.id)), ...count, ...(tags.length ? [`(${tags.join(', ')})`] : [])] };
  });
  const keys = edgeKeys(model.transitions);
  const edges = model.transitions.map((t, i) => ({ from: t.from, to: t.to, label: edgeLabel([t.label, t.rate !== undefined ? formatRate(t.rate) : ''].filter(Boolean).join(' ') || undefined, marks?.edge(keys[i])) }));
  return { nodes, edges };
}

function graphTxt(model: CommonModel, marks?: Marks): string[] {
  const g = model.kind === 'flow' ? flowGraph(model as FlowModel, marks) : lifecycleGraph(model as LifecycleModel, marks);
  return [...(model.title ? [model.title, ''] : []), ...drawLayered(g.nodes, g.edges)];
}

/** The plain-text picture of one diagram. */
export function renderTxt(model: CommonModel): string {
  const lines = model.kind === 'journey' ? journeyTxt(model as JourneyModel) : graphTxt(model);
  return lines.join('\n') + '\n';
}

/** The plain-text picture of a diff: the union diagram with +, - and ~ marks and a summary line. */
export function renderDiffTxt(d: DiagramDiff): string {
  const oldLabel = new Map<string, string>();
  for (const e of d.entries) { const f = e.fields.find((x) => x.field === 'label'); if (f && e.element !== 'step') oldLabel.set(e.id, f.before); }
  const marks: Marks = { node: (id) => d.marks.nodes.get(id), edge: (k) => d.marks.edges.get(k), oldLabel: (id) => oldLabel.get(id) };
  let body: string[];
  if (d.kind === 'journey') {
    const oldOf = new Map((d.journey?.oldSteps ?? []).map((s) => [s.unionId, s.step]));
    const changed = new Set((d.journey?.emotionChanges ?? []).map((c) => `${c.unionId}\u0000${c.persona ?? ''}`));
    const sign = (m: ElementMark | undefined) => (m ? SIGN[m.mark] : undefined);
    body = journeyTxt(d.union as JourneyModel, {
      mark: (id) => sign(d.marks.nodes.get(id)),
      stageMark: (id) => sign(d.marks.groups.get(id)),
      before: (id, pid) => { const s = oldOf.get(id); return s ? scoreFor(s, pid)?.score : undefined; },
      changedEmotion: (id, pid) => changed.has(`${id}\u0000${pid ?? ''}`),
    });
  } else body = graphTxt(d.union, marks);
  const counts = countChanges(d.entries);
  const docChanges = d.entries.filter((e) => e.element === 'diagram').flatMap((e) => e.fields.map((f) => `~ ${f.field}: ${f.before} → ${f.after}`));
  const footer = ['', `${countsText(counts)}   (+ added   - removed   ~ changed)`, ...docChanges];
  return [...body, ...footer].join('\n') + '\n';
}
