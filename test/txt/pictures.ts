/**
 * Inputs of the plain-text tests and the pictures they must give, byte for byte (each reviewed by
 * eye when it was written: boxes closed, CJK two columns wide, every label beside its edge).
 */

export const CJK_FLOW = `kind: flow
title: 售后流程
direction: TB
lanes:
  - { id: c, label: 客户 }
  - { id: s, label: 客服中心 }
nodes:
  - { id: a, type: start, label: 客户报修, lane: c }
  - { id: b, label: 记录报修信息并生成一个很长很长的工单编号, lane: s }
  - { id: q, type: decision, label: 通过?, lane: c }
  - { id: d, type: end, label: Done 完成 }
edges:
  - a -> b -> q
  - { from: q, to: d, label: 是, volume: 30 }
  - { from: q, to: b, label: 否 }
  - { from: b, to: b, label: 重试 }
`;
export const LIFE = `kind: lifecycle
title: Tiers
states:
  - { id: p, label: 潜在客户, count: 5000 }
  - { id: a, label: Active, count: 1200, initial: true }
  - { id: x, label: Lost, final: true }
transitions:
  - { from: p, to: a, label: 首次购买, rate: 12% }
  - { from: a, to: x, rate: 8.25 }
  - { from: x, to: a, label: win back }
  - { from: a, to: a, label: renew }
`;
export const JOURNEY = `kind: journey
title: 旅程
personas:
  - { id: li, name: 李女士 }
  - { id: w, name: Wang }
stages:
  - id: a
    label: 意识阶段
    steps:
      - { label: 看到社交媒体广告, emotion: { li: 3, w: 5 } }
      - { label: Read reviews on a very long web page with many words, emotion: 4 }
  - id: e
    label: Empty
  - id: b
    label: 购买
    steps:
      - { label: 在线付款, emotion: { li: 1 } }
`;
export const FAN = `kind: flow
nodes:
  - { id: a, type: start, label: A }
  - { id: b, label: B }
  - { id: c, label: C }
  - { id: d, label: D }
  - { id: e, type: end, label: E }
edges:
  - { from: a, to: b, label: first label }
  - { from: a, to: c, label: second }
  - { from: a, to: d, label: third one }
  - { from: a, to: e, label: skip }
  - { from: b, to: e, label: x }
  - { from: c, to: e, label: yy }
  - { from: d, to: e, label: zzz }
`;

/** the CJK flow with lanes, a self-loop and an edge back up. */
export const FLOW_TXT = `售后流程

       ┌──────────┐
       │ 客户报修 │
       │  [客户]  │
       └─────┬────┘
             │
             ▼
┌────────────────────────┐
│   记录报修信息并生成   │
│ 一个很长很长的工单编号 │
│       [客服中心]       │
│         ↻ 重试         │
└────────┬───────────────┘
         │       ▲
         │     ┌─┘
         └──┐  │
            │  │ 否
            ▼  │
         ┌─────┴──┐
         │ 通过?  │
         │ [客户] │
         └────┬───┘
              │
              │ 是（30）
              ▼
        ┌───────────┐
        │ Done 完成 │
        └───────────┘

图例
  （数字）：经过该路径的客户数
`;

/** the lifecycle with counts, shares, initial/final tags, rates and a loop. */
export const LIFE_TXT = `Tiers

┌───────────────┐
│   潜在客户    │
│ 5 000 · 80.6% │
└───────┬───────┘
        │
        │ 首次购买 12%
        ▼
┌───────────────┐
│    Active     │
│ 1 200 · 19.4% │
│ （起始状态）  │
│    ↻ renew    │
└─────┬─────────┘
      │    ▲
8.25% │    │
      │    │ win back
      ▼    │
 ┌─────────┴────┐
 │     Lost     │
 │ （终止状态） │
 └──────────────┘

图例
  人数 · 百分比：占在册客户的比例
  （终止状态）：另计，不占比例
`;

/** the two-persona journey with an empty stage. */
export const JOURNEY_TXT = `旅程

┌──────────┬─────────────────────────────┬──────────────┬────────────┐
│ 阶段     │ 步骤                        │ 情绪：李女士 │ 情绪：Wang │
├──────────┼─────────────────────────────┼──────────────┼────────────┤
│ 意识阶段 │ 看到社交媒体广告            │ 3 ███░░      │ 5 █████    │
│          │ Read reviews on a very long │ 4 ████░      │ 4 ████░    │
│          │ web page with many words    │              │            │
├──────────┼─────────────────────────────┼──────────────┼────────────┤
│ Empty    │ —                           │              │            │
├──────────┼─────────────────────────────┼──────────────┼────────────┤
│ 购买     │ 在线付款                    │ 1 ░░░░░      │            │
└──────────┴─────────────────────────────┴──────────────┴────────────┘

图例
  █ 情绪分数，满格为最好
`;

/** a fan-out whose labels are blocked on both sides (dotted leaders). */
export const FAN_TXT = ` ┌───┐
 │ A │
 └┬┬┬┘
  │││
  │├┼──────┐
  │└┼──────┼────────┐
  │ └──────┼────────┼──────┐
  │········│········│······│ first label
  │        │ second │      │
  │        │        │······│ third one
  ▼        ▼        ▼      │
┌───┐    ┌───┐    ┌───┐    │
│ B │    │ C │    │ D │    │
└─┬─┘    └─┬─┘    └─┬─┘    │
  │        │        │      │
  │        └───┐    │      │
  │            ├────┘      │
  │            │┌──────────┘
  └───────────┐││
              │││ skip
            x │││
              │││yy
              │││zzz
              ▼▼▼
             ┌───┐
             │ E │
             └───┘
`;

/** the flow diff of test/diff/fixtures.ts. */
export const FLOW_DIFF_TXT = `Order handling v2

   ┌───────────────┐
   │ Order placed  │
   │ [Online shop] │
   └─────┬────┬────┘
         │    │
         │    └────────┐
         │ -           │
         ▼             │
┌─────────────────┐    │
│ - Quality check │    │
│   [Warehouse]   │    │
└────────┬────────┘    │
         │             │
         └──┐          │
            │       ┌──┘
            │ -     │
            │       │ +
            ▼       ▼
   ┌────────────────────────┐
   │ ~ Pack and label goods │
   │   (was: Pack goods)    │
   │      [Warehouse]       │
   └────────┬───────┬───────┘
            │       │
            │       └─────┐
            │ +           │
            ▼             │
   ┌─────────────────┐    │
   │ + Add gift card │    │
   │   [Warehouse]   │    │
   └────────┬────────┘    │
            │             │
            └────┐        │
                 │   ┌────┘
                 │ + │
                 │   │ ~ ok (80)
                 ▼   ▼
             ┌───────────┐
             │ ~ Shipped │
             │ [Courier] │
             └───────────┘

5 added, 3 removed, 5 changed   (+ added   - removed   ~ changed)
~ title: Order handling → Order handling v2
~ direction: TB → LR
`;

/** the journey diff of test/diff/fixtures.ts. */
export const JOURNEY_DIFF_TXT = `Buying

┌───┬────────┬─────────────────┬─────────────┬──────────────────┬───────────────┐
│   │ stage  │ step            │ emotion: Li │ emotion: Mr Wang │ emotion: Zhao │
├───┼────────┼─────────────────┼─────────────┼──────────────────┼───────────────┤
│ ~ │ Browse │ Search products │ -2 → +1     │ +1 ████░         │               │
│   │        │                 │ +1 ████░    │                  │               │
│ - │        │ Read reviews    │ (0 ███░░)   │ (0 ███░░)        │ (0 ███░░)     │
├───┼────────┼─────────────────┼─────────────┼──────────────────┼───────────────┤
│ ~ │ ~ Buy  │ Pay by card     │ -1 → +1     │ -1 → +1          │ -1 → +1       │
│   │        │                 │ +1 ████░    │ +1 ████░         │ +1 ████░      │
│ ~ │        │ Compare         │ +1 ████░    │ 0 ███░░          │               │
│ + │        │ Get receipt     │ +2 █████    │ +2 █████         │ +2 █████      │
│ + │        │ Wishlist        │ 0 ███░░     │ 0 ███░░          │ 0 ███░░       │
├───┼────────┼─────────────────┼─────────────┼──────────────────┼───────────────┤
│ - │ - Care │ Call hotline    │ (-2 ░░░░░)  │ (-2 ░░░░░)       │ (-2 ░░░░░)    │
└───┴────────┴─────────────────┴─────────────┴──────────────────┴───────────────┘

KPIs
┌───────┬────────────┬─────┬────────┬──────────────────┐
│ stage │ KPI        │ now │ target │ status           │
├───────┼────────────┼─────┼────────┼──────────────────┤
│ ~ Buy │ Conversion │ 40% │ 60%    │ × missed         │
│       │            │     │        │ higher is better │
└───────┴────────────┴─────┴────────┴──────────────────┘

4 added, 3 removed, 5 changed   (+ added   - removed   ~ changed)
`;

/** the lifecycle diff of test/diff/fixtures.ts. */
export const LIFE_DIFF_TXT = `Tiers

 ┌─────────────┐
 │     New     │
 │ 100 · 55.6% │
 │  (initial)  │
 └──────┬──────┘
        │
        │ ~ 15.5%
        ▼
 ┌────────────┐
 │  ~ Active  │
 │ 70 · 38.9% │
 └───┬──┬─────┘
     │  │  ▲
     │  └──┼───────┐
     │     └───────┼───┐
     │ -           │   │
     │   + Upgrade │   │
     │             │   │ +
     ▼             ▼   │
┌─────────┐    ┌───────┴───┐
│ - Lost  │    │   + VIP   │
│ (final) │    │ 10 · 5.6% │
└─────────┘    └───────────┘

3 added, 2 removed, 2 changed   (+ added   - removed   ~ changed)
`;

/** A Chinese journey with KPIs of every standing (met, near, missed; higher and lower is better; no number) and evidence. */
export const KPI_JOURNEY = `kind: journey
title: 信用卡申请旅程
stages:
  - id: apply
    label: 申请
    kpis:
      - { label: 审批时长, value: 3.2天, target: 1天, better: lower }
      - { label: 申请完成率, value: 72%, target: 70% }
    steps:
      - { label: 填写申请表, emotion: 2, evidence: assumption }
  - id: use
    label: 用卡
    kpis:
      - { label: 首月退卡率, value: 6%, target: 5%, better: lower }
      - { label: 激活率, value: 57%, target: 60% }
      - { label: 客户口碑, value: 良好 }
    steps:
      - { label: 首次刷卡, emotion: 4, evidence: data }
`;

export const KPI_JOURNEY_TXT_ZH = `信用卡申请旅程

┌──────┬────────────┬─────────┐
│ 阶段 │ 步骤       │ 情绪    │
├──────┼────────────┼─────────┤
│ 申请 │ 填写申请表 │ 2 █░░░░ │
│      │ [假设]     │         │
├──────┼────────────┼─────────┤
│ 用卡 │ 首次刷卡   │ 4 ████░ │
│      │ [数据]     │         │
└──────┴────────────┴─────────┘

关键指标
┌──────┬────────────┬───────┬──────┬──────────┐
│ 阶段 │ 指标       │ 当前  │ 目标 │ 达成     │
├──────┼────────────┼───────┼──────┼──────────┤
│ 申请 │ 审批时长   │ 3.2天 │ 1天  │ × 未达标 │
│      │            │       │      │ 越低越好 │
│      │ 申请完成率 │ 72%   │ 70%  │ ✓ 达标   │
│      │            │       │      │ 越高越好 │
├──────┼────────────┼───────┼──────┼──────────┤
│ 用卡 │ 首月退卡率 │ 6%    │ 5%   │ × 未达标 │
│      │            │       │      │ 越低越好 │
│      │ 激活率     │ 57%   │ 60%  │ ≈ 接近   │
│      │            │       │      │ 越高越好 │
│      │ 客户口碑   │ 良好  │ –    │ 越高越好 │
└──────┴────────────┴───────┴──────┴──────────┘

图例
  █ 情绪分数，满格为最好
  [数据]：有业务数据依据
  [假设]：未经验证（虚线框）
`;

/** The same map with `locale: en`: the words are English, the document's texts stay as written. */
export const KPI_JOURNEY_TXT_EN = `信用卡申请旅程

┌───────┬──────────────┬─────────┐
│ stage │ step         │ emotion │
├───────┼──────────────┼─────────┤
│ 申请  │ 填写申请表   │ 2 █░░░░ │
│       │ [assumption] │         │
├───────┼──────────────┼─────────┤
│ 用卡  │ 首次刷卡     │ 4 ████░ │
│       │ [data]       │         │
└───────┴──────────────┴─────────┘

KPIs
┌───────┬────────────┬───────┬────────┬──────────────────┐
│ stage │ KPI        │ now   │ target │ status           │
├───────┼────────────┼───────┼────────┼──────────────────┤
│ 申请  │ 审批时长   │ 3.2天 │ 1天    │ × missed         │
│       │            │       │        │ lower is better  │
│       │ 申请完成率 │ 72%   │ 70%    │ ✓ met            │
│       │            │       │        │ higher is better │
├───────┼────────────┼───────┼────────┼──────────────────┤
│ 用卡  │ 首月退卡率 │ 6%    │ 5%     │ × missed         │
│       │            │       │        │ lower is better  │
│       │ 激活率     │ 57%   │ 60%    │ ≈ near           │
│       │            │       │        │ higher is better │
│       │ 客户口碑   │ 良好  │ –      │ higher is better │
└───────┴────────────┴───────┴────────┴──────────────────┘

Legend
  █ emotion score, full bar = best
  [data]: backed by data
  [assumption]: not verified (dashed box)
`;
