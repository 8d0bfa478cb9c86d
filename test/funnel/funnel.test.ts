/*
 * kind: funnel — the conversion funnel of seeds 000 and 003: model (counts from segments,
 * conversion, drop, largest drop, target), rules at the right line, the picture's geometry
 * (bars as wide as their share, centred, text in its column) and the Mermaid flowchart.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkSource, drawDocument } from '../../src/compile.js';
import type { FunnelModel } from '../../src/kinds/funnel/model.js';
import type { Scene, SceneItem } from '../../src/scene/types.js';
import { ROOT } from '../support/cli.js';

const EXAMPLE = path.join(ROOT, 'examples', 'first-purchase.funnel.yaml');
const SMALL = `kind: funnel
id: signup
title: Sign-up funnel
unit: customers
stages:
  - { id: visit, label: Visit, count: 1000 }
  - { id: form, label: Open form, count: 400, target: 50% }
  - { id: done, label: Signed up, count: 300, target: 70 }
`;

function check(yaml: string) {
  return checkSource(yaml, { file: 'test.funnel.yaml' });
}
function model(yaml: string): FunnelModel {
  const r = check(yaml);
  expect(r.documents[0]?.ok, JSON.stringify(r.diagnostics)).toBe(true);
  return r.documents[0].model as FunnelModel;
}
async function scene(yaml: string): Promise<Scene> {
  const r = check(yaml);
  return (await drawDocument(r.documents[0])).scene;
}
function groups(items: readonly SceneItem[], cls: string): Array<Extract<SceneItem, { type: 'group' }>> {
  const out: Array<Extract<SceneItem, { type: 'group' }>> = [];
  for (const it of items) if (it.type === 'group') { if (it.className?.split(' ').includes(cls)) out.push(it); out.push(...groups(it.children, cls)); }
  return out;
}

describe('funnel model', () => {
  it('computes conversion and drop per step, the largest drop and the overall conversion', () => {
    const m = model(SMALL);
    expect(m.steps.map((s) => [s.from, s.to, s.conversion, s.drop])).toEqual([['visit', 'form', 40, 600], ['form', 'done', 75, 100]]);
    expect(m.steps.map((s) => s.belowTarget)).toEqual([true, false]);
    expect(m.largestDrop).toBe(0);
    expect(m.overall).toBe(30);
  });

  it('sums segment counts into the stage count when no count is written', () => {
    const m = model(fs.readFileSync(EXAMPLE, 'utf8'));
    expect(m.stages.map((s) => s.count)).toEqual([12000, 9400, 4200, 2700, 2520]);
    expect(m.stages[0].segments).toEqual([{ id: 'online', count: 8200 }, { id: 'store', count: 3800 }]);
    expect(m.steps[m.largestDrop!]).toMatchObject({ from: 'browse', to: 'consult', drop: 5200 });
  });
});

describe('funnel rules', () => {
  const diag = (yaml: string) => check(yaml).diagnostics.map((d) => `${d.line}:${d.column} ${d.severity} ${d.rule}`);
  it('duplicate-id points at the second stage id', () => {
    expect(diag(SMALL.replace('id: form', 'id: visit'))).toContain('7:11 error duplicate-id');
  });
  it('missing-count asks for a count or segments', () => {
    const r = check(SMALL.replace(', count: 400', ''));
    expect(r.diagnostics.map((d) => [d.line, d.rule])).toContainEqual([7, 'missing-count']);
    expect(r.documents[0].ok).toBe(false);
  });
  it('unknown-reference names an undeclared segment at its key, with a did-you-mean', () => {
    const yaml = 'kind: funnel\nsegments:\n  - { id: online, label: Online }\nstages:\n  - id: a\n    label: A\n    segments: { onlne: 5 }\n';
    const d = check(yaml).diagnostics;
    expect(d.map((x) => `${x.line}:${x.column} ${x.rule}`)).toEqual(['7:17 unknown-reference']);
    expect(d[0].message).toContain('did you mean "online"');
  });
  it('count-mismatch warns when segments do not add up to the written count', () => {
    const yaml = 'kind: funnel\nsegments:\n  - { id: a, label: A }\n  - { id: b, label: B }\nstages:\n  - { id: s, label: S, count: 10, segments: { a: 3, b: 4 } }\n';
    expect(diag(yaml)).toEqual(['6:31 warning count-mismatch']);
  });
  it('funnel-widens warns at a stage that counts more than the one before', () => {
    expect(diag(SMALL.replace('count: 300', 'count: 500'))).toEqual(['8:42 warning funnel-widens']);
  });
  it('the example passes every rule', () => {
    expect(check(fs.readFileSync(EXAMPLE, 'utf8')).diagnostics).toEqual([]);
  });
});

describe('funnel picture', () => {
  it('draws one jf-node per stage and one jf-edge per step, with counts and conversion as data', async () => {
    const s = await scene(SMALL);
    expect(groups(s.items, 'jf-node').map((g) => [g.attrs?.['data-id'], g.attrs?.['data-count']])).toEqual([['visit', '1000'], ['form', '400'], ['done', '300']]);
    expect(groups(s.items, 'jf-edge').map((g) => [g.attrs?.['data-from'], g.attrs?.['data-to'], g.attrs?.['data-conversion'], g.attrs?.['data-below-target']])).toEqual([
      ['visit', 'form', '40', 'true'], ['form', 'done', '75', undefined],
    ]);
    expect(groups(s.items, 'jf-largest-drop').map((g) => g.attrs?.['data-from'])).toEqual(['visit']);
  });

  it('makes each bar as wide as its share of the widest stage, centred on one axis', async () => {
    const s = await scene(SMALL);
    const bars = groups(s.items, 'jf-bar').map((g) => g.children.find((c) => c.className === 'jf-bar-box') as Extract<SceneItem, { type: 'rect' }>);
    const widest = bars[0].w;
    expect(bars.map((b) => Number((b.w / widest).toFixed(2)))).toEqual([1, 0.4, 0.3]);
    const centres = bars.map((b) => Number((b.x + b.w / 2).toFixed(1)));
    expect(new Set(centres).size).toBe(1);
    for (let i = 1; i < bars.length; i++) expect(bars[i].y).toBeGreaterThan(bars[i - 1].y + bars[i - 1].h);
  });

  it('keeps every text inside the picture and captions in the labels\' language', async () => {
    const s = await scene(fs.readFileSync(EXAMPLE, 'utf8'));
    const texts: Array<Extract<SceneItem, { type: 'text' }>> = [];
    const walk = (items: readonly SceneItem[]) => { for (const it of items) { if (it.type === 'text') texts.push(it); if (it.type === 'group') walk(it.children); } };
    walk(s.items);
    for (const t of texts) { expect(t.x).toBeGreaterThanOrEqual(0); expect(t.x).toBeLessThan(s.width); expect(t.y).toBeLessThan(s.height); }
    const all = texts.flatMap((t) => t.lines).join('\n');
    expect(all).toContain('↓ 转化\u00a044.7% · 流失\u00a05\u00a0200人');
    expect(all).toContain('目标 60% · 未达标 · 最大流失');
    expect(all).toContain('总转化率 21%');
    expect(groups(s.items, 'jf-bar').map((g) => g.children.filter((c) => c.className === 'jf-segment').length)).toEqual([2, 2, 2, 2, 2]);
    expect(groups(s.items, 'jf-legend')[0].children.filter((c) => c.type === 'text').flatMap((c) => (c as { lines: string[] }).lines)).toEqual(['线上商城', '实体门店']);
  });
});

describe('funnel Mermaid', () => {
  it('is a top-down flowchart with one box per stage and the conversion on each arrow', async () => {
    const r = check(SMALL);
    const mmd = await r.documents[0].definition.toMermaid(r.documents[0].model);
    expect(mmd.split('\n').slice(1, 7)).toEqual([
      'flowchart TB',
      '  s_visit["Visit<br/>1,000\u00a0customers"]',
      '  s_form["Open form<br/>400\u00a0customers"]',
      '  s_done["Signed up<br/>300\u00a0customers"]',
      '  s_visit -->|"40#37;\u00a0continue<br/>600\u00a0customers\u00a0lost<br/>target 50#37;"| s_form',
      '  linkStyle 0 stroke:#d64545,stroke-width:2px',
    ]);
  });
});

describe('funnel text picture', () => {
  const SEGMENTED = `kind: funnel
title: 开卡漏斗
period: 2024 年第三季度
unit: 人
segments:
  - { id: app, label: 手机银行 }
  - { id: branch, label: 网点 }
stages:
  - { id: apply, label: 提交申请, segments: { app: 600, branch: 400 } }
  - { id: pass, label: 审批通过, segments: { app: 300, branch: 200 }, target: 60% }
`;
  const txtOf = async (yaml: string) => { const r = check(yaml); return (await r.documents[0].definition.toText(r.documents[0].model)).join('\n'); };

  it('splits each bar into its segments by shade, keyed under the picture, with the period and overall conversion as the SVG writes them', async () => {
    expect(await txtOf(SEGMENTED)).toBe([
      '开卡漏斗', '', '2024 年第三季度 · 总转化率 50%', '',
      '提交申请  ██████████████████▓▓▓▓▓▓▓▓▓▓▓▓ 1\u00a0000人',
      '          ↓ 转化\u00a050% · 流失\u00a0500人 · 目标 60% · 未达标 · 最大流失',
      '审批通过  █████████▓▓▓▓▓▓                500人',
      '', '图例', '  █ 手机银行', '  ▓ 网点',
    ].join('\n'));
    const en = await txtOf(`locale: en\n${SEGMENTED}`);
    expect(en).toContain('2024 年第三季度 · 50% overall conversion');
    expect(en).toContain('\nLegend\n  █ 手机银行\n  ▓ 网点');
  });

  it('draws plain bars and no key without segments', async () => {
    const txt = await txtOf(SMALL);
    expect(txt).not.toMatch(/[▓▒░]|Legend/);
    expect(txt).toContain('Visit      ██████████████████████████████ 1,000\u00a0customers');
  });
});
