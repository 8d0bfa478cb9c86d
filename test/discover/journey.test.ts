/*
 * `discover --journey survey.csv --into x.journey.yaml`: the mean score per step and persona goes
 * into the journey's emotions; the rest of the file — comments, order, other fields — stays.
 */
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { checkSource } from '../../src/compile.js';
import { fixture, jf } from '../support/cli.js';

const JOURNEY = `# 订阅服务旅程 — hand-written notes that must survive
kind: journey
title: 生鲜订阅
scale: { min: -2, max: 2 }
personas:
  - { id: chen, name: 陈小姐 }
  - { id: zhao, name: 赵老师 }
stages:
  - id: discover
    label: 发现
    steps:
      - { label: 看到广告, thought: 试试也不亏 }   # the first touch
      - id: compare
        label: 比较套餐
        emotion: { chen: 1, zhao: 0 }
  - id: pay
    label: 支付
    steps:
      - label: 绑卡付款
        pains: [验证码太多]   # keep me
`;

const ONE_PERSONA = 'kind: journey\ntitle: Onboarding\nstages:\n  - id: start\n    label: Start\n    steps:\n      - { id: sign-up, label: Sign up }\n      - { label: First login }\n';

describe('discover --journey', () => {
  let dir: string;
  const file = (name: string) => path.join(dir, name);
  const read = (name: string) => fs.readFileSync(file(name), 'utf8');
  beforeAll(() => {
    dir = fixture({
      'sub.journey.yaml': JOURNEY,
      'survey.csv': 'respondent,stage,step,score,persona\nr1,discover,看到广告,1,chen\nr2,发现,看到广告,2,chen\nr3,discover,看到广告,-1,赵老师\nr1,discover,compare,0,chen\nr4,pay,绑卡付款,-2,zhao\nr5,pay,pay-1,-1,zhao\nr6,pay,绑卡付款,2,chen\n',
      'one.journey.yaml': ONE_PERSONA,
      'one.csv': 'respondent,stage,step,score\n1,start,sign-up,4\n2,start,sign-up,5\n3,Start,First login,2\n',
      'unknown-step.csv': 'respondent,stage,step,score,persona\nr1,discover,看到广告,1,chen\nr2,discover,退款,1,chen\n',
      'out-of-scale.csv': 'respondent,stage,step,score,persona\nr1,discover,看到广告,5,chen\n',
      'twice.csv': 'respondent,stage,step,score,persona\nr1,discover,看到广告,1,chen\nr1,discover,看到广告,2,chen\n',
    });
  });

  it('fills each step\'s emotion with the mean per persona and responses with n, and keeps the rest of the file', async () => {
    const r = await jf(['discover', '--journey', 'survey.csv', '--into', 'sub.journey.yaml'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('3 steps from 7 answers');
    const text = read('sub.journey.yaml');
    const doc = YAML.parse(text);
    expect(doc.stages[0].steps[0].emotion).toEqual({ chen: 1.5, zhao: -1 });
    expect(doc.stages[0].steps[1].emotion).toEqual({ chen: 0, zhao: 0 }); // zhao's 0 was written by hand: kept
    expect(doc.stages[1].steps[0].emotion).toEqual({ chen: 2, zhao: -1.5 });
    expect(doc.stages.flatMap((st: any) => st.steps.map((x: any) => x.responses))).toEqual([{ chen: 2, zhao: 1 }, { chen: 1 }, { chen: 1, zhao: 2 }]);
    expect(text).toContain('label: 比较套餐\n        emotion: { chen: 0, zhao: 0 }\n        responses: { chen: 1 }');
    expect(doc.stages[0].steps[0].thought).toBe('试试也不亏');
    for (const kept of ['# 订阅服务旅程 — hand-written notes that must survive', '# the first touch', '# keep me', 'scale: { min: -2, max: 2 }']) expect(text).toContain(kept);
    expect(text).toContain('# emotion from survey.csv\n');
    expect(checkSource(text, { file: 'sub.journey.yaml' }).diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    // Run again: the note is replaced, not repeated.
    expect((await jf(['discover', '--journey', 'survey.csv', '--into', 'sub.journey.yaml', '-q'], { cwd: dir })).code).toBe(0);
    expect(read('sub.journey.yaml').match(/emotion from survey\.csv/g)?.length).toBe(3);
  });

  it('writes a plain number when the journey has one persona, to -o when given (the --into file untouched)', async () => {
    const r = await jf(['discover', '--journey', 'one.csv', '--into', 'one.journey.yaml', '-o', 'filled.journey.yaml', '-q'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(read('one.journey.yaml')).toBe(ONE_PERSONA);
    const doc = YAML.parse(read('filled.journey.yaml'));
    expect(doc.stages[0].steps.map((s: any) => [s.emotion, s.responses])).toEqual([[4.5, 2], [2, 1]]);
  });

  it('shows n in the step\'s tooltip of the built SVG, per persona by name', async () => {
    const r = await jf(['discover', '--journey', 'survey.csv', '--into', 'sub.journey.yaml', '-o', 'n.journey.yaml', '-q'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect((await jf(['build', 'n.journey.yaml', '-f', 'svg', '-o', 'out', '-q'], { cwd: dir })).code).toBe(0);
    const svg = read('out/n.journey.svg');
    expect(svg).toMatch(/<g class="jf-node jf-step" data-id="discover-1"[^>]*>\s*<title>看到广告\nn = 陈小姐 2、赵老师 1<\/title>/);
    expect(svg).toMatch(/data-id="compare"[^>]*>\s*<title>比较套餐\nn = 陈小姐 1<\/title>/);
  });

  it('checks responses as it checks emotion: whole counts, personas that are declared', () => {
    const journey = (responses: string) => `kind: journey\npersonas: [{ id: a }]\nstages:\n  - id: s\n    steps:\n      - { label: x, emotion: { a: 3 }, responses: ${responses} }\n`;
    const errors = (text: string) => checkSource(text, { file: 'j.journey.yaml' }).diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.rule} ${d.message}`);
    expect(errors(journey('{ a: 4 }'))).toEqual([]);
    expect(errors(journey('{ b: 4 }'))).toEqual([expect.stringMatching(/^unknown-reference persona "b" in the responses of step "s-1" is not declared under personas/)]);
    expect(errors(journey('-1'))).toEqual([expect.stringMatching(/^schema /)]);
  });

  it('keeps a plain score for the personas a survey does not answer', async () => {
    fs.writeFileSync(file('plain.journey.yaml'), 'kind: journey\npersonas: [{ id: a }, { id: b }]\nstages:\n  - id: s\n    steps:\n      - { label: x, emotion: 3 }\n');
    fs.writeFileSync(file('a-only.csv'), 'respondent,stage,step,score,persona\n1,s,x,5,a\n');
    expect((await jf(['discover', '--journey', 'a-only.csv', '--into', 'plain.journey.yaml', '-q'], { cwd: dir })).code).toBe(0);
    expect(YAML.parse(read('plain.journey.yaml')).stages[0].steps[0]).toEqual({ label: 'x', emotion: { a: 5, b: 3 }, responses: { a: 1 } });
  });

  it('points at the survey cell of an unknown step, a score off the scale or a repeated answer, and writes nothing', async () => {
    const before = read('one.journey.yaml');
    const cases: Array<[string, string, RegExp]> = [
      ['unknown-step.csv', 'unknown-step.csv:3:13 error [unknown-reference]', /no step with the id or label "退款" in stage "discover"/],
      ['out-of-scale.csv', 'out-of-scale.csv:2:18 error [emotion-range]', /the score 5 is outside the journey's scale -2–2/],
      ['twice.csv', 'twice.csv:3:1 error [duplicate-id]', /respondent "r1" already scored this step for chen/],
    ];
    for (const [survey, where, message] of cases) {
      const into = survey === 'unknown-step.csv' ? 'one.journey.yaml' : 'sub.journey.yaml';
      const was = read(into);
      const r = await jf(['discover', '--journey', survey, '--into', into === 'one.journey.yaml' ? 'sub.journey.yaml' : into], { cwd: dir });
      expect(r.code, r.stderr).toBe(1);
      expect(r.stderr).toContain(where);
      expect(r.stderr).toMatch(message);
      expect(read(into)).toBe(was);
    }
    expect(read('one.journey.yaml')).toBe(before);
  });
});
