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
import { wordsOf } from '../../src/model/locale.js';
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

describe('diff texts in the diagram\'s language', () => {
  const zh = (yaml: string) => model(`locale: zh-CN\n${yaml}`, { lenient: true });
  const names = (d: DiagramDiff) => d.entries.flatMap((e) => e.fields.map((f) => f.name));

  it('names every compared field of every kind in Chinese for a Chinese diagram', async () => {
    const flowNode = 'kind: flow\nnodes:\n  - { id: a, type: start }\n  - { id: b, NODE }\n  - { id: c, type: end }\nedges:\n  - a -> b\n  - { from: b, to: c, VOL }\n';
    const flows = await diffOf(
      zh(`title: A\ndirection: TB\nlanes: [{ id: l, label: L }]\n${flowNode.replace('NODE', 'label: B, lane: l, description: d1, owner: x, metrics: { duration: 8m, volume: 10, conversion: 50, satisfaction: 3 }, pains: [p], link: "https://a.example"').replace('VOL', 'volume: 5')}`),
      zh(`title: B\ndirection: LR\nhighlight: bottlenecks\nlanes: [{ id: l, label: L2, description: x }]\n${flowNode.replace('NODE', 'type: subprocess, ref: x.flow.yaml, label: C, description: d2, owner: y, metrics: { duration: 2h, volume: 20, conversion: 40, satisfaction: 4 }, opportunities: [o]').replace('VOL', 'volume: 6, label: ok')}`),
    );
    const j = 'kind: journey\npersonas: [{ id: p, name: P }, { id: q, name: Q }]\nchannels: [{ id: c, label: C }]\nstages:\n  - id: s\n    label: S\n    STAGE\n    steps:\n      - { id: x, label: X, emotion: { p: 2, q: 3 }, STEP }\n';
    const journeys = await diffOf(
      zh(j.replace('STAGE', 'needs: [n]').replace('STEP', 'actors: [me], thought: hmm, pains: [p], frontstage: [f], backstage: [b], support: [s], evidence: data')),
      zh(`title: T\nscale: { min: 1, max: 7 }\n${j.replace('name: P }', 'name: 李女士, description: d, goals: [g], frustrations: [f] }').replace('label: C }', 'label: C2 }').replace('label: S\n', 'label: S2\n').replace('STAGE', 'volume: 100\n    kpis: [{ label: K, value: 1, target: 2, better: lower }]').replace('emotion: { p: 2, q: 3 }', 'emotion: { p: 4, q: 3 }').replace('STEP', 'actors: [you], thought: ok, opportunities: [o], evidence: research, flow: x.flow.yaml')}`),
    );
    const lifecycles = await diffOf(zh(LIFE_OLD.replace('count: 100 }', 'count: 100, strategy: s, description: a }')), zh(LIFE_NEW.replace('title: Tiers', 'title: T\ndirection: LR').replace('count: 100 }', 'count: 100, final: true }')));
    const funnels = await diffOf(zh(FUNNEL), zh(FUNNEL.replace('period: 2024 年第三季度', 'period: Q4').replace('unit: 人', 'unit: 位').replace('label: 线上商城', 'label: 商城').replace('target: 80%', 'target: 85%').replace('label: 浏览商品\n    segments: { online: 6100, store: 3300 }', 'label: 看商品\n    description: x\n    pains: [p]\n    opportunities: [o]\n    segments: { online: 6000, store: 3300 }')));
    const all = [flows, journeys, lifecycles, funnels].flatMap(names);
    expect(all.length).toBeGreaterThan(40);
    expect(all.filter((n) => /[A-Za-z]/.test(n))).toEqual([]);
    expect(names(journeys)).toContain('情绪（李女士）');
    expect(lines(flows)).toContain('~ node b "C" | 名称: B → C | 类型: activity → subprocess | 泳道: l → — | 说明: d1 → d2 | 负责人: x → y | 时长: 8\u00a0分钟 → 2\u00a0小时 | 客户量: 10 → 20 | 转化率: 50% → 40% | 满意度: 3 → 4 | 痛点: p → — | 机会: — → o | 链接: https://a.example → — | 子流程: — → x.flow.yaml');
    expect(flows.marks.nodes.get('b')!.note.split('\n').slice(0, 2)).toEqual(['本次修改，修改前：', '名称：B（现为 C）']);
    expect(lines(flows)).toContain('~ edge b → c "C → c（ok）" | 名称: — → ok | 客户量: 5 → 6');
    expect(lines(lifecycles)).toContain('~ state new "New" | 维护策略: s → — | 说明: a → — | 终止状态: 否 → 是');
    expect(countsText(countChanges(flows.entries), wordsOf('zh-CN'))).toMatch(/^新增 \d+，删除 \d+，修改 \d+$/);
    expect(breakdownText(flows, wordsOf('zh-CN'))).toBe('图：修改 1 · 泳道：修改 1 · 节点：修改 1 · 连线：修改 1');
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
