import path from 'node:path';
import { fixture } from '../support/cli.js';

/** Sources and a small site for the in-process plugin tests (*-inprocess.test.ts). */
export const FLOW = `kind: flow
title: 售后
nodes:
  - { id: s, type: start, label: 客户报修 }
  - { id: fix, type: subprocess, label: 上门维修, ref: repair.flow.yaml }
  - { id: e, type: end, label: 结束 }
edges:
  - s -> fix -> e
`;
export const REPAIR = `kind: flow
title: 上门维修
nodes:
  - { id: s, type: start, label: 出发 }
  - { id: e, type: end, label: 完成 }
edges:
  - s -> e
`;
export const BROKEN = 'kind: flow\nnodes:\n  - { id: a, type: start, label: A }\n  - { id: b, type: end, label: B }\nedges:\n  - a -> c\n';
/** Valid, with one warning (dead-end) on its line 5, column 11. */
export const LIFECYCLE_WARN = `kind: lifecycle
title: Tiers
states:
  - { id: new, label: New }
  - { id: vip, label: VIP }
transitions:
  - { from: new, to: vip, label: up }
`;

export function site(page = '') {
  const root = fixture({ 'docs/page.md': page, 'docs/diagrams/after-sales.flow.yaml': FLOW, 'docs/diagrams/repair.flow.yaml': REPAIR, 'secret.flow.yaml': REPAIR });
  const docs = path.join(root, 'docs');
  return { root, docs, file: path.join(docs, 'page.md'), options: { root: docs, cache: path.join(root, 'cache'), fsPath: 'public/jf' } };
}
