import { describe, expect, it } from 'vitest';
import { brief, diagnose } from '../support/rules.js';

const life = (body: string) => `kind: lifecycle\n${body}`;

// The SPEC §1.3 example. Its VIP tier has no transition out: dead-end warns (exit 0) unless --strict.
const spec = life(`title: 客户分层与生命周期
direction: LR
states:
  - { id: prospect, label: 潜在客户, count: 5000, criteria: 有互动未购买, strategy: 定向营销 }
  - { id: active,   label: 活跃客户, count: 1200, criteria: 90 天内购买, strategy: 定期沟通与客户关怀 }
  - { id: vip,      label: VIP 客户, count: 150,  criteria: 年消费 ≥ 1 万, strategy: 专属客服 }
  - { id: dormant,  label: 休眠客户, count: 800,  criteria: 180 天未购买, strategy: 唤醒活动 }
  - { id: churned,  label: 流失客户, final: true, strategy: 流失挽回 }
transitions:
  - { from: prospect, to: active, label: 首次购买, rate: 12% }
  - active -> vip
  - active -> dormant
  - { from: dormant, to: active, label: 唤醒成功, rate: 8% }
  - dormant -> churned
`);

interface Case { name: string; yaml: string; rule: string; line: number; column: number }

// Each invalid case names the rule and where it must point (line and column of the offending YAML node).
const invalid: Case[] = [
  { name: 'duplicate state id', yaml: life(`states:\n  - { id: a }\n  - { id: a, final: true }\ntransitions:\n  - a -> a\n`), rule: 'duplicate-id', line: 4, column: 11 },
  { name: 'duplicate id in block style', yaml: life(`states:\n  - id: a\n    label: A\n  - id: b\n    final: true\n  - id: b\ntransitions:\n  - a -> b\n`), rule: 'duplicate-id', line: 7, column: 9 },
  { name: 'chain target', yaml: life(`states:\n  - { id: a }\n  - { id: b, final: true }\ntransitions:\n  - a -> b\n  - a ->  nope\n`), rule: 'unknown-reference', line: 7, column: 11 },
  { name: 'chain source, middle of a long chain', yaml: life(`states:\n  - { id: a }\n  - { id: b, final: true }\ntransitions:\n  - a -> b -> typo -> b\n`), rule: 'unknown-reference', line: 6, column: 15 },
  { name: 'quoted chain', yaml: life(`states:\n  - { id: a }\n  - { id: b, final: true }\ntransitions:\n  - "a -> zz"\n  - a -> b\n`), rule: 'unknown-reference', line: 6, column: 11 },
  { name: 'object source', yaml: life(`states:\n  - { id: a }\n  - { id: b, final: true }\ntransitions:\n  - a -> b\n  - { from: ghost, to: b, rate: 5% }\n`), rule: 'unknown-reference', line: 7, column: 13 },
  { name: 'object target', yaml: life(`states:\n  - { id: a }\n  - { id: b, final: true }\ntransitions:\n  - a -> b\n  - from: a\n    to: gone\n`), rule: 'unknown-reference', line: 8, column: 9 },
  { name: 'state no transition reaches', yaml: life(`states:\n  - { id: a }\n  - { id: lone }\n  - { id: z, final: true }\ntransitions:\n  - a -> z\n  - lone -> z\n`), rule: 'unreachable-node', line: 4, column: 11 },
  { name: 'cycle cut off from the first state', yaml: life(`states:\n  - { id: a }\n  - { id: z, final: true }\n  - { id: p }\n  - { id: q }\ntransitions:\n  - a -> z\n  - p -> q -> p\n`), rule: 'unreachable-node', line: 5, column: 11 },
  { name: 'initial elsewhere leaves the first unreached', yaml: life(`states:\n  - { id: a }\n  - { id: b, initial: true }\n  - { id: z, final: true }\ntransitions:\n  - b -> z\n  - a -> z\n`), rule: 'unreachable-node', line: 3, column: 11 },
  { name: 'non-final state without a way out', yaml: life(`states:\n  - { id: a }\n  - { id: stuck }\n  - { id: z, final: true }\ntransitions:\n  - a -> stuck\n  - a -> z\n`), rule: 'dead-end', line: 4, column: 11 },
  { name: 'a loop into itself is no way out', yaml: life(`states:\n  - { id: a }\n  - { id: loop }\n  - { id: z, final: true }\ntransitions:\n  - a -> loop -> loop\n  - a -> z\n`), rule: 'dead-end', line: 4, column: 11 },
  { name: 'rate above 100', yaml: life(`states:\n  - { id: a }\n  - { id: z, final: true }\ntransitions:\n  - { from: a, to: z, rate: 120 }\n`), rule: 'schema', line: 6, column: 29 },
  { name: 'rate as words', yaml: life(`states:\n  - { id: a }\n  - { id: z, final: true }\ntransitions:\n  - { from: a, to: z, rate: twelve }\n`), rule: 'schema', line: 6, column: 29 },
  { name: 'negative count', yaml: life(`states:\n  - { id: a, count: -1 }\n  - { id: z, final: true }\ntransitions:\n  - a -> z\n`), rule: 'schema', line: 3, column: 21 },
  { name: 'unknown field', yaml: life(`states:\n  - { id: a, color: red }\n  - { id: z, final: true }\ntransitions:\n  - a -> z\n`), rule: 'schema', line: 3, column: 14 },
  { name: 'bad direction', yaml: life(`direction: UP\nstates:\n  - { id: a, final: true }\n`), rule: 'schema', line: 2, column: 12 },
  { name: 'no states', yaml: life(`states: []\n`), rule: 'schema', line: 2, column: 9 },
];

describe('lifecycle rules', () => {
  it('warns only about the way-out-less VIP tier of the SPEC example, and accepts it once VIP can move on', () => {
    expect(brief(diagnose(spec))).toEqual([{ rule: 'dead-end', line: 7, column: 11, severity: 'warning' }]);
    expect(diagnose(spec.replace('  - active -> vip\n', '  - active -> vip -> active\n'))).toEqual([]);
  });
  it('accepts several initial states, final states without a way out and numeric rates', () => {
    const yaml = life(`states:\n  - { id: a, initial: true }\n  - { id: b, initial: true }\n  - { id: z, final: true }\ntransitions:\n  - a -> z\n  - { from: b, to: z, rate: 7.5 }\n  - { from: b, to: a, rate: " 8.5 % " }\n`);
    expect(diagnose(yaml)).toEqual([]);
  });
  for (const c of invalid) {
    it(`${c.rule}: ${c.name}`, () => {
      expect(brief(diagnose(c.yaml))).toContainEqual({ rule: c.rule, line: c.line, column: c.column, severity: c.rule === 'dead-end' ? 'warning' : 'error' });
    });
  }
  it('reports each offending state or transition end once', () => {
    for (const c of invalid.filter((x) => x.rule !== 'schema')) {
      // Both states of a cut-off cycle; a bad id in the middle of a chain is the end of two transitions.
      const want = c.name.startsWith('cycle') || c.name.includes('middle') ? 2 : 1;
      expect(diagnose(c.yaml).filter((d) => d.rule === c.rule), c.name).toHaveLength(want);
    }
  });
  it('says what is wrong and suggests the nearest state id', () => {
    const d = diagnose(life(`states:\n  - { id: active }\n  - { id: churned, final: true }\ntransitions:\n  - active -> chruned\n`));
    expect(d.map((x) => x.message)).toContain('transition target "chruned" is not a state of this lifecycle; did you mean "churned"?');
    const dead = diagnose(invalid.find((c) => c.rule === 'dead-end')!.yaml)[0];
    expect(dead.message).toContain('final: true');
    const dup = diagnose(invalid[0].yaml).find((x) => x.rule === 'duplicate-id')!;
    expect(dup.message).toBe('state id "a" is already used at line 3');
  });
  it('points a chain-string end at the id itself (endColumn too)', () => {
    const d = diagnose(invalid.find((c) => c.name === 'chain source, middle of a long chain')!.yaml).find((x) => x.rule === 'unknown-reference')!;
    expect([d.line, d.column, d.endLine, d.endColumn]).toEqual([6, 15, 6, 19]);
    expect(d.path).toBe('/transitions/0');
  });
});
