import { beforeAll, describe, expect, it } from 'vitest';
import { wordsOf } from '../../src/model/locale.js';
import { lifecycleToMermaid, stateText } from '../../src/kinds/lifecycle/mermaid.js';
import { lifecycleModel, mermaidStateParser, shown, type StateStmt } from './helpers.js';

const spec = `kind: lifecycle
title: 客户分层与生命周期
direction: LR
states:
  - { id: prospect, label: 潜在客户, count: 5000, criteria: 有互动未购买, strategy: 定向营销 }
  - { id: active,   label: 活跃客户, count: 1200, criteria: 90 天内购买, strategy: 定期沟通与客户关怀 }
  - { id: end,      label: VIP 客户, count: 150,  criteria: 年消费 ≥ 1 万, strategy: 专属客服 }
  - { id: churned,  label: 流失客户, final: true, strategy: 流失挽回 }
transitions:
  - { from: prospect, to: active, label: 首次购买, rate: 12% }
  - active -> end -> active
  - { from: active, to: churned, rate: 4 }
`;

// Strings that would end a label, open a note, add a transition, change direction or inject a directive.
const HOSTILE = [
  'a "quoted" label', 'x : y', 'a --> b', '%%{init: {"theme":"dark"}}%%', 'end note', 'weekend note', 'END NOTE',
  'line one\nend note\nline three', 'a; b', '# not a comment', '`code` **bold**', '[*] --> [*]', 'go direction TB',
  'state "x" as y', 'note right of s_a', '<script>alert(1)</script>', 'click s_a href "javascript:alert(1)"', '&amp; &#60; #35;', '}{ ][ )( ><',
  'classDef x fill:#f00;', '\u2028sep\u2029', 'tab\there', 'emoji 😀 中文',
];

const relations = (doc: StateStmt[]) => doc.filter((s) => s.stmt === 'relation');
const notes = (doc: StateStmt[]) => doc.filter((s) => s.note);

describe('lifecycle Mermaid', () => {
  it('writes stateDiagram-v2 with direction, state names, start, end, transitions and notes', () => {
    const text = lifecycleToMermaid(lifecycleModel(spec));
    const lines = text.split('\n');
    expect(lines[1]).toBe('stateDiagram-v2');
    expect(lines[2]).toBe('  direction LR');
    expect(lines).toContain('  state "潜在客户" as s_prospect');
    expect(lines).toContain('  [*] --> s_prospect');
    expect(lines).toContain('  s_prospect --> s_active : 首次购买 (12#37;)');
    expect(lines).toContain('  s_active --> s_churned : (4#37;)');
    expect(lines).toContain('  s_churned --> [*]');
    expect(lines).toContain('  note right of s_prospect');
    expect(lines).toContain('    5\u00a0000 · 78.7#37;'); // Chinese grouping: a no-break space
    expect(lines).toContain('    分层标准 · 有互动未购买');
    // `end` as a state id never reaches Mermaid as a bare keyword.
    expect(text).not.toMatch(/(^|\s)end(\s|$)(?!note)/m);
    expect(text).toContain('s_end');
  });

  it('neutralizes the two keywords the state lexer finds inside running text', () => {
    expect(stateText('weekend note')).toBe('week#101;nd note');
    expect(stateText('Redirection LR')).toBe('Re#100;irection LR');
    expect(stateText('END')).toBe('#69;ND');
  });

  for (const pkg of ['mermaid', 'mermaid12'] as const) {
    describe(`read back by ${pkg}'s own parser`, () => {
      let parse: (src: string) => StateStmt[];
      beforeAll(async () => { parse = await mermaidStateParser(pkg); }, 200_000);

      it('parses the SPEC-style example into the same states, transitions and notes', () => {
        const doc = parse(lifecycleToMermaid(lifecycleModel(spec)));
        expect(doc.filter((s) => s.stmt === 'dir')).toEqual([{ stmt: 'dir', value: 'LR' }]);
        const rel = relations(doc).map((r) => `${r.state1!.id}>${r.state2!.id}`);
        expect(rel).toEqual(['[*]>s_prospect', 's_prospect>s_active', 's_active>s_end', 's_end>s_active', 's_active>s_churned', 's_churned>[*]']);
        expect(notes(doc).map((n) => n.id)).toEqual(['s_prospect', 's_active', 's_end', 's_churned']);
      });

      it('keeps every hostile text literal and the diagram structure unchanged', () => {
        for (const bad of HOSTILE) {
          const q = JSON.stringify(bad);
          const yaml = `kind: lifecycle\ntitle: ${q}\nstates:\n  - { id: a, label: ${q}, count: 3, criteria: ${q}, strategy: [${q}, ${q}] }\n  - { id: b, label: ${q}, final: true }\ntransitions:\n  - { from: a, to: b, label: ${q}, rate: 50% }\n`;
          const model = lifecycleModel(yaml);
          const cap = wordsOf(model.locale);
          const doc = parse(lifecycleToMermaid(model));
          expect(doc.filter((s) => s.stmt === 'dir'), bad).toEqual([{ stmt: 'dir', value: 'LR' }]);
          const rel = relations(doc);
          expect(rel.map((r) => `${r.state1!.id}>${r.state2!.id}`), bad).toEqual(['[*]>s_a', 's_a>s_b', 's_b>[*]']);
          const flat = bad.replace(/[\u0000-\u001f\u2028\u2029]/g, (c) => (c === '\n' || c === '\u2028' || c === '\u2029' ? '\n' : ''));
          expect(shown(rel[1].description!).trim(), bad).toBe(`${flat} (50%)`.trim());
          const labels = doc.filter((s) => s.stmt === 'state' && s.description).map((s) => shown(s.description!));
          expect(labels, bad).toEqual([flat, flat]);
          const n = notes(doc);
          expect(n.map((x) => x.id), bad).toEqual(['s_a']);
          const body = shown(n[0].note!.text).split('\n').map((l) => l.trim());
          const want = ['3 · 100%', `${cap.criteria} · ${flat}`, `${cap.strategy} · ${flat}`, `${cap.strategy} · ${flat}`].join('\n').split('\n').map((l) => l.trim());
          expect(body, bad).toEqual(want);
        }
      });
    });
  }
});
