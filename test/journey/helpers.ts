import fs from 'node:fs';
import path from 'node:path';
import { checkSource, renderDocument } from '../../src/compile.js';
import type { JourneyModel } from '../../src/kinds/journey/model.js';
import { measureLine } from '../../src/layout/text.js';
import type { Scene, SceneItem } from '../../src/scene/types.js';
import { ROOT } from '../support/cli.js';

export const EXAMPLES = path.join(ROOT, 'examples');

/** The model of the first document of a YAML text (which must pass schema validation). */
export function modelOf(yaml: string, options: { absPath?: string; root?: string } = {}): JourneyModel {
  const r = checkSource(yaml, { file: 'test.yaml', ...options });
  const doc = r.documents[0];
  if (!doc || doc.kind !== 'journey') throw new Error(`not a journey: ${JSON.stringify(r.diagnostics)}`);
  return doc.model as JourneyModel;
}

export async function sceneOf(yaml: string, options: { absPath?: string; root?: string; theme?: string } = {}): Promise<{ scene: Scene; svg: string; mermaid: string }> {
  const r = checkSource(yaml, { file: 'test.yaml', ...options });
  const doc = r.documents[0];
  if (!doc?.ok) throw new Error(`not renderable: ${JSON.stringify(r.diagnostics)}`);
  return renderDocument(doc, options);
}

export const example = (name: string) => ({ yaml: fs.readFileSync(path.join(EXAMPLES, name), 'utf8'), absPath: path.join(EXAMPLES, name), root: EXAMPLES });

/** Every group with the given class (all of its classes listed), depth first. */
export function groups(items: readonly SceneItem[], ...classes: string[]): Array<Extract<SceneItem, { type: 'group' }>> {
  const out: Array<Extract<SceneItem, { type: 'group' }>> = [];
  const walk = (list: readonly SceneItem[]) => {
    for (const it of list) {
      if (it.type !== 'group') continue;
      const cls = (it.className ?? '').split(/\s+/);
      if (classes.every((c) => cls.includes(c))) out.push(it);
      walk(it.children);
    }
  };
  walk(items);
  return out;
}

export function allItems(items: readonly SceneItem[]): SceneItem[] {
  return items.flatMap((it) => (it.type === 'group' ? [it, ...allItems(it.children)] : [it]));
}

export type Rect = { x: number; y: number; w: number; h: number };
type TextItem = Extract<SceneItem, { type: 'text' }>;

/** The box a text item's glyphs occupy, from its anchor, baseline and measured line widths. */
export function textBox(t: TextItem): Rect {
  const size = t.style.size;
  const weight = t.style.weight === 'bold' ? 'bold' : 'normal';
  const w = Math.max(0, ...t.lines.map((l) => measureLine(l, size, weight)));
  const anchor = t.style.anchor ?? 'start';
  const x = anchor === 'middle' ? t.x - w / 2 : anchor === 'end' ? t.x - w : t.x;
  // textBlock puts the first baseline at top + lineHeight/2 + 0.36·size.
  const top = t.y - t.lineHeight / 2 - size * 0.36;
  return { x, y: top, w, h: t.lines.length * t.lineHeight };
}

export const inside = (a: Rect, b: Rect, eps = 0.6) => a.x >= b.x - eps && a.y >= b.y - eps && a.x + a.w <= b.x + b.w + eps && a.y + a.h <= b.y + b.h + eps;
export const overlaps = (a: Rect, b: Rect) => a.x < b.x + b.w - 0.01 && b.x < a.x + a.w - 0.01 && a.y < b.y + b.h - 0.01 && b.y < a.y + a.h - 0.01;

export function firstRect(g: Extract<SceneItem, { type: 'group' }>): Rect {
  const r = g.children.find((c) => c.type === 'rect');
  if (!r || r.type !== 'rect') throw new Error(`group ${g.className} has no rect`);
  return { x: r.x, y: r.y, w: r.w, h: r.h };
}
