import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkSource, drawDocument } from '../../src/compile.js';
import { measureLine } from '../../src/layout/text.js';
import { BASELINE_FROM_MIDDLE } from '../../src/scene/text.js';
import type { Scene, SceneItem } from '../../src/scene/types.js';
import { ROOT } from '../support/cli.js';

interface Extent { text: string; x0: number; x1: number; y0: number; y1: number }

/** The box every line of every text item covers, measured as the layout measures it. */
function textExtents(items: SceneItem[], out: Extent[] = []): Extent[] {
  for (const item of items) {
    if (item.type === 'group') textExtents(item.children, out);
    if (item.type !== 'text') continue;
    const { size, weight = 'normal', anchor = 'middle' } = item.style;
    const top = item.y - size * BASELINE_FROM_MIDDLE - item.lineHeight / 2;
    item.lines.forEach((line, i) => {
      const w = measureLine(line, size, weight);
      const x0 = anchor === 'start' ? item.x : anchor === 'end' ? item.x - w : item.x - w / 2;
      out.push({ text: line, x0, x1: x0 + w, y0: top + i * item.lineHeight, y1: top + (i + 1) * item.lineHeight });
    });
  }
  return out;
}

function expectInside(scene: Scene, name: string) {
  const extents = textExtents(scene.items);
  expect(extents.length, `${name} has text`).toBeGreaterThan(0);
  const outside = extents.filter((e) => e.x0 < -0.5 || e.y0 < -0.5 || e.x1 > scene.width + 0.5 || e.y1 > scene.height + 0.5);
  expect(outside.map((e) => `${name}: "${e.text}" at ${e.x0.toFixed(1)}..${e.x1.toFixed(1)} × ${e.y0.toFixed(1)}..${e.y1.toFixed(1)} in ${scene.width}×${scene.height}`)).toEqual([]);
}

async function scenesOf(source: string, absPath: string): Promise<Scene[]> {
  const { documents, diagnostics } = checkSource(source, { file: path.basename(absPath), absPath });
  expect(diagnostics.filter((d) => d.severity === 'error'), absPath).toEqual([]);
  const scenes: Scene[] = [];
  for (const doc of documents) scenes.push((await drawDocument(doc, { absPath })).scene);
  return scenes;
}

const yamlFiles = (dir: string) => fs.readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).map((f) => path.join(dir, f));

/** A flow of `count` steps in `lanes` lanes, drawn in `direction`, under `title`. */
function generatedFlow(direction: string, title: string, count: number, lanes: number): string {
  const laneIds = Array.from({ length: lanes }, (_, i) => `l${i}`);
  const nodes = Array.from({ length: count }, (_, i) => {
    const type = i === 0 ? 'start' : i === count - 1 ? 'end' : 'activity';
    const lane = lanes ? `, lane: ${laneIds[i % lanes]}` : '';
    return `  - { id: n${i}, type: ${type}, label: 步骤${i}${lane} }`;
  });
  const chain = Array.from({ length: count }, (_, i) => `n${i}`).join(' -> ');
  return [
    'kind: flow',
    `title: ${JSON.stringify(title)}`,
    `direction: ${direction}`,
    ...(lanes ? ['lanes:', ...laneIds.map((id, i) => `  - { id: ${id}, label: 部门${i} }`)] : []),
    'nodes:', ...nodes,
    'edges:', `  - ${chain}`,
  ].join('\n');
}

const LONG_TITLES = [
  '信用卡客户投诉处理与监管转办全流程（含回访与满意度调查）',
  'Credit card complaint handling from the first call to the regulator and back, with callbacks',
  'Supercalifragilisticexpialidociouslylongtitlewithoutanyspaceswhatsoeverinit',
];

describe('nothing leaves the canvas: every text lies inside the viewBox', () => {
  it('in every example and every shared good case', async () => {
    const files = [...yamlFiles(path.join(ROOT, 'examples')), ...yamlFiles(path.join(ROOT, 'test', 'cases', 'good'))];
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) for (const scene of await scenesOf(fs.readFileSync(file, 'utf8'), file)) expectInside(scene, path.basename(file));
  });

  it('in narrow and wide generated flows in every direction, with long titles', async () => {
    const abs = path.join(ROOT, 'test', 'generated.flow.yaml');
    for (const direction of ['TB', 'LR', 'BT', 'RL']) {
      for (const title of LONG_TITLES) {
        for (const [count, lanes] of [[2, 0], [3, 1], [12, 4]]) {
          const [scene] = await scenesOf(generatedFlow(direction, title, count, lanes), abs);
          expectInside(scene, `${direction} ${count} steps in ${lanes} lanes, "${title.slice(0, 12)}…"`);
          const titleLines = textExtents(scene.items.filter((i) => i.type === 'group' && i.className === 'jf-title'));
          expect(titleLines.map((l) => l.text).join('').replace(/ /g, '')).toBe(title.replace(/ /g, ''));
        }
      }
    }
  });

  it('in narrow journeys, lifecycles and funnels with long titles', async () => {
    const abs = (kind: string) => path.join(ROOT, 'test', `generated.${kind}.yaml`);
    for (const title of LONG_TITLES) {
      const t = JSON.stringify(title);
      const sources: Array<[string, string]> = [
        ['journey', `kind: journey\ntitle: ${t}\nstages:\n  - { id: a, label: 了解, steps: [{ label: 看到广告, emotion: 3 }] }\n`],
        ['lifecycle', `kind: lifecycle\ntitle: ${t}\nstates:\n  - { id: a, label: 新客 }\n  - { id: b, label: 流失, final: true }\ntransitions:\n  - a -> b\n`],
        ['funnel', `kind: funnel\ntitle: ${t}\nstages:\n  - { id: a, label: 访问, count: 100 }\n  - { id: b, label: 购买, count: 10 }\n`],
      ];
      for (const [kind, source] of sources) for (const scene of await scenesOf(source, abs(kind))) expectInside(scene, `${kind} "${title.slice(0, 12)}…"`);
    }
  });

  it('a narrow TB flow grows to its title instead of cutting it (the 158 px case)', async () => {
    const [scene] = await scenesOf(generatedFlow('TB', LONG_TITLES[0], 2, 0), path.join(ROOT, 'test', 'generated.flow.yaml'));
    const title = textExtents(scene.items.filter((i) => i.type === 'group' && i.className === 'jf-title'));
    expect(Math.max(...title.map((l) => l.x1))).toBeLessThanOrEqual(scene.width);
    expect(scene.width).toBeGreaterThan(158);
  });
});
