/** Diagrams the language-server tests open: a flow with lanes, a subprocess and chains, a journey, a funnel. */
export const FLOW = `kind: flow
title: 客户售后服务流程
lanes:
  - { id: customer, label: 客户 }
  - { id: service, label: 客服中心 }
nodes:
  - { id: report, type: start, label: 客户报修, lane: customer }
  - { id: record, label: 客服记录报修信息, lane: service, metrics: { duration: 10m, volume: 1200 } }
  - { id: repair, type: subprocess, label: 上门维修, lane: service, ref: onsite.flow.yaml }
  - { id: done, type: end, label: 客户满意离开, lane: customer }
edges:
  - report -> record -> repair
  - { from: repair, to: done }
`;

export const ONSITE = `kind: flow
title: 上门维修流程
nodes:
  - { id: go, type: start, label: 出发 }
  - { id: back, type: end, label: 返回 }
edges:
  - go -> back
`;

export const JOURNEY = `kind: journey
title: 购买旅程
personas:
  - { id: li, name: 李女士 }
  - { id: wang, name: 王先生 }
channels:
  - { id: web, label: 官网 }
  - { id: store, label: 实体店 }
stages:
  - id: buy
    label: 购买
    kpis: [{ label: 转化率, value: 5% }]
    steps:
      - label: 下单
        channels: [web]
        emotion: { li: 4, wang: 3 }
        flow: onsite.flow.yaml
`;

export const FUNNEL = `kind: funnel
title: 漏斗
segments:
  - { id: online, label: 线上 }
  - { id: shop, label: 门店 }
stages:
  - { id: visit, label: 访问, segments: { online: 100, shop: 50 } }
  - { id: pay, label: 购买, count: 30 }
`;
