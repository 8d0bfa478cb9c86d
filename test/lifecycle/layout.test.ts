import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkSource } from '../../src/compile.js';
import { layoutLifecycle } from '../../src/kinds/lifecycle/layout.js';
import type { LifecycleModel } from '../../src/kinds/lifecycle/model.js';
import { measureLine } from '../../src/layout/text.js';
import { renderSvg } from '../../src/render/svg.js';
import { builtinTheme } from '../../src/render/themes.js';
import type { Box } from '../../src/scene/geometry.js';
import type { Scene, SceneItem } from '../../src/scene/types.js';
import { ROOT, SHARED_CASES } from '../support/cli.js';
import { inside, overlaps } from '../support/geometry.js';

type Group = Extract<SceneItem, { type: 'group' }>;
type Text = Extract<SceneItem, { type: 'text' }>;

const env = { theme: builtinTheme('default')!, linkFor: () => undefined };

/** The model of a schema-valid document, even when a semantic rule failed (layout must cope anyway). */
function model(yaml: string): LifecycleModel {
  const r = checkSource(yaml, { file: 't.lifecycle.yaml' });
  const m = r.documents[0]?.model as LifecycleModel | undefined;
  if (!m?.states) throw new Error(JSON.stringify(r.diagnostics));
  return m;
}

const groups = (scene: Scene, cls: string): Group[] =>
  scene.items.filter((i): i is Group => i.type === 'group' && (i.className ?? '').split(' ').includes(cls));

/** Bounding box of every point of absolute M/L/H/V/Q/Z path data (a rounded corner's control point is the corner). */
function pathBox(d: string): Box {
  const xs: number[] = [];
  const ys: number[] = [];
  let cx = 0;
  let cy = 0;
  for (const [, cmd, args] of d.matchAll(/([MLHVQZ])([^MLHVQZ]*)/g)) {
    const n = (args.match(/-?\d+(\.\d+)?/g) ?? []).map(Number);
    if (cmd === 'H') cx = n[0];
    else if (cmd === 'V') cy = n[0];
    else if (cmd !== 'Z') for (let i = 0; i + 1 < n.length; i += 2) { cx = n[i]; cy = n[i + 1]; xs.push(cx); ys.push(cy); }
    xs.push(cx);
    ys.push(cy);
  }
  return { x: Math.min(...xs), y: Math.min(...ys), w: Math.max(...xs) - Math.min(...xs), h: Math.max(...ys) - Math.min(...ys) };
}

/** The box each line of a text item occupies, measured with the same font metrics as layout. */
function lineBoxes(t: Text): Box[] {
  return t.lines.map((line, i) => {
    const w = measureLine(line, t.style.size, t.style.weight ?? 'normal');
    const x = t.style.anchor === 'middle' ? t.x - w / 2 : t.style.anchor === 'end' ? t.x - w : t.x;
    const top = t.y + i * t.lineHeight - t.style.size * 0.36 - t.lineHeight / 2;
    return { x, y: top, w, h: t.lineHeight };
  });
}

const shrink = (b: Box, by: number): Box => ({ x: b.x + by, y: b.y + by, w: b.w - 2 * by, h: b.h - 2 * by });

/** The invariants every lifecycle scene must meet, whatever its content and direction. */
async function assertInvariants(m: LifecycleModel): Promise<Scene> {
  const scene = await layoutLifecycle(m, env);
  const nodes = groups(scene, 'jf-node');
  expect(nodes.length).toBe(m.states.length);
  expect(groups(scene, 'jf-state').length).toBe(m.states.length);
  expect(groups(scene, 'jf-edge').length).toBe(m.transitions.length);
  const boxes: Array<[string, Box]> = [];
  for (const g of nodes) {
    const id = g.attrs!['data-id'];
    const shapes = g.children.filter((c) => c.type !== 'text');
    expect(shapes.length, `one shape in ${id}`).toBe(1);
    expect(shapes[0].type).toBe('path');
    const box = pathBox((shapes[0] as { d: string }).d);
    boxes.push([id, box]);
    for (const t of g.children.filter((c): c is Text => c.type === 'text')) {
      for (const lb of lineBoxes(t)) expect(inside(lb, shrink(box, 3), 0.01), `"${t.lines.join('|')}" inside ${id}`).toBe(true);
    }
    const state = m.states.find((s) => s.id === id)!;
    expect(g.className!.includes('jf-final')).toBe(state.final);
  }
  for (let i = 0; i < boxes.length; i++) {
    for (let j = i + 1; j < boxes.length; j++) expect(overlaps(boxes[i][1], boxes[j][1]), `${boxes[i][0]} overlaps ${boxes[j][0]}`).toBe(false);
  }
  for (const g of groups(scene, 'jf-edge')) {
    const bg = g.children.find((c) => c.className === 'jf-edge-label-bg') as (Box & { type: 'rect' }) | undefined;
    if (!bg) continue;
    for (const [id, b] of boxes) expect(overlaps(bg, b), `label of ${g.attrs!['data-from']}→${g.attrs!['data-to']} on ${id}`).toBe(false);
    for (const t of g.children.filter((c): c is Text => c.type === 'text')) for (const lb of lineBoxes(t)) expect(inside(lb, bg, 0.5)).toBe(true);
  }
  // Every share meter lies inside its own card.
  for (const g of groups(scene, 'jf-share')) {
    const box = boxes.find(([id]) => id === g.attrs!['data-id'])![1];
    for (const r of g.children as Array<Box & { type: 'rect' }>) expect(inside(r, shrink(box, 3), 0.01)).toBe(true);
  }
  for (const [, b] of boxes) expect(inside(b, { x: 0, y: 0, w: scene.width, h: scene.height })).toBe(true);
  return scene;
}

const count = (svg: string, cls: string) => (svg.match(new RegExp(`class="(?:[^"]*\\s)?${cls}(?=[\\s"])`, 'g')) ?? []).length;

const files = [
  ...fs.readdirSync(path.join(ROOT, 'examples')).filter((f) => f.endsWith('.lifecycle.yaml')).map((f) => path.join(ROOT, 'examples', f)),
  path.join(SHARED_CASES, 'good', 'loyalty.lifecycle.yaml'),
];

describe('lifecycle layout', () => {
  for (const f of files) {
    for (const direction of ['LR', 'TB', 'RL', 'BT']) {
      it(`${path.basename(f)} ${direction}: text inside cards, no overlap, one jf-node per state and one jf-edge per transition`, async () => {
        const src = fs.readFileSync(f, 'utf8').replace(/^direction: .*$/m, '');
        const m = { ...model(src), direction } as LifecycleModel;
        const scene = await assertInvariants(m);
        const svg = renderSvg(scene);
        expect(count(svg, 'jf-node')).toBe(m.states.length);
        expect(count(svg, 'jf-edge')).toBe(m.transitions.length);
        expect(svg).toContain('class="jf-diagram jf-lifecycle"');
      });
    }
  }

  it('shows count with share of the living customers, captions, rate, a start marker and a double border on final states', async () => {
    const m = model('kind: lifecycle\ntitle: T\nstates:\n  - { id: a, label: Active, count: 1200, criteria: bought in 90 days, strategy: newsletter }\n  - { id: z, label: Gone, count: 6120, final: true }\ntransitions:\n  - { from: a, to: z, label: lapsed, rate: 12% }\n');
    const scene = await assertInvariants(m);
    const texts = (g: Group) => g.children.filter((c): c is Text => c.type === 'text').flatMap((t) => t.lines);
    const [a, z] = groups(scene, 'jf-node');
    expect(texts(a)).toEqual(['Active', '1,200 · 100%', 'CRITERIA', 'bought in 90 days', 'STRATEGY', 'newsletter']);
    expect(a.attrs).toEqual({ 'data-id': 'a', 'data-count': '1200', 'data-share': '100%' });
    expect(texts(z)).toEqual(['Gone', '6,120']); // a final state has no share: it is counted apart
    expect(z.className).toBe('jf-node jf-state jf-final');
    expect(((z.children[0] as { d: string }).d.match(/Z/g) ?? []).length).toBe(2); // outer and inner border
    expect(texts(groups(scene, 'jf-edge')[0])).toEqual(['lapsed', '12%']);
    const start = groups(scene, 'jf-start');
    expect(start).toHaveLength(1);
    expect(start[0].className).toBe('jf-start'); // decoration: never counted as a node or an edge
    expect(groups(scene, 'jf-title')[0].children.flatMap((c) => (c.type === 'text' ? c.lines : []))).toEqual(['T', '1,200 customers (final states not included) · Gone: 6,120, counted apart']);
  });

  it('never cuts a text short: long labels, criteria and transition labels are shown whole', async () => {
    const long = ['https://crm.example.com/tickets/very/long/path/without/any/space/at/all', '客户通过微信公众号提交售后维修申请，并上传发票照片、产品序列号以及故障描述。客户通过微信公众号提交售后维修申请。', 'W'.repeat(80)];
    const q = long.map((t) => JSON.stringify(t));
    const m = model(`kind: lifecycle\ntitle: ${q[1]}\nstates:\n  - { id: a, label: ${q[0]}, count: 123456789012345678, criteria: [${q[1]}, ${q[2]}], strategy: ${q[2]} }\n  - { id: b, label: ${q[1]}, final: true }\ntransitions:\n  - { from: a, to: b, label: ${q[1]}, rate: 99.99 }\n  - { from: a, to: b, label: ${q[0]} }\n`);
    const scene = await assertInvariants(m);
    const all = (g: SceneItem): string => (g.type === 'group' ? g.children.map(all).join('') : g.type === 'text' ? g.lines.join('') : '');
    const shown = scene.items.map(all).join('\n');
    expect(shown).not.toContain('…');
    for (const t of long) expect(shown).toContain(t);
  });

  it('is deterministic', async () => {
    const src = fs.readFileSync(files[0], 'utf8');
    expect(renderSvg(await layoutLifecycle(model(src), env))).toBe(renderSvg(await layoutLifecycle(model(src), env)));
  });

  it('keeps every text inside its card for any labels, lists, counts, loops and directions', async () => {
    const text = fc.oneof(
      fc.string({ minLength: 1, maxLength: 60 }),
      fc.array(fc.constantFrom('客户', '流失预警', '年交易金额', ' ≥ ', '1 万元', 'VIP', 'W', 'supercalifragilistic', ' ', '——', '（', '）', '"', '<&>', '\n'), { minLength: 1, maxLength: 25 }).map((a) => a.join('')),
    );
    const arb = fc.record({
      n: fc.integer({ min: 1, max: 7 }),
      direction: fc.constantFrom('LR', 'TB', 'RL', 'BT'),
      labels: fc.array(text, { minLength: 7, maxLength: 7 }),
      criteria: fc.array(fc.array(text, { maxLength: 3 }), { minLength: 7, maxLength: 7 }),
      counts: fc.array(fc.option(fc.integer({ min: 0, max: 10_000_000 })), { minLength: 7, maxLength: 7 }),
      finals: fc.array(fc.boolean(), { minLength: 7, maxLength: 7 }),
      edges: fc.array(fc.tuple(fc.nat(6), fc.nat(6), fc.option(text), fc.option(fc.integer({ min: 0, max: 100 }))), { maxLength: 12 }),
    });
    await fc.assert(fc.asyncProperty(arb, async (r) => {
      const states = Array.from({ length: r.n }, (_, i) => ({
        id: `s${i}`, label: r.labels[i], final: r.finals[i], criteria: r.criteria[i], strategy: r.criteria[(i + 1) % 7],
        ...(r.counts[i] !== null ? { count: r.counts[i] } : {}),
      }));
      const transitions = r.edges.filter(([a, b]) => a < r.n && b < r.n).map(([a, b, label, rate]) => ({ from: `s${a}`, to: `s${b}`, ...(label !== null ? { label } : {}), ...(rate !== null ? { rate } : {}) }));
      // YAML is a superset of JSON, so the generated document goes through the real loader and schema.
      await assertInvariants(model(JSON.stringify({ kind: 'lifecycle', direction: r.direction, states, transitions })));
    }), { numRuns: 25, seed: 7 });
  });
});
