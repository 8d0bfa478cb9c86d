/**
 * The discovered graph as a flow document that `journeyflow build` draws: a start and an end node,
 * one node per activity (its events as `metrics.volume`, its median step time as `metrics.duration`),
 * lanes from the resource column, edges with their counts as `volume` and the median and p90 time
 * between the events as `label`, `highlight: bottlenecks`. Written with the yaml library (quoting is
 * its job: any activity text comes back literally), nodes and edges one flow map a line, in a fixed
 * order, so the same log always gives the same bytes.
 */
import YAML from 'yaml';
import { detectLocale, durationText, groupDigits, type Locale } from '../model/locale.js';
import type { Dfg, DfgActivity, DfgEdge } from './dfg.js';
import { DiscoverUsageError, quoted } from './diagnostics.js';
import { edgeOrder, filterDfg, type FilterOptions, type Filtered } from './filter.js';
import { idsFor } from './ids.js';

export interface FlowYamlOptions {
  /** The log's name, for the title and the header comment. */
  source: string;
  /** The step times are end − start (an end timestamp was given), not the time since the previous event. */
  hasEnd: boolean;
  filter: FilterOptions;
  title?: string;
}

const WORDS: Record<Locale, {
  start: string; end: string; title: (s: string) => string; edge: (m: string, p?: string) => string; cases: (n: string) => string;
  node: (events: string, m: string, p: string | undefined, busy: boolean) => string; events: (n: string) => string;
}> = {
  en: {
    start: 'Start', end: 'End', title: (s) => `Process discovered from ${s}`, edge: (m, p) => `median ${m}${p ? ` · p90 ${p}` : ''}`, cases: (n) => `${n} cases`,
    node: (e, m, p, busy) => `${e} events; ${busy ? 'takes' : 'after the previous step'} median ${m}${p ? `, p90 ${p}` : ''}`, events: (n) => `${n} events`,
  },
  'zh-CN': {
    start: '开始', end: '结束', title: (s) => `从 ${s} 发现的流程`, edge: (m, p) => `中位 ${m}${p ? ` · P90 ${p}` : ''}`, cases: (n) => `${n} 个案例`,
    node: (e, m, p, busy) => `${e} 次；${busy ? '用时' : '距上一步'}中位 ${m}${p ? `，P90 ${p}` : ''}`, events: (n) => `${n} 次`,
  },
};

/** Seconds as the schema's duration (`45s`, `12.5m`, `3h`, `2d`): the largest unit that gives at least 1, one decimal below 10. */
export function durationOf(seconds: number): string {
  const s = Math.max(0, seconds); // overlapping events (the next starts before the previous ends) count as no time
  const [unit, size] = s >= 86400 ? ['d', 86400] : s >= 3600 ? ['h', 3600] : s >= 60 ? ['m', 60] : ['s', 1];
  const value = s / size;
  return `${value >= 10 ? Math.round(value) : Number(value.toFixed(1))}${unit}`;
}

/** Nodes in the order a reader follows them: breadth first from the start along the heaviest edges. */
function visitOrder(filtered: Filtered): Array<string | undefined> {
  const order: Array<string | undefined> = [undefined];
  const seen = new Set<string | undefined>(order);
  for (let i = 0; i < order.length; i++) {
    for (const e of filtered.edges.filter((x) => x.from === order[i] && x.to !== undefined).sort(edgeOrder)) {
      if (!seen.has(e.to)) { seen.add(e.to); order.push(e.to); }
    }
  }
  return order.slice(1);
}

const flowMap = (doc: YAML.Document, value: Record<string, unknown>) => {
  const node = doc.createNode(value) as YAML.YAMLMap;
  node.flow = true;
  return node;
};

function nodeEntry(a: DfgActivity, id: string, laneIds: Map<string, string>, o: FlowYamlOptions, locale: Locale) {
  const w = WORDS[locale];
  const count = groupDigits(a.events, locale);
  const text = (s: number | undefined) => (s === undefined ? undefined : durationText(durationOf(s), locale));
  return {
    id, label: a.name,
    ...(a.lane !== undefined ? { lane: laneIds.get(a.lane) } : {}),
    description: a.medianS !== undefined ? w.node(count, text(a.medianS)!, text(a.p90S), o.hasEnd) : w.events(count),
    metrics: { volume: a.events, ...(a.medianS !== undefined ? { duration: durationOf(a.medianS) } : {}) },
  };
}

/** The comment above `edges`: what the filters dropped, heaviest first. */
function droppedComment(filtered: Filtered, o: FlowYamlOptions, total: number): string | undefined {
  if (!filtered.droppedEdges.length && !filtered.droppedActivities.length) return undefined;
  const flags = [o.filter.minFrequency !== undefined ? `--min-frequency ${o.filter.minFrequency}` : '', o.filter.topPaths !== undefined ? `--top-paths ${o.filter.topPaths}` : ''].filter(Boolean).join(' ');
  const lost = filtered.droppedEdges.reduce((s, e) => s + e.count, 0);
  const name = (p: string | undefined, fallback: string) => (p === undefined ? fallback : quoted(p));
  const lines = [
    ` Filtered by ${flags}: ${plural(filtered.droppedActivities.length, 'activity', 'activities')} and ${plural(filtered.droppedEdges.length, 'edge', 'edges')} left out (${formatShare(lost, total)} of ${total} transitions).`,
    ' Nodes whose edges were left out show the difference as customers lost.',
    ...filtered.droppedActivities.slice(0, 20).map((a) => `   activity ${quoted(a.name)}: ${a.events} events`),
    ...[...filtered.droppedEdges].sort(edgeOrder).slice(0, 20).map((e) => `   ${name(e.from, 'start')} -> ${name(e.to, 'end')}: ${e.count}`),
  ];
  const more = Math.max(0, filtered.droppedEdges.length - 20) + Math.max(0, filtered.droppedActivities.length - 20);
  if (more) lines.push(`   … and ${more} more`);
  return lines.join('\n');
}
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
const formatShare = (part: number, total: number) => `${part} = ${total ? Number(((100 * part) / total).toFixed(1)) : 0}%`;

/** The flow YAML text of a discovered graph. */
export function flowYaml(dfg: Dfg, o: FlowYamlOptions): string {
  const filtered = filterDfg(dfg, o.filter);
  if (!filtered.activities.length) {
    const most = Math.max(...dfg.activities.map((a) => a.events));
    throw new DiscoverUsageError(`--min-frequency ${o.filter.minFrequency} leaves no activity (the most frequent has ${most} events)`);
  }
  const lanes = [...new Set(filtered.activities.map((a) => a.lane).filter((l): l is string => l !== undefined))];
  const locale = detectLocale([...filtered.activities.map((a) => a.name), ...lanes]);
  const w = WORDS[locale];
  const ids = idsFor(filtered.activities.map((a) => a.name), 'step', ['start', 'end']);
  const laneIds = idsFor(lanes, 'lane');
  const byName = new Map(filtered.activities.map((a) => [a.name, a]));
  const order = visitOrder(filtered).filter((n): n is string => n !== undefined);
  const place = new Map(order.map((n, i) => [n, i]));
  const edgeSort = (a: DfgEdge, b: DfgEdge) => (a.from === undefined ? -1 : place.get(a.from)!) - (b.from === undefined ? -1 : place.get(b.from)!) || edgeOrder(a, b);
  const edges = [...filtered.edges].sort(edgeSort);
  const terminalLane = (pick: (e: DfgEdge) => string | undefined) => {
    const heaviest = edges.filter((e) => pick(e) === undefined).sort(edgeOrder)[0];
    const lane = heaviest && byName.get((heaviest.to ?? heaviest.from)!)?.lane;
    return lane !== undefined ? { lane: laneIds.get(lane) } : {};
  };
  const laneOrder = [...new Set(order.map((n) => byName.get(n)!.lane).filter((l): l is string => l !== undefined))];
  const endCount = edges.filter((e) => e.to === undefined).reduce((s, e) => s + e.count, 0);

  const doc = new YAML.Document({});
  doc.commentBefore = [
    ` Discovered by journeyflow discover from ${o.source}: ${dfg.cases} cases, ${dfg.events} events, ${dfg.activities.length} activities.`,
    ' Edge volume: how often the second activity directly follows the first in a case (as PM4Py\'s discover_dfg);',
    ' edge label: median and 90th percentile of the time between the two events.',
    ` Node volume: the activity's events; duration: its median ${o.hasEnd ? 'time from start to end' : 'time since the case\'s previous event'}.`,
  ].join('\n');
  doc.set('kind', 'flow');
  doc.set('title', o.title ?? w.title(o.source));
  doc.set('highlight', 'bottlenecks');
  if (laneOrder.length) doc.set('lanes', laneOrder.map((l) => flowMap(doc, { id: laneIds.get(l), label: l })));
  doc.set('nodes', [
    flowMap(doc, { id: 'start', type: 'start', label: w.start, ...terminalLane((e) => e.from), description: w.cases(groupDigits(dfg.cases, locale)), metrics: { volume: dfg.cases } }),
    ...order.map((n) => flowMap(doc, nodeEntry(byName.get(n)!, ids.get(n)!, laneIds, o, locale))),
    flowMap(doc, { id: 'end', type: 'end', label: w.end, ...terminalLane((e) => e.to), description: w.cases(groupDigits(endCount, locale)), metrics: { volume: endCount } }),
  ]);
  const edgeNodes = edges.map((e) => flowMap(doc, {
    from: e.from === undefined ? 'start' : ids.get(e.from), to: e.to === undefined ? 'end' : ids.get(e.to), volume: e.count,
    ...(e.medianS !== undefined ? { label: w.edge(durationText(durationOf(e.medianS), locale), e.p90S === undefined ? undefined : durationText(durationOf(e.p90S), locale)) } : {}),
  }));
  const edgesKey = doc.createNode('edges');
  edgesKey.commentBefore = droppedComment(filtered, o, dfg.edges.reduce((sum, e) => sum + e.count, 0));
  (doc.contents as YAML.YAMLMap).items.push(new YAML.Pair(edgesKey, Object.assign(new YAML.YAMLSeq(), { items: edgeNodes })));
  return doc.toString({ lineWidth: 0 });
}
