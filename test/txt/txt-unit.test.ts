/**
 * `-f txt` in process (each kind's `toText` through src/render/txt/index.ts, a diff's through
 * src/diff/txt.ts): the plain-text picture of every kind byte for byte,
 * CJK as two columns, every flow direction, text that would break the grid, and the diff pictures.
 */
import { describe, expect, it } from 'vitest';
import { FLOW_NEW, FLOW_OLD, JOURNEY_NEW, JOURNEY_OLD, LIFE_NEW, LIFE_OLD } from '../diff/fixtures.js';
import { diffTxtOf, model, txtOf } from '../support/inprocess.js';
import * as P from './pictures.js';
import { cells, checkBoxes } from '../support/txt-boxes.js';


describe('plain-text picture of a flow', () => {
  it('draws boxes and arrows with CJK counted as two columns, lanes, labels, volumes and loops', async () => {
    const txt = await txtOf(model(P.CJK_FLOW));
    expect(txt).toBe(P.FLOW_TXT);
    expect(checkBoxes(txt)).toEqual({ boxes: 4, problems: [] });
    // The 20-character label wraps within 24 columns between Chinese words, not in the middle of 很长.
    expect(txt).toContain('│   记录报修信息并生成   │\n│ 一个很长很长的工单编号 │');
    expect(txt).toContain('↻ 重试');
    expect(txt).toContain('│ 是（30）'); // the volume in Chinese brackets, as the legend's key writes it
    expect(txt).toContain('图例\n  （数字）：经过该路径的客户数');
    expect(txt.match(/▲/g)).toHaveLength(1); // 否 goes back up into the record box
  });

  it('reads top to bottom whatever the direction, so a terminal never scrolls sideways', async () => {
    for (const direction of ['LR', 'BT', 'RL']) expect(await txtOf(model(P.CJK_FLOW.replace('direction: TB', `direction: ${direction}`)))).toBe(P.FLOW_TXT);
    expect(await txtOf(model(P.CJK_FLOW.replace('direction: TB\n', '')))).toBe(P.FLOW_TXT);
  });

  it('puts a label that has no room beside its line past every line, with a dotted leader', async () => {
    const txt = await txtOf(model(P.FAN));
    expect(txt).toBe(P.FAN_TXT);
    expect(txt).toContain('│········│········│······│ first label');
    expect(checkBoxes(txt)).toEqual({ boxes: 5, problems: [] });
  });

  it('drops control and zero-width characters, breaks lines at newlines, and has no title line without a title', async () => {
    const txt = await txtOf(model('kind: flow\nnodes:\n  - { id: a, type: start, label: "x\\u200by\\u0301\\t ok" }\n  - { id: b, type: end, label: "line one\\nline two" }\nedges:\n  - a -> b\n'));
    expect(txt).toBe('  ┌───────┐\n  │ xy ok │\n  └───┬───┘\n      │\n      ▼\n┌──────────┐\n│ line one │\n│ line two │\n└──────────┘\n');
  });

  it('breaks a long word and keeps lines of words within 24 columns', async () => {
    const txt = await txtOf(model(`kind: flow\nnodes:\n  - { id: a, type: start, label: ${'x'.repeat(30)} }\n  - { id: b, type: end, label: one two three four five six seven }\nedges:\n  - a -> b\n`));
    // Lines come out balanced: a 30-character word as 15 + 15, not 24 + 6.
    expect(txt).toContain(`│ ${'x'.repeat(15)} │\n  │ ${'x'.repeat(15)} │`);
    expect(txt).toContain('│ one two three four │\n│   five six seven   │');
  });
});

describe('plain-text picture of a lifecycle map and a journey', () => {
  it('shows each state with its count, share and tags, each transition with label and rate', async () => {
    const txt = await txtOf(model(P.LIFE, { lenient: true }));
    expect(txt).toBe(P.LIFE_TXT);
    expect(txt).toContain('│ 5\u00a0000 · 80.6% │'); // grouped the Chinese way
    expect(txt).toContain('│ 首次购买 12%');
    expect(txt).toContain('\n8.25% │'); // no room right of the line: the label goes left of it
    expect(txt).toContain('│ （终止状态） │'); // tags in the reader's brackets
    expect(checkBoxes(txt)).toEqual({ boxes: 3, problems: [] });
  });

  it('draws a journey as an aligned stage table with one emotion column per persona', async () => {
    const txt = await txtOf(model(P.JOURNEY, { lenient: true }));
    expect(txt).toBe(P.JOURNEY_TXT);
    const table = txt.split('\n').filter((l) => /^[│├┌└]/.test(l));
    expect(new Set(table.map((l) => cells(l).length))).toEqual(new Set([70]));
    expect(txt).toContain('│ 意识阶段 │ 看到社交媒体广告            │ 3 ███░░      │ 5 █████    │');
    expect(txt).toContain('│ Empty    │ —                           │');
  });

  it('lists every stage\'s KPIs with value, target, met / near / missed and which way is better, in the reader\'s language', async () => {
    const zh = await txtOf(model(P.KPI_JOURNEY, { lenient: true }));
    expect(zh).toBe(P.KPI_JOURNEY_TXT_ZH);
    expect(zh).toContain('│ 申请 │ 审批时长   │ 3.2天 │ 1天  │ × 未达标 │\n│      │            │       │      │ 越低越好 │');
    expect(zh).toContain('│      │ 激活率     │ 57%   │ 60%  │ ≈ 接近   │');
    expect(zh).toContain('│      │ 客户口碑   │ 良好  │ –    │ 越高越好 │'); // no number: no standing, only the direction
    // The legend keys what the text picture encodes: the bar, and the evidence tags under the steps.
    expect(zh).toContain('│      │ [假设]     │');
    expect(zh.split('图例\n')[1]).toBe('  █ 情绪分数，满格为最好\n  [数据]：有业务数据依据\n  [假设]：未经验证（虚线框）\n');
    const en = await txtOf(model(`locale: en\n${P.KPI_JOURNEY}`, { lenient: true }));
    expect(en).toBe(P.KPI_JOURNEY_TXT_EN);
    expect(en).toContain('KPIs\n┌───────┬────────────┬───────┬────────┬──────────────────┐\n│ stage │ KPI        │ now   │ target │ status           │');
    expect(en).toContain('│       │ 申请完成率 │ 72%   │ 70%    │ ✓ met            │\n│       │            │       │        │ higher is better │');
    // Without the KPI row (lanes:) or with legend: false, neither table nor keys.
    const bare = await txtOf(model(`lanes: [steps, emotion]\nlegend: false\n${P.KPI_JOURNEY}`, { lenient: true }));
    expect(bare).not.toMatch(/关键指标|图例/);
  });

  it('leaves the emotion column out when no step has a score, and signs scores on a scale below zero', async () => {
    expect(await txtOf(model('kind: journey\nstages:\n  - id: a\n    steps:\n      - { label: "Tab\\there" }\n'))).toBe('┌───────┬──────────┐\n│ stage │ step     │\n├───────┼──────────┤\n│ a     │ Tab here │\n└───────┴──────────┘\n');
    const signed = await txtOf(model('kind: journey\nscale: { min: -2, max: 2 }\nstages:\n  - id: a\n    steps:\n      - { label: up, emotion: 2 }\n      - { label: down, emotion: -1.5 }\n      - { label: flat, emotion: 0 }\n'));
    expect(signed).toContain('│ a     │ up   │ +2 █████   │\n│       │ down │ -1.5 █░░░░ │\n│       │ flat │ 0 ███░░    │');
  });
});

describe('plain-text picture of a diff', () => {
  it('marks a flow diff with +, - and ~, old labels and document changes under the picture', async () => {
    const txt = await diffTxtOf(model(FLOW_OLD), model(FLOW_NEW));
    expect(txt).toBe(P.FLOW_DIFF_TXT);
    expect(txt).toContain('│ ~ Pack and label goods │\n   │   (was: Pack goods)    │');
    expect(txt.split('\n').slice(-4)).toEqual(['5 added, 3 removed, 5 changed   (+ added   - removed   ~ changed)', '~ title: Order handling → Order handling v2', '~ direction: TB → LR', '']);
  });

  it('marks a journey diff per step and stage, with old and new score per persona', async () => {
    const txt = await diffTxtOf(model(JOURNEY_OLD), model(JOURNEY_NEW));
    expect(txt).toBe(P.JOURNEY_DIFF_TXT);
    expect(txt).toContain('│ ~ │ ~ Buy  │ Pay by card     │ -1 → +1     │ -1 → +1          │ -1 → +1       │');
    expect(txt).toContain('│ - │ - Care │ Call hotline    │ (-2 ░░░░░)  │');
  });

  it('marks a lifecycle diff, rates of changed transitions included', async () => {
    const txt = await diffTxtOf(model(LIFE_OLD), model(LIFE_NEW));
    expect(txt).toBe(P.LIFE_DIFF_TXT);
    expect(txt).toContain('│ ~ 15.5%');
    expect(txt).toContain('│ - Lost  │');
  });

  it('shows a score that appears or disappears as — on the other side', async () => {
    const j = (e: string) => model(`kind: journey\ntitle: J\nstages:\n  - id: s\n    label: S\n    steps:\n      - { id: a, label: A${e} }\n      - { id: b, label: B, emotion: 3 }\n`);
    expect(await diffTxtOf(j(''), j(', emotion: 2'))).toContain('│ ~ │ S     │ A    │ — → 2   │\n│   │       │      │ 2 █░░░░ │');
    expect(await diffTxtOf(j(', emotion: 2'), j(''))).toContain('│ ~ │ S     │ A    │ 2 → —   │');
    expect(await diffTxtOf(j(''), j(''))).toBe('J\n\n┌───┬───────┬──────┬─────────┐\n│   │ stage │ step │ emotion │\n├───┼───────┼──────┼─────────┤\n│   │ S     │ A    │         │\n│   │       │ B    │ 3 ███░░ │\n└───┴───────┴──────┴─────────┘\n\nno changes   (+ added   - removed   ~ changed)\n');
  });
});
