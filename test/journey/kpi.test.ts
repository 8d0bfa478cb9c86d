/* Issue 17 item 5: KPIs against their targets, the way `better` says, in colour and in words. */
import { describe, expect, it } from 'vitest';
import { kpiStatus, parseFigure } from '../../src/kinds/journey/kpi-cell.js';
import type { SceneItem } from '../../src/scene/types.js';
import { allItems, groups, sceneOf } from './helpers.js';

const JOURNEY = 'kind: journey\ntitle: 退货旅程\nstages:\n  - id: use\n    label: 使用\n    kpis:\n' +
  '      - { label: 首月退货率, value: 6%, target: 5%, better: lower }\n' +
  '      - { label: 处理时长, value: 3.2天, target: 1天, better: lower }\n' +
  '      - { label: 净推荐值, value: 41, target: 50 }\n' +
  '      - { label: 完成率, value: 73%, target: 75% }\n' +
  '      - { label: 好评率, value: 96%, target: 95% }\n' +
  '    steps:\n      - { label: 申请退货, emotion: 2 }\n';

const texts = (g: Extract<SceneItem, { type: 'group' }>) => allItems(g.children).flatMap((i) => (i.type === 'text' ? i.lines : []));

describe('journey KPIs', () => {
  it('reads figures with any unit and judges them the way better says', () => {
    expect([parseFigure('3.2天'), parseFigure('41'), parseFigure('1,200 人'), parseFigure(35), parseFigure('n/a')]).toEqual([{ n: 3.2, unit: '天' }, { n: 41, unit: '' }, { n: 1200, unit: '人' }, { n: 35, unit: '' }, undefined]);
    expect([kpiStatus(6, 5, 'lower'), kpiStatus(6, 5, 'higher'), kpiStatus(73, 75, 'higher'), kpiStatus(4, 5, 'lower'), kpiStatus(41, 50, 'higher')]).toEqual(['missed', 'met', 'near', 'met', 'missed']);
  });

  it('draws a bar for every figure with a unit, coloured met / near / missed, with the status in words and the gap in the tooltip', async () => {
    const { scene, svg } = await sceneOf(JOURNEY);
    const kpis = groups(scene.items, 'jf-kpi');
    expect(kpis.map((k) => k.attrs?.['data-status'])).toEqual(['missed', 'missed', 'missed', 'near', 'met']);
    for (const k of kpis) expect(allItems(k.children).filter((i) => i.className?.startsWith('jf-kpi-value'))).toHaveLength(1);
    const fills = kpis.map((k) => allItems(k.children).find((i) => i.className?.startsWith('jf-kpi-value')));
    expect(new Set(fills.map((f) => (f && 'fill' in f ? f.fill : ''))).size).toBe(3);
    expect(texts(kpis[0])).toContain('× 未达标 · 越低越好');
    expect(texts(kpis[3])).toContain('≈ 接近');
    expect(texts(kpis[4])).toContain('✓ 达标');
    expect(kpis[1].tooltip).toBe('处理时长\n当前 3.2天，目标 1天，差距 2.2天（× 未达标；越低越好）');
    expect(svg).toContain('<title>处理时长\n当前 3.2天');
    const legend = groups(scene.items, 'jf-key');
    expect(texts(legend[0])).toEqual(expect.arrayContaining(['✓ 达标', '≈ 接近', '× 未达标', '竖线：目标']));
  });
});
