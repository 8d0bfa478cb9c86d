/**
 * The semantic diff in process (src/diff/index.ts, through each kind's KindDefinition): every entry,
 * mark and union element of one old/new pair per kind, one-sided diffs and the count helpers.
 * Pictures and Markdown are in diff-picture.test.ts.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { breakdownText, countChanges, countsByElement, countsText, diffModels, hasChanges, KindMismatchError, type DiagramDiff } from '../../src/diff/index.js';
import type { FlowModel } from '../../src/kinds/flow/model.js';
import type { JourneyDiff } from '../../src/kinds/journey/diff.js';
import type { JourneyModel } from '../../src/kinds/journey/model.js';
import type { LifecycleModel } from '../../src/kinds/lifecycle/model.js';
import { definitionOf, diffOf, model } from '../support/inprocess.js';
import { FLOW_NEW, FLOW_OLD, JOURNEY_NEW, JOURNEY_OLD, LIFE_NEW, LIFE_OLD } from './fixtures.js';

/** Entries as one line each: `~ node pack "label" | field: before → after | …`. */
const lines = (d: DiagramDiff) => d.entries.map((e) => [`${{ added: '+', removed: '-', changed: '~' }[e.change]} ${e.element} ${e.id} "${e.label}"`, ...e.fields.map((f) => `${f.name}: ${f.before} → ${f.after}`)].join(' | '));
/** The funnel example: the fourth kind has no old/new pair here, only the identity check. */
const FUNNEL = fs.readFileSync(new URL('../../examples/first-purchase.funnel.yaml', import.meta.url), 'utf8');
const marks = (m: Map<string, { mark: string }>) => [...m].map(([k, v]) => `${k.replace(/\u0000/g, '>')}:${v.mark}`);

describe('diff of two flows', async () => {
  const d = await diffOf(model(FLOW_OLD), model(FLOW_NEW));

  it('lists document, lane, node and edge changes with every field that differs, in reading order', () => {
    expect(d.kind).toBe('flow');
    expect(d.id).toBe('orders');
    expect(d.title).toBe('Order handling v2');
    expect(lines(d)).toEqual([
      '~ diagram orders "Order handling v2" | title: Order handling → Order handling v2 | direction: TB → LR',
      '~ lane shop "Online shop" | label: Shop → Online shop',
      '+ lane post "Courier"',
      '- node check "Quality check"',
      '~ node pack "Pack and label goods" | label: Pack goods → Pack and label goods | owner: Ann → Bob | duration: 10\u00a0min → 15\u00a0min | pains: — → Slow tape',
      '+ node gift "Add gift card"',
      '~ node done "Shipped" | lane: shop → post',
      '~ edge pack → done "Pack and label goods → Shipped (ok)" | volume: 100 → 80',
      '+ edge start → pack "Order placed → Pack and label goods"',
      '+ edge pack → gift "Pack and label goods → Add gift card"',
      '+ edge gift → done "Add gift card → Shipped"',
      '- edge start → check "Order placed → Quality check"',
      '- edge check → pack "Quality check → Pack and label goods"',
    ]);
  });

  it('marks nodes, lanes and the n-th edge between two nodes, old values in the note', () => {
    expect(marks(d.marks.nodes)).toEqual(['pack:changed', 'done:changed', 'gift:added', 'check:removed']);
    expect(marks(d.marks.groups)).toEqual(['shop:changed', 'post:added']);
    expect(marks(d.marks.edges)).toEqual(['pack>done>0:changed', 'start>pack>0:added', 'pack>gift>0:added', 'gift>done>0:added', 'start>check>0:removed', 'check>pack>0:removed']);
    expect(d.marks.nodes.get('pack')!.note).toBe('changed; before:\nlabel: Pack goods (now Pack and label goods)\nowner: Ann (now Bob)\nduration: 10\u00a0min (now 15\u00a0min)\npains: — (now Slow tape)');
    expect(d.marks.nodes.get('gift')!.note).toBe('added in this change');
    expect(d.marks.nodes.get('check')!.note).toBe('removed in this change');
  });

  it('puts removed lanes, nodes and edges back into the new model where they stood', () => {
    const u = d.union as FlowModel;
    expect(u.direction).toBe('LR');
    expect(u.lanes.map((l) => l.id)).toEqual(['shop', 'stock', 'post']);
    expect(u.nodes.map((n) => n.id)).toEqual(['start', 'check', 'pack', 'gift', 'done']);
    expect(u.edges.map((e) => `${e.from}>${e.to}`)).toEqual(['start>check', 'check>pack', 'start>pack', 'pack>gift', 'gift>done', 'pack>done']);
    expect((d.new as FlowModel).nodes.map((n) => n.id)).toEqual(['start', 'pack', 'gift', 'done']);
    expect((d.old as FlowModel).nodes).toHaveLength(4);
  });

  it('tells parallel edges apart by their order and compares every node field', async () => {
    const base = 'kind: flow\nnodes:\n  - { id: a, type: start }\n  - { id: b, NODE }\n  - { id: c, type: end }\nedges:\n  - { from: a, to: b, label: one }\n  - { from: a, to: b, label: two }\n  - b -> c\n';
    const before = base.replace('NODE', 'label: B, description: d1, metrics: { volume: 10, conversion: 50, satisfaction: 3 }, opportunities: [x], link: "https://a.example"');
    const after = base.replace('NODE', 'type: subprocess, label: B, description: d2, metrics: { volume: 20, conversion: 40, satisfaction: 4 }, opportunities: [x, y]').replace('label: two', 'label: three');
    const r = await diffOf(model(before), model(after));
    expect(lines(r)).toEqual([
      '~ node b "B" | type: activity → subprocess | description: d1 → d2 | volume: 10 → 20 | conversion: 50% → 40% | satisfaction: 3 → 4 | opportunities: x → x; y | link: https://a.example → —',
      '~ edge a → b "a → B (three)" | label: two → three',
    ]);
    expect(marks(r.marks.edges)).toEqual(['a>b>1:changed']);
  });
});

describe('diff of two journeys', async () => {
  const d = (await diffOf(model(JOURNEY_OLD), model(JOURNEY_NEW))) as DiagramDiff<JourneyModel, JourneyDiff>;

  it('matches steps by id, then label, then place in the stage, and lists one change per persona score', () => {
    expect(lines(d)).toEqual([
      '~ persona wang "Mr Wang" | name: Wang → Mr Wang',
      '+ persona zhao "Zhao"',
      '+ channel app "App"',
      '~ step browse/search "Search products" | label: Search → Search products | emotion (Li): −2 → +1',
      '- step browse/browse-2 "Read reviews"',
      '~ stage buy "Buy" | kpis: Conversion 40% → Conversion 40%/60% | volume: 100 → 80',
      '~ step buy/buy-1 "Pay by card" | label: Pay online → Pay by card | emotion (Li): −1 → +1 | emotion (Mr Wang): −1 → +1 | emotion (Zhao): −1 → +1',
      '~ step buy/compare "Compare" | stage: Browse → Buy',
      '+ step buy/buy-3 "Get receipt"',
      '+ step buy/browse-2 "Wishlist"',
      '- stage care "Care"',
      '- step care/care-1 "Call hotline"',
    ]);
  });

  it('gives a removed step whose id is taken a union id of its own, and keeps moved steps in their new stage only', () => {
    const u = d.union as JourneyModel;
    expect(u.stages.map((s) => `${s.id}: ${s.steps.map((st) => st.id).join(' ')}`)).toEqual(['browse: search browse-2-removed', 'buy: buy-1 compare buy-3 browse-2', 'care: care-1']);
    expect(marks(d.marks.nodes)).toEqual(['search:changed', 'browse-2-removed:removed', 'buy-1:changed', 'compare:changed', 'buy-3:added', 'browse-2:added', 'care-1:removed']);
    expect(marks(d.marks.groups)).toEqual(['buy:changed', 'care:removed']);
    // A removed step is drawn without scores of its own: the old curve shows where it was.
    expect(u.stages[0].steps[1].emotions).toEqual([]);
  });

  it('records where the old curve passes and each moved score', () => {
    expect(d.oldSteps.map((s) => `${s.unionId}=${s.step.label}`)).toEqual(['search=Search', 'browse-2-removed=Read reviews', 'compare=Compare', 'buy-1=Pay online', 'care-1=Call hotline']);
    expect(d.emotionChanges).toEqual([
      { unionId: 'search', persona: 'li', before: -2, after: 1 },
      { unionId: 'buy-1', persona: 'li', before: -1, after: 1 },
      { unionId: 'buy-1', persona: 'wang', before: -1, after: 1 },
      { unionId: 'buy-1', persona: 'zhao', before: -1, after: 1 },
    ]);
  });

  it('compares the scale, the rows and every step field; a 1..5 score has no sign', async () => {
    const a = 'kind: journey\npersona: { name: Ann }\nstages:\n  - id: s\n    steps:\n      - { id: x, label: X, emotion: 2, STEP }\n';
    const before = model(a.replace('STEP', 'actors: [me], thought: hmm, pains: [p], frontstage: [f], backstage: [b], support: [s], evidence: data'));
    const after = model(`lanes: [steps, emotion]\n${a.replace('emotion: 2', 'emotion: 4').replace('STEP', 'actors: [you], thought: ok, opportunities: [o], evidence: research, flow: examples/first-purchase.flow.yaml')}`);
    expect(lines(await diffOf(before, after))).toEqual([
      '~ diagram test "test" | rows: Customer actions; Emotion; Thoughts; Pain points; Frontstage; Backstage; Support processes → Customer actions; Emotion',
      '~ step s/x "X" | actors: me → you | thought: hmm → ok | pains: p → — | opportunities: — → o | frontstage: f → — | backstage: b → — | support: s → — | evidence: data → research | flow: — → examples/first-purchase.flow.yaml | emotion: 2 → 4',
    ]);
    const scaled = model(a.replace('STEP', 'actors: [me]').replace('kind: journey', 'kind: journey\nscale: { min: 0, max: 10 }'));
    expect(lines(await diffOf(model(a.replace(', STEP', '')), scaled))[0]).toBe('~ diagram test "test" | scale: 1..5 → 0..10');
  });
});

describe('diff of two lifecycle maps', async () => {
  const d = await diffOf(model(LIFE_OLD), model(LIFE_NEW));

  it('lists state and transition changes, rates as readers write them', () => {
    expect(lines(d)).toEqual([
      '~ state active "Active" | count: 50 → 70 | criteria: bought once → bought once; visited',
      '- state lost "Lost"',
      '+ state vip "VIP"',
      '~ transition new → active "New → Active" | rate: 12% → 15.5%',
      '+ transition active → vip "Active → VIP (Upgrade)"',
      '+ transition vip → active "VIP → Active"',
      '- transition active → lost "Active → Lost"',
    ]);
    expect(marks(d.marks.edges)).toEqual(['new>active>0:changed', 'active>vip>0:added', 'vip>active>0:added', 'active>lost>0:removed']);
  });

  it('keeps a removed state in the union as an ordinary state (no start arrow into it)', async () => {
    const u = d.union as LifecycleModel;
    expect(u.states.map((s) => `${s.id}${s.initial ? '*' : ''}${s.final ? '!' : ''}`)).toEqual(['new*', 'active', 'lost!', 'vip']);
    expect(u.transitions.map((t) => `${t.from}>${t.to}`)).toEqual(['new>active', 'active>lost', 'active>vip', 'vip>active']);
    const moved = await diffOf(model(LIFE_OLD.replace('{ id: new, label: New, count: 100 }', '{ id: new, label: New, count: 100, initial: true, description: a }')), model(LIFE_OLD.replace('count: 100 }', 'count: 100, final: true }'), { lenient: true }));
    expect(lines(moved)).toEqual(['~ state new "New" | description: a → — | final: no → yes']);
  });
});

describe('one-sided diffs, identical inputs and the count helpers', () => {
  it('makes every element added for a new diagram and removed for a deleted one', async () => {
    const added = await diffOf(undefined, model(LIFE_NEW));
    expect(countChanges(added.entries)).toEqual({ added: 6, removed: 0, changed: 0 });
    expect((added.old as LifecycleModel).states).toEqual([]);
    const removed = await diffOf(model(JOURNEY_OLD), undefined);
    expect(removed.title).toBe('Buying');
    expect(countsByElement(removed)).toEqual([['persona', { added: 0, removed: 2, changed: 0 }], ['channel', { added: 0, removed: 1, changed: 0 }], ['stage', { added: 0, removed: 3, changed: 0 }], ['step', { added: 0, removed: 5, changed: 0 }]]);
    const flow = definitionOf('flow').emptyModel(model(FLOW_OLD)) as FlowModel;
    expect([flow.kind, flow.id, flow.title, flow.nodes.length, flow.edges.length, flow.lanes.length]).toEqual(['flow', 'orders', 'Order handling', 0, 0, 0]);
    expect(lines(await diffOf(model(FLOW_OLD), undefined))).toContain('- edge pack → done "Pack goods → Shipped (ok)"');
  });

  it('refuses two diagrams of different kinds and a diff of nothing', async () => {
    for (const kind of ['flow', 'lifecycle']) {
      await expect(diffModels(definitionOf(kind), model(FLOW_OLD), model(LIFE_OLD))).rejects.toThrow(KindMismatchError);
      await expect(diffModels(definitionOf(kind), model(FLOW_OLD), model(LIFE_OLD))).rejects.toThrow('the diagram "tiers" changed kind from flow to lifecycle; a diff compares two diagrams of the same kind');
    }
    await expect(diffModels(definitionOf('flow'), undefined, undefined)).rejects.toThrow('diffModels needs at least one model');
  });

  it('finds nothing between identical inputs of every kind', async () => {
    for (const yaml of [FLOW_NEW, JOURNEY_NEW, LIFE_NEW, FUNNEL]) {
      const same = await diffOf(model(yaml), model(yaml));
      expect(same.entries).toEqual([]);
      expect(hasChanges(same)).toBe(false);
      expect(countsText(countChanges(same.entries))).toBe('no changes');
      expect(breakdownText(same)).toBe('no changes');
    }
  });

  it('words the counts per element type', async () => {
    const d = await diffOf(model(FLOW_OLD), model(FLOW_NEW));
    expect(hasChanges(d)).toBe(true);
    expect(countsText(countChanges(d.entries))).toBe('5 added, 3 removed, 5 changed');
    expect(breakdownText(d)).toBe('diagram: 1 changed · lanes: 1 added, 1 changed · nodes: 1 added, 1 removed, 2 changed · edges: 3 added, 2 removed, 1 changed');
  });
});
