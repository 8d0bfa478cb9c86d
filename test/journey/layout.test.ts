import { describe, expect, it } from 'vitest';
import type { SceneItem } from '../../src/scene/types.js';
import { allItems, example, firstRect, groups, inside, overlaps, sceneOf, textBox, type Rect } from './helpers.js';

type Group = Extract<SceneItem, { type: 'group' }>;

const LONG = 'kind: journey\n' +
  'title: "A very long title with <script>alert(1)</script> & \\"]  %%{init: {}}%% that keeps going on and on to wrap"\n' +
  'persona: { name: 非常长的客户画像名字用来测试换行是否正确, description: "Supercalifragilisticexpialidocious-without-any-spaces-at-all-in-it", goals: [一, 二, 三], frustrations: [四] }\n' +
  'channels: [{ id: c, label: 一个特别特别长的渠道名称需要换行显示才行 }, { id: d, label: short }]\n' +
  'stages:\n' +
  '  - id: s1\n    label: 第一阶段的名字也很长很长很长很长很长很长很长很长\n    needs: [需要一, 需要二]\n    volume: 800\n    kpis: [{ label: 一个很长的指标名称一个很长的指标名称, value: 35%, target: 50% }, { label: no target, value: 7 }]\n' +
  '    steps:\n' +
  '      - { label: 看到社交媒体广告看到社交媒体广告看到社交媒体广告看到社交媒体广告, channels: [c, d], emotion: 1, thought: 这个看起来不错，但是说明太长了，我要看很久很久很久很久, pains: [广告信息不完整广告信息不完整广告信息不完整], opportunities: [x], evidence: assumption }\n' +
  '      - { label: "Averyveryverylongwordthatcannotbreakanywhereatallreally", actors: [客户, 店员, 经理, 主管], emotion: 5, backstage: [b1, b2, b3], frontstage: [f], support: [s] }\n' +
  '  - id: s2\n    label: S2\n    volume: 500\n    steps:\n      - { label: "multi\\nline\\nlabel", emotion: 3, evidence: research }\n';

function checkGrid(scene: { items: SceneItem[]; width: number; height: number }, stageIds: string[], stepIds: string[]) {
  const stages = groups(scene.items, 'jf-stage');
  expect(stages.map((g) => g.attrs?.['data-id'])).toEqual(stageIds);
  const steps = groups(scene.items, 'jf-node', 'jf-step');
  expect(steps.map((g) => g.attrs?.['data-id'])).toEqual(stepIds);
  const columns = new Map(stages.map((g) => [g.attrs!['data-id'], firstRect(g)]));
  const boxes: Rect[] = [];
  for (const s of steps) {
    // SPEC §4: one shape element whose geometry is the step's box, plus text.
    const shapes = s.children.filter((c) => c.type === 'rect' || c.type === 'path' || c.type === 'ellipse' || c.type === 'polygon');
    expect(shapes).toHaveLength(1);
    const box = firstRect(s);
    expect(inside(box, columns.get(s.attrs!['data-stage'])!, 0)).toBe(true);
    boxes.push(box);
  }
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) expect(overlaps(boxes[i], boxes[j])).toBe(false);
  // Every text of a boxed element lies inside that element's first rect.
  const boxed = ['jf-node', 'jf-note', 'jf-chip', 'jf-kpi', 'jf-stage-header', 'jf-persona', 'jf-row-label', 'jf-funnel-stage', 'jf-funnel-rate', 'jf-title'];
  let checked = 0;
  for (const cls of boxed) {
    for (const g of groups(scene.items, cls)) {
      const container = firstRect(g);
      for (const t of allItems(g.children)) {
        if (t.type !== 'text') continue;
        checked++;
        expect(inside(textBox(t), container), `${cls}: "${t.lines.join('|')}"`).toBe(true);
      }
    }
  }
  expect(checked).toBeGreaterThan(stepIds.length);
  const page = { x: 0, y: 0, w: scene.width, h: scene.height };
  for (const t of allItems(scene.items)) if (t.type === 'text') expect(inside(textBox(t), page)).toBe(true);
  return { stages, steps, columns };
}

describe('journey layout', () => {
  it('lays out the retail example as a grid with one column per stage', async () => {
    const { yaml, absPath, root } = example('retail-journey.journey.yaml');
    const { scene, svg } = await sceneOf(yaml, { absPath, root });
    const { columns } = checkGrid(scene, ['awareness', 'consideration', 'decision', 'purchase', 'use', 'loyalty'],
      ['awareness-1', 'consideration-1', 'consideration-2', 'decision-1', 'purchase-1', 'purchase-2', 'use-1', 'loyalty-1']);
    // A stage is as wide as its steps: two-step stages are twice as wide.
    expect(columns.get('consideration')!.w).toBe(2 * columns.get('awareness')!.w);
    const rows = groups(scene.items, 'jf-row').map((g) => g.className);
    expect(rows).toEqual(['needs', 'steps', 'channels', 'emotion', 'thoughts', 'pains', 'opportunities', 'backstage', 'kpis'].map((l) => `jf-row jf-row-${l}`));
    expect(allItems(scene.items).filter((i) => i.type === 'path' && i.className === 'jf-emotion')).toHaveLength(1);
    expect(groups(scene.items, 'jf-line', 'jf-line-visibility')).toHaveLength(1);
    expect(svg).toContain('<a href="first-purchase.flow.svg"');
    // The run-cases counter: jf-node and jf-stage appear exactly once per step and stage.
    expect(svg.match(/class="(?:[^"]*\s)?jf-node(?=[\s"])/g)).toHaveLength(8);
    expect(svg.match(/class="(?:[^"]*\s)?jf-stage(?=[\s"])/g)).toHaveLength(6);
  });

  it('emotion markers and score labels stay in the emotion row; shape encodes the score', async () => {
    const { yaml, absPath, root } = example('retail-journey.journey.yaml');
    const { scene } = await sceneOf(yaml, { absPath, root });
    const row = groups(scene.items, 'jf-row', 'jf-row-emotion')[0];
    const band = { ...firstRect(groups(row.children, 'jf-row-label')[0]), x: 0, w: scene.width };
    const points = groups(row.children, 'jf-emotion-point');
    expect(points).toHaveLength(8);
    const shapeOf = (g: Group) => { const m = g.children[0]; return m.type === 'polygon' ? `polygon${m.points.length}` : m.type; };
    const byScore = new Map(points.map((p) => [p.attrs!['data-score'], shapeOf(p)]));
    expect(byScore.get('1')).toBe('polygon3');
    expect(byScore.get('2')).toBe('polygon4');
    expect(byScore.get('3')).toBe('ellipse');
    expect(byScore.get('4')).toBe('rect');
    for (const p of points) for (const t of p.children) if (t.type === 'text') expect(inside(textBox(t), band)).toBe(true);
  });

  it('draws the subscription example: personas, blueprint lines, evidence, funnel', async () => {
    const { yaml, absPath, root } = example('subscription.journey.yaml');
    const { scene, svg } = await sceneOf(yaml, { absPath, root });
    checkGrid(scene, ['discover', 'signup', 'first-box', 'habit', 'renew'], ['discover-1', 'signup-1', 'signup-2', 'first-box-1', 'first-box-2', 'habit-1', 'renew-1']);
    const curves = allItems(scene.items).filter((i) => i.type === 'path' && i.className === 'jf-emotion');
    expect(curves.map((c) => (c.type === 'path' ? c.attrs?.['data-persona'] : ''))).toEqual(['chen', 'zhao']);
    // Told apart by colour and dash.
    const [a, b] = curves as Array<Extract<SceneItem, { type: 'path' }>>;
    expect(a.stroke).not.toBe(b.stroke);
    expect(a.dash).not.toBe(b.dash);
    // The persona legend in the emotion row's label cell, and the key to the marks under the map.
    expect(groups(scene.items, 'jf-legend').map((g) => g.className)).toEqual(['jf-legend', 'jf-legend jf-key']);
    for (const k of ['interaction', 'visibility', 'internal']) expect(groups(scene.items, 'jf-line', `jf-line-${k}`)).toHaveLength(1);
    // Lines sit between their rows, in blueprint order.
    const lineY = (k: string) => { const p = groups(scene.items, `jf-line-${k}`)[0].children[0]; return p.type === 'path' ? Number(/M[\d.]+,([\d.]+)/.exec(p.d)![1]) : NaN; };
    expect(lineY('interaction')).toBeLessThan(lineY('visibility'));
    expect(lineY('visibility')).toBeLessThan(lineY('internal'));
    expect(svg).toContain('data-evidence="assumption"');
    expect(svg).toContain('data-evidence="research"');
    expect(svg).toMatch(/class="jf-funnel"/);
    expect(svg).toContain('32%');
  });

  it('keeps long, hostile and multi-line text inside its boxes', async () => {
    const { scene, svg } = await sceneOf(LONG);
    checkGrid(scene, ['s1', 's2'], ['s1-1', 's1-2', 's2-1']);
    expect(svg).not.toContain('<script');
    expect(svg).toContain('&lt;script&gt;');
    expect(svg).toContain('62.5%');
    expect(groups(scene.items, 'jf-funnel-rate')[0].attrs?.['data-rate']).toBe('62.5%');
  });

  it('marks the largest drop between stage volumes', async () => {
    const yaml = 'kind: journey\nstages:\n' + [[1000, 'a'], [800, 'b'], [200, 'c'], [150, 'd']].map(([v, id]) => `  - id: ${id}\n    volume: ${v}\n    steps: [{ label: x }]\n`).join('');
    const { scene } = await sceneOf(yaml);
    const rates = groups(scene.items, 'jf-funnel-rate');
    expect(rates.map((r) => r.attrs?.['data-rate'])).toEqual(['80%', '25%', '75%']);
    expect(rates.map((r) => r.className?.includes('jf-funnel-worst'))).toEqual([false, true, false]);
  });

  it('is deterministic and renders in every built-in theme', async () => {
    const { yaml, absPath, root } = example('subscription.journey.yaml');
    const first = await sceneOf(yaml, { absPath, root });
    const again = await sceneOf(yaml, { absPath, root });
    expect(again.svg).toBe(first.svg);
    for (const theme of ['dark', 'neutral', 'high-contrast']) {
      const { svg } = await sceneOf(yaml, { absPath, root, theme });
      expect(svg).toContain('jf-diagram jf-journey');
      expect(svg).not.toMatch(/var\(|color-mix|<script|foreignObject/);
    }
  });

  it('shows needs in the stage header when they have no row', async () => {
    const { scene } = await sceneOf('kind: journey\nlanes: [steps]\nstages:\n  - id: a\n    needs: [fast answers]\n    steps: [{ label: x }]\n');
    const header = groups(scene.items, 'jf-stage-header')[0];
    expect(allItems(header.children).some((t) => t.type === 'text' && t.lines.some((l) => l.includes('fast answers')))).toBe(true);
    expect(groups(scene.items, 'jf-row').map((g) => g.className)).toEqual(['jf-row jf-row-steps']);
  });
});
