/** Small old/new pairs of every kind for the in-process diff tests (each change listed beside it). */

// Flow: title and direction changed; lane `shop` relabelled, lane `post` added; node `check`
// removed, `gift` added, `pack` changed in four fields, `done` moved to another lane; edge
// pack → done changed volume; three edges added, two removed.
export const FLOW_OLD = `kind: flow
id: orders
title: Order handling
direction: TB
lanes:
  - { id: shop, label: Shop }
  - { id: stock, label: Warehouse }
nodes:
  - { id: start, type: start, label: Order placed, lane: shop }
  - { id: check, label: Quality check, lane: stock }
  - { id: pack, label: Pack goods, lane: stock, owner: Ann, metrics: { duration: 10m } }
  - { id: done, type: end, label: Shipped, lane: shop }
edges:
  - start -> check -> pack
  - { from: pack, to: done, label: ok, volume: 100 }
`;

export const FLOW_NEW = `kind: flow
id: orders
title: Order handling v2
direction: LR
lanes:
  - { id: shop, label: Online shop }
  - { id: stock, label: Warehouse }
  - { id: post, label: Courier }
nodes:
  - { id: start, type: start, label: Order placed, lane: shop }
  - { id: pack, label: Pack and label goods, lane: stock, owner: Bob, metrics: { duration: 15m }, pains: [Slow tape] }
  - { id: gift, label: Add gift card, lane: stock }
  - { id: done, type: end, label: Shipped, lane: post }
edges:
  - start -> pack -> gift -> done
  - { from: pack, to: done, label: ok, volume: 80 }
`;

// Journey with two personas on a -2..+2 scale: persona `wang` renamed, persona `zhao` added;
// channel `app` added; stage `buy` gets a KPI target and a new volume; step `search` (by id)
// changes its label and li's score; `compare` (by id) moves from browse to buy; "Pay online"
// (no id, same stage and place) becomes "Pay by card" with a better plain score; the id-less
// "Read reviews" is removed while a new step takes its generated id `browse-2` (so the removed
// one is drawn as `browse-2-removed`); "Get receipt" is added; stage `care` is removed with its step.
export const JOURNEY_OLD = `kind: journey
id: buying
title: Buying
scale: { min: -2, max: 2 }
personas:
  - { id: li, name: Li }
  - { id: wang, name: Wang }
channels:
  - { id: web, label: Website }
stages:
  - id: browse
    label: Browse
    steps:
      - { id: search, label: Search, channels: [web], emotion: { li: -2, wang: 1 } }
      - { label: Read reviews, emotion: 0 }
      - { id: compare, label: Compare, emotion: { li: 1, wang: 0 } }
  - id: buy
    label: Buy
    kpis: [{ label: Conversion, value: 40% }]
    volume: 100
    steps:
      - { label: Pay online, emotion: -1 }
  - id: care
    label: Care
    steps:
      - { label: Call hotline, emotion: -2 }
`;

export const JOURNEY_NEW = `kind: journey
id: buying
title: Buying
scale: { min: -2, max: 2 }
personas:
  - { id: li, name: Li }
  - { id: wang, name: Mr Wang }
  - { id: zhao, name: Zhao }
channels:
  - { id: web, label: Website }
  - { id: app, label: App }
stages:
  - id: browse
    label: Browse
    steps:
      - { id: search, label: Search products, channels: [web], emotion: { li: 1, wang: 1 } }
  - id: buy
    label: Buy
    kpis: [{ label: Conversion, value: 40%, target: 60% }]
    volume: 80
    steps:
      - { label: Pay by card, emotion: 1 }
      - { id: compare, label: Compare, emotion: { li: 1, wang: 0 } }
      - { label: Get receipt, channels: [app], emotion: 2 }
      - { id: browse-2, label: Wishlist, emotion: 0 }
`;

// Lifecycle: state `vip` added, `lost` removed (it was final), `active` changed count and
// criteria; transition new → active changed its rate, two added, one removed.
export const LIFE_OLD = `kind: lifecycle
id: tiers
title: Tiers
states:
  - { id: new, label: New, count: 100 }
  - { id: active, label: Active, count: 50, criteria: bought once }
  - { id: lost, label: Lost, final: true }
transitions:
  - { from: new, to: active, rate: 12% }
  - active -> lost
`;

export const LIFE_NEW = `kind: lifecycle
id: tiers
title: Tiers
states:
  - { id: new, label: New, count: 100 }
  - { id: active, label: Active, count: 70, criteria: [bought once, visited] }
  - { id: vip, label: VIP, count: 10 }
transitions:
  - { from: new, to: active, rate: 15.5% }
  - { from: active, to: vip, label: Upgrade }
  - vip -> active
`;
