/** Small diagrams whose geometry layout-pins.test.ts pins: a flow in every direction, with and without lanes, a lifecycle map and a journey. */
export const flowYaml = (direction: string, lanes: boolean): string => `kind: flow
id: f
direction: ${direction}
${lanes ? 'lanes:\n  - { id: c, label: 客户 }\n  - { id: k, label: 客服 }\n' : ''}nodes:
  - { id: s, type: start, label: 开始${lanes ? ', lane: c' : ''} }
  - { id: q, type: decision, label: 通过?${lanes ? ', lane: k' : ''} }
  - { id: e, type: end, label: 结束${lanes ? ', lane: c' : ''} }
edges:
  - s -> q
  - { from: q, to: e, label: 是 }
  - { from: q, to: s, label: 否 }
`;

export const lifecycleYaml = (direction: string): string => `kind: lifecycle
id: l
direction: ${direction}
states:
  - { id: p, label: 潜在客户, count: 50 }
  - { id: a, label: Active, count: 30 }
  - { id: x, label: Lost, final: true }
transitions:
  - { from: p, to: a, label: 首次购买, rate: 12% }
  - a -> x
  - { from: x, to: a, label: 挽回 }
`;

export const JOURNEY = `kind: journey
id: j
channels: [{ id: web, label: 官网 }]
stages:
  - id: a
    label: 了解
    kpis: [{ label: 触达, value: 35%, target: 50% }]
    steps:
      - { label: 看到广告, channels: [web], emotion: 4 }
      - { label: 比较价格, channels: [web], emotion: 2, pains: [价格不透明], opportunities: [比价工具] }
  - id: b
    label: 购买
    kpis: [{ label: 转化, value: 5% }]
    steps:
      - { label: 在线支付, channels: [web], emotion: 3 }
`;

/** The boxes, edge paths and emotion curves of an SVG, one line each, in document order. */
export function geometry(svg: string): string[] {
  const out: string[] = [`svg ${svg.match(/width="(\d+)" height="(\d+)"/)!.slice(1).join('x')}`];
  for (const m of svg.matchAll(/<g class="(jf-node|jf-lane|jf-stage)[^"]*"[^>]*data-id="([^"]+)"[^>]*>(?:\s*<title>[^<]*<\/title>)?\s*<(rect|polygon|ellipse|path)([^>]*)>/g)) {
    const a = [...m[4].matchAll(/ (x|y|width|height|points|d)="([^"]*)"/g)].map((x) => `${x[1]}=${x[2]}`);
    out.push(`${m[1]} ${m[2]} ${m[3]} ${a.join(' ')}`);
  }
  for (const m of svg.matchAll(/<g class="jf-edge[^"]*"[^>]*data-from="([^"]+)"[^>]*data-to="([^"]+)"[^>]*>(?:\s*<title>[^<]*<\/title>)?\s*<path[^>]* d="([^"]+)"/g)) out.push(`edge ${m[1]}>${m[2]} ${m[3]}`);
  for (const m of svg.matchAll(/<path class="jf-emotion"[^>]* d="([^"]+)"/g)) out.push(`emotion ${m[1]}`);
  return out;
}
