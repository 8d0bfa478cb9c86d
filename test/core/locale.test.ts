/*
 * Issue 17 items 3 and 4 across every kind: the captions' language (document, detection, library
 * and CLI override) and the legend under the drawing (present when marks are encoded, absent with
 * `legend: false`, never overlapping the drawing, also in txt).
 */
import fs from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { checkSource, drawDocument, type CompileOptions } from '../../src/compile.js';
import { packFigures } from '../../src/kinds/flow/measure.js';
import { compactCount, detectLocale, durationText, firstItems, groupDigits } from '../../src/model/locale.js';
import type { Scene, SceneItem } from '../../src/scene/types.js';
import { allItems, textBox, type Rect } from '../journey/helpers.js';
import { ROOT, tmpDir } from '../support/cli.js';

const EXAMPLES = path.join(ROOT, 'examples');
const exampleFiles = fs.readdirSync(EXAMPLES).filter((f) => /\.(flow|journey|lifecycle|funnel)\.yaml$/.test(f)).sort();

function checked(yaml: string, options: CompileOptions = {}) {
  const r = checkSource(yaml, { file: 'x.yaml', ...options });
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return r.documents[0];
}

async function sceneOf(yaml: string, options: CompileOptions = {}): Promise<Scene> {
  return (await drawDocument(checked(yaml, options), options)).scene;
}

const texts = (items: readonly SceneItem[]) => allItems(items).flatMap((i) => (i.type === 'text' ? [i.lines.join(' ')] : []));

/** The box of a drawn item; text by its measured glyphs, paths by the numbers of their data. */
function boxOf(it: SceneItem): Rect | undefined {
  switch (it.type) {
    case 'rect': return { x: it.x, y: it.y, w: it.w, h: it.h };
    case 'ellipse': return { x: it.cx - it.rx, y: it.cy - it.ry, w: 2 * it.rx, h: 2 * it.ry };
    case 'polygon': { const xs = it.points.map((p) => p[0]); const ys = it.points.map((p) => p[1]); return { x: Math.min(...xs), y: Math.min(...ys), w: Math.max(...xs) - Math.min(...xs), h: Math.max(...ys) - Math.min(...ys) }; }
    case 'path': {
      // y of every "x,y" pair and every V; H moves only sideways.
      const ys = [...it.d.matchAll(/-?\d+(?:\.\d+)?,(-?\d+(?:\.\d+)?)|V\s*(-?\d+(?:\.\d+)?)/g)].map((m) => Number(m[1] ?? m[2]));
      return ys.length ? { x: 0, y: Math.min(...ys), w: 0, h: Math.max(...ys) - Math.min(...ys) } : undefined;
    }
    case 'text': return textBox(it);
    default: return undefined;
  }
}

const FLOW_ZH = 'kind: flow\ntitle: 售后流程\nhighlight: bottlenecks\nnodes:\n' +
  '  - { id: a, type: start, label: 客户报修 }\n' +
  '  - { id: b, label: 记录报修, metrics: { duration: 8m, volume: 1800, satisfaction: 3.1 }, pains: [等待久, 说明不清, 重复填写], opportunities: [在线自助] }\n' +
  '  - { id: c, label: 上门维修, metrics: { conversion: 50 } }\n' +
  '  - { id: d, type: end, label: 完成 }\nedges:\n  - a -> b -> c -> d\n';
const FLOW_EN = FLOW_ZH.replace('售后流程', 'After-sales').replace('客户报修', 'Customer reports').replace('记录报修', 'Log the request').replace('上门维修', 'Repair on site').replace('完成', 'Done')
  .replace('[等待久, 说明不清, 重复填写]', '[long wait, unclear, typed twice]').replace('[在线自助]', '[self-service]');

describe('locale', () => {
  it('is zh-CN when the labels are mostly Chinese, else en; the document and the caller override it', () => {
    expect([detectLocale(['客户报修', 'CRM']), detectLocale(['VIP 客户']), detectLocale(['Customer reports a fault 报修']), detectLocale(['Log'])]).toEqual(['zh-CN', 'zh-CN', 'en', 'en']);
    expect(checked(FLOW_ZH).model.locale).toBe('zh-CN');
    expect(checked(FLOW_EN).model.locale).toBe('en');
    expect(checked(`locale: en\n${FLOW_ZH}`).model.locale).toBe('en');
    expect(checked(`locale: zh-CN\n${FLOW_ZH}`, { locale: 'en' }).model.locale).toBe('en');
    const bad = checkSource(`locale: fr\n${FLOW_ZH}`, { file: 'x.yaml' });
    expect(bad.diagnostics.map((d) => d.rule)).toContain('schema');
  });

  it('formats numbers and durations without Intl, in each locale\'s way', () => {
    expect([groupDigits(1800, 'zh-CN'), groupDigits(1234567, 'en'), compactCount(1800, 'en'), compactCount(12400, 'en'), compactCount(1800, 'zh-CN')]).toEqual(['1\u00a0800', '1,234,567', '1.8k', '12k', '1\u00a0800']);
    expect([durationText('8m', 'zh-CN'), durationText('8m', 'en'), durationText('1d', 'en'), durationText('3d', 'en')]).toEqual(['8\u00a0分钟', '8\u00a0min', '1\u00a0day', '3\u00a0days']);
    expect(firstItems(['a', 'b', 'c', 'd'], 2, 'en')).toBe('a; b +2');
  });

  it('writes flow captions in words, pains and opportunities as text, in Chinese and in English', async () => {
    const zh = texts((await sceneOf(FLOW_ZH)).items).join('\n');
    expect(zh).toContain('时长\u00a08\u00a0分钟\u00a0· 1\u00a0800\u00a0人\u00a0· 满意度\u00a03.1');
    expect(zh).toContain('痛点：等待久；说明不清 +1');
    expect(zh).toContain('机会：在线自助');
    expect(zh).not.toMatch(/[×★⚠✚]/);
    const en = texts((await sceneOf(FLOW_EN)).items).join('\n');
    expect(en).toContain('8\u00a0min\u00a0· 1.8k\u00a0customers\u00a0· CSAT\u00a03.1');
    expect(en).toContain('Pain: long wait; unclear +1');
  });

  it('breaks a flow caption only between whole figures, each broken line ending with its dot', () => {
    const line = '时长\u00a08\u00a0分钟\u00a0· 1\u00a0800\u00a0人\u00a0· 满意度\u00a03.1';
    expect(packFigures(line, 1000)).toBe(line);
    expect(packFigures(line, 90).split('\n')).toEqual(['时长\u00a08\u00a0分钟\u00a0·', '1\u00a0800\u00a0人\u00a0·', '满意度\u00a03.1']);
  });

  it('marks the step of lowest conversion as a bottleneck under highlight: bottlenecks, with the reason in its tooltip', async () => {
    const scene = await sceneOf(FLOW_ZH);
    const c = allItems(scene.items).find((i) => i.type === 'group' && i.attrs?.['data-id'] === 'c');
    expect(c?.type === 'group' && c.className).toContain('jf-bottleneck');
    expect(c?.type === 'group' && c.tooltip).toContain('瓶颈：转化最低（50%）');
  });

  it('is chosen by --locale on build, over the document\'s own', async () => {
    const dir = tmpDir();
    const file = path.join(dir, 'x.flow.yaml');
    fs.writeFileSync(file, `locale: zh-CN\n${FLOW_ZH}`);
    let out = '';
    const sink = new Writable({ write(c, _e, done) { out += String(c); done(); } });
    const code = await main(['node', 'journeyflow', 'build', file, '-o', '-', '-f', 'txt', '--locale', 'en', '-q'], sink, sink);
    expect(code).toBe(0);
    expect(out).toContain('Legend');
    expect(out).toContain('▲ Bottleneck');
    expect(out).not.toContain('图例');
  });
});

/** Flows without volumes or bottlenecks: every caption is in words, nothing needs a key. */
const UNMARKED = new Set(['feedback-handling.flow.yaml', 'onsite-repair.flow.yaml']);

describe('legend', () => {
  for (const f of exampleFiles) {
    it(`${f}: a legend under the drawing when marks are encoded, overlapping nothing, inside the canvas`, async () => {
      const abs = path.join(EXAMPLES, f);
      const scene = await sceneOf(fs.readFileSync(abs, 'utf8'), { absPath: abs, root: EXAMPLES });
      const legend = scene.items.find((i) => i.type === 'group' && i.className === 'jf-legend jf-key');
      expect(legend !== undefined, 'a legend exactly when the picture encodes marks').toBe(!UNMARKED.has(f));
      if (!legend) return;
      const top = Math.min(...allItems([legend!]).map(boxOf).filter((b) => b !== undefined).map((b) => b.y));
      const drawing = scene.items.filter((i) => i !== legend).flatMap((i) => allItems([i])).map(boxOf).filter((b) => b !== undefined);
      expect(Math.max(...drawing.map((b) => b.y + b.h))).toBeLessThanOrEqual(top);
      for (const b of allItems([legend!]).map(boxOf).filter((x) => x !== undefined)) expect(b.y + b.h).toBeLessThanOrEqual(scene.height);
      const off = await sceneOf(`legend: false\n${fs.readFileSync(abs, 'utf8')}`, { absPath: abs, root: EXAMPLES });
      expect(off.items.some((i) => i.type === 'group' && i.className === 'jf-legend jf-key')).toBe(false);
      expect(off.height).toBeLessThan(scene.height);
    });
  }

  it('is left out with legend: false, in the picture and in txt', async () => {
    const off = `legend: false\n${FLOW_ZH}`;
    const scene = await sceneOf(off);
    expect(scene.items.some((i) => i.type === 'group' && i.className?.includes('jf-key'))).toBe(false);
    expect(scene.height).toBeLessThan((await sceneOf(FLOW_ZH)).height);
    const doc = checked(off);
    expect((await doc.definition.toText(doc.model)).join('\n')).not.toContain('图例');
    const on = checked(FLOW_ZH);
    expect((await on.definition.toText(on.model)).join('\n')).toContain('图例\n  ▲ 瓶颈');
  });

  it('keys a lifecycle\'s share bars and final states, whose customers are counted apart', async () => {
    const yaml = 'kind: lifecycle\ntitle: 分层\nstates:\n  - { id: a, label: 活跃客户, count: 900 }\n  - { id: b, label: 沉睡客户, count: 100 }\n  - { id: z, label: 流失客户, count: 500, final: true }\ntransitions:\n  - a -> b -> z\n';
    const all = texts((await sceneOf(yaml)).items).join('\n');
    expect(all).toContain('在册客户 1\u00a0000（不含终止状态） · 流失客户 500，另计');
    expect(all).toContain('900 · 90%');
    expect(all).toContain('条长：占在册客户的比例');
  });
});
