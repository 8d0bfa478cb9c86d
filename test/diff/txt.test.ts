import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cells, checkBoxes } from '../support/txt-boxes.js';
import { fixture, jf } from '../support/cli.js';

const FLOW = `kind: flow
title: 客户售后服务流程
lanes:
  - { id: customer, label: 客户 }
  - { id: service, label: 客服中心 }
nodes:
  - { id: report, type: start, label: 客户报修, lane: customer }
  - { id: record, label: 客服记录报修信息并且生成一个很长很长的工单编号, lane: service }
  - { id: check, type: decision, label: 客户验收通过?, lane: customer }
  - { id: mixed, label: Mixed 中英文 label, lane: service }
  - { id: done, type: end, label: 客户满意离开, lane: customer }
edges:
  - report -> record -> check
  - { from: check, to: mixed, label: 否 }
  - { from: check, to: done, label: 是 }
  - { from: mixed, to: record, label: 重新处理 }
`;


describe('-f txt', () => {
  it('draws a Chinese flow as aligned boxes and arrows naming every node (build -f txt)', async () => {
    const dir = fixture({ 'after-sales.flow.yaml': FLOW });
    const r = await jf(['build', path.join(dir, 'after-sales.flow.yaml'), '-f', 'txt', '-o', '-']);
    expect(r.code, r.stderr).toBe(0);
    const { boxes, problems } = checkBoxes(r.stdout);
    expect(problems).toEqual([]);
    expect(boxes).toBe(5);
    const flat = r.stdout.replace(/[│\s]/g, '');
    for (const label of ['客户报修', '客服记录报修信息并且生成一个很长很长的工单编号', '客户验收通过?', 'Mixed中英文label', '客户满意离开']) expect(flat).toContain(label);
    expect(r.stdout).toMatch(/▼/);
    expect(r.stdout).toMatch(/▲/); // the edge back up to "record"
    for (const label of ['否', '是', '重新处理']) expect(r.stdout).toContain(label);
  });

  it('writes <name>.txt beside the input with build, and journeys as an aligned stage table', async () => {
    const dir = fixture({ 'j.journey.yaml': `kind: journey\ntitle: 旅程\nstages:\n  - id: a\n    label: 意识阶段\n    steps:\n      - { label: 看到社交媒体广告, emotion: 3 }\n      - { label: Read reviews, emotion: 4 }\n  - id: b\n    label: 购买\n    steps:\n      - { label: 在线付款, emotion: 1 }\n` });
    const r = await jf(['build', dir, '-f', 'txt']);
    expect(r.code, r.stderr).toBe(0);
    const text = fs.readFileSync(path.join(dir, 'j.journey.txt'), 'utf8');
    const table = text.split('\n').filter((l) => /^[│├┌└]/.test(l));
    const widths = new Set(table.map((l) => cells(l).length));
    expect(widths.size).toBe(1);
    expect(text).toMatch(/看到社交媒体广告\s+│ 3 /);
    expect(text).toMatch(/在线付款\s+│ 1 /);
  });

  it('marks a diff with +, - and ~ in the text picture', async () => {
    const oldFlow = FLOW;
    const newFlow = FLOW.replace('  - { id: mixed, label: Mixed 中英文 label, lane: service }\n', '  - { id: mixed, label: Mixed 中英文 label, lane: service }\n  - { id: gift, label: 赠送礼品, lane: service }\n')
      .replace('label: 客户报修,', 'label: 客户在线报修,')
      .replace('  - { from: check, to: done, label: 是 }', '  - { from: check, to: gift, label: 是 }\n  - gift -> done');
    const dir = fixture({ 'old.flow.yaml': oldFlow, 'new.flow.yaml': newFlow });
    const r = await jf(['diff', path.join(dir, 'old.flow.yaml'), path.join(dir, 'new.flow.yaml'), '-f', 'txt', '-o', '-']);
    expect(r.code, r.stderr).toBe(0);
    expect(checkBoxes(r.stdout).problems).toEqual([]);
    expect(r.stdout).toContain('+ 赠送礼品');
    expect(r.stdout).toContain('~ 客户在线报修');
    // A Chinese flow's diff speaks Chinese; --locale en turns it to English.
    expect(r.stdout).toContain('（原为：客户报修）');
    expect(r.stdout).toMatch(/- 是/);
    expect(r.stdout).toMatch(/\+ 是/);
    expect(r.stdout).toContain('新增 3，删除 1，修改 1   （+ 新增   - 删除   ~ 修改）');
    expect(r.stdout).not.toMatch(/added|removed|changed|was:/);
    const en = await jf(['diff', path.join(dir, 'old.flow.yaml'), path.join(dir, 'new.flow.yaml'), '-f', 'txt', '-o', '-', '--locale', 'en']);
    expect(en.stdout).toContain('(was: 客户报修)');
    expect(en.stdout).toContain('3 added, 1 removed, 1 changed   (+ added   - removed   ~ changed)');
  });
});
