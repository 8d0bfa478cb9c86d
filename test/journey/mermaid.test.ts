import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { journeyText, mermaidScore } from '../../src/kinds/journey/mermaid.js';
import { ROOT } from '../support/cli.js';
import { mermaid12Dir } from '../mermaid12/install.js';
import { example, sceneOf } from './helpers.js';

/*
 * The real Mermaid journey grammar (the jison parser inside mermaid 11 and 12), driven with a
 * recording `yy` instead of Mermaid's database, which needs a DOM for sanitizing. This checks
 * what the grammar makes of our text: the number of sections and tasks, scores and actors.
 */
/** What a browser shows after Mermaid's decodeEntities: placeholders back to character references, resolved. */
const shown = (s: string) => s.replace(/\uFB02\xB0\xB0(\d+)\xB6\xDF/g, (_, n) => String.fromCodePoint(Number(n))).trim();

interface Parsed { title?: string; sections: string[]; tasks: Array<{ section: string; name: string; score: number; actors: string[] }> }

/** Mermaid 11 is a devDependency; Mermaid 12 lives in test/mermaid12 (installed on first use). */
const PACKAGES: Record<string, () => Promise<string>> = {
  mermaid: async () => path.join(ROOT, 'node_modules', 'mermaid'),
  mermaid12: mermaid12Dir,
};

async function journeyParser(packageDir: string) {
  const dir = path.join(packageDir, 'dist', 'chunks', 'mermaid.core');
  const file = fs.readdirSync(dir).find((f) => /^journeyDiagram-.*\.mjs$/.test(f));
  if (!file) throw new Error(`${packageDir}: no journeyDiagram chunk`);
  const mod = await import(pathToFileURL(path.join(dir, file)).href);
  return mod.diagram.parser as { yy: unknown; parse(text: string): unknown };
}

function parseWith(parser: { yy: unknown; parse(text: string): unknown }, text: string): Parsed {
  const out: Parsed = { sections: [], tasks: [] };
  let section = '';
  parser.yy = {
    setDiagramTitle: (t: string) => { out.title = t; },
    setAccTitle: () => { throw new Error('accTitle injected'); },
    setAccDescription: () => { throw new Error('accDescr injected'); },
    addSection: (s: string) => { section = s; out.sections.push(s); },
    // Mermaid's own addTask: data is ":score: actor, actor".
    addTask: (name: string, data: string) => {
      const pieces = data.substr(1).split(':');
      out.tasks.push({ section, name, score: Number(pieces[0]), actors: pieces.length > 1 ? pieces[1].split(',').map((a) => a.trim()) : [] });
    },
  };
  // Mermaid's own steps before the parser: drop %% comment lines (diagram-api/comments.ts), then
  // turn entity codes into placeholders (utils encodeEntities, including its style/classDef quirk).
  const code = text.replace(/\r\n?/g, '\n').replace(/^\s*%%(?!{)[^\n]+\n?/gm, '').trimStart()
    .replace(/style.*:\S*#.*;/g, (m) => m.slice(0, -1)).replace(/classDef.*:\S*#.*;/g, (m) => m.slice(0, -1))
    .replace(/#\w+;/g, (m) => { const inner = m.slice(1, -1); return /^\+?\d+$/.test(inner) ? `\uFB02\xB0\xB0${inner}\xB6\xDF` : `\uFB02\xB0${inner}\xB6\xDF`; });
  parser.parse(code + '\n');
  return out;
}

const HOSTILE = ['"]', 'a: b', 'x # y', 'p ; q', '%%{init: {"theme":"dark"}}%%', 'line\nbreak', 'journey starts', 'title grab', 'section x', 'accTitle: t', 'accDescr { d }', '50% off', '<b>&amp;</b>', '  ', '-->'];

function hostileJourney(): string {
  const steps = HOSTILE.map((h, i) => `      - label: ${JSON.stringify(h)}\n        actors: [${JSON.stringify(`a,${h}`)}]\n        emotion: ${(i % 5) + 1}\n`).join('');
  return `kind: journey\ntitle: ${JSON.stringify('T: # ; %%{init: {}}%%\nnext')}\nstages:\n  - id: s\n    label: ${JSON.stringify('sec: #; x\n%%')}\n    steps:\n${steps}  - id: t\n    label: title\n    steps: [{ label: ok, emotion: 2 }]\n`;
}

describe('journey Mermaid', () => {
  it('maps scores from the document scale onto 1..5', () => {
    expect([-2, -1, 0, 1, 2].map((s) => mermaidScore(s, { min: -2, max: 2 }))).toEqual([1, 2, 3, 4, 5]);
    expect(mermaidScore(7, { min: 0, max: 10 })).toBe(4);
    expect(mermaidScore(99, { min: 1, max: 5 })).toBe(5);
  });

  it('rewrites text that the journey grammar would read as structure', () => {
    expect(journeyText('a: b; c # d %% e\nf, g')).toBe('a#58; b#59; c #35; d #37;#37; e f#44; g');
    expect(journeyText('section x')).toBe('#115;ection x');
    expect(journeyText('Title')).toBe('#84;itle');
    expect(journeyText('sections')).toBe('sections');
    expect(journeyText('  \n ')).toBe('-');
  });

  it('writes sections, tasks, scores, actors and a comment of the lanes it cannot show', async () => {
    const { yaml, absPath, root } = example('retail-journey.journey.yaml');
    const { mermaid } = await sceneOf(yaml, { absPath, root });
    const lines = mermaid.trimEnd().split('\n');
    expect(lines).toContain('journey');
    expect(lines).toContain('  title 零售客户购买旅程');
    expect(lines.filter((l) => l.startsWith('  section '))).toEqual(['意识', '考虑', '决策', '购买', '使用', '忠诚'].map((s) => `  section ${s}`));
    expect(lines).toContain('    提交订单并支付: 1: 客户');
    expect(lines).toContain('    致电客服咨询优惠: 3: 客户, 客服');
    expect(mermaid).toMatch(/^%% lanes Mermaid journey cannot show: .*pains.*backstage.*kpis$/m);
  });

  it('gives each persona its own score, on a mapped scale', async () => {
    const { yaml, absPath, root } = example('subscription.journey.yaml');
    const { mermaid } = await sceneOf(yaml, { absPath, root });
    // One task per step (the personas' mean), each persona's own score in a comment above it.
    expect(mermaid).toContain('    %% signup-1: 陈小姐 4, 赵老师 2\n    选择套餐: 3: 陈小姐, 赵老师\n');
    expect(mermaid).toContain('    等待配送: 2: 陈小姐, 赵老师\n');
    expect(mermaid).toContain('%% emotion scale -2..2 mapped onto 1..5');
  });

  for (const pkg of Object.keys(PACKAGES)) {
    let packageDir = '';
    beforeAll(async () => { packageDir = await PACKAGES[pkg](); }, 200_000);

    it(`hostile labels cannot change the structure (${pkg} grammar)`, async () => {
      const parser = await journeyParser(packageDir);
      const { yaml, absPath, root } = example('subscription.journey.yaml');
      for (const text of [(await sceneOf(hostileJourney())).mermaid, (await sceneOf(yaml, { absPath, root })).mermaid]) {
        expect(text).not.toMatch(/%%\s*\{/);
        const parsed = parseWith(parser, text);
        const expected = text.split('\n').filter((l) => /^ {4}[^%\s]/.test(l)).length;
        expect(parsed.tasks).toHaveLength(expected);
        for (const t of parsed.tasks) {
          expect(t.score).toBeGreaterThanOrEqual(1);
          expect(t.score).toBeLessThanOrEqual(5);
        }
      }
      const parsed = parseWith(parser, (await sceneOf(hostileJourney())).mermaid);
      expect(parsed.sections).toHaveLength(2);
      // Every text comes out literally (newlines as spaces): title, sections, task names, actors.
      expect(shown(parsed.title ?? '')).toBe('T: # ; %%{init: {}}%% next');
      expect(parsed.sections.map(shown)).toEqual(['sec: #; x %%', 'title']);
      const hostileTasks = parsed.tasks.slice(0, HOSTILE.length);
      expect(hostileTasks.map((t) => shown(t.name))).toEqual(HOSTILE.map((h, i) => h.replace(/\s+/g, ' ').trim() || `s-${i + 1}`)); // a blank label falls back to the step id
      expect(hostileTasks.map((t) => t.score)).toEqual(HOSTILE.map((_, i) => (i % 5) + 1));
      expect(hostileTasks.map((t) => t.actors.map(shown))).toEqual(HOSTILE.map((h) => [`a,${h}`.replace(/\s+/g, ' ').trim()]));
    });
  }
});
