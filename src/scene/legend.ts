/**
 * The key to a diagram's encoded marks (colours, line widths, marker shapes), drawn under the
 * drawing: the scene grows to hold it, so the legend can never cover a node, a curve or a label.
 * Each kind says which keys its picture needs; this module only lays them out, the same way for all.
 */
import { wrapText } from '../layout/text.js';
import { textBlock } from './text.js';
import type { Scene, SceneItem } from './types.js';

/** One key: a swatch drawn in a SWATCH_W × SWATCH_H box at (x, y), its meaning, and the same key as plain text for `-f txt` ('' when the text picture shows the thing in words already). */
export interface LegendKey {
  swatch(x: number, y: number): SceneItem[];
  text: string;
  txt: string;
}

/** The colours the legend's own frame needs; every theme has them (a type of its own keeps scene/ free of render/). */
export interface LegendPaint { border: string; mutedText: string; text: string }

export const SWATCH_W = 26;
export const SWATCH_H = 16;
const SIZE = 12;
const PAD = 24;
const GAP_X = 22;
const GAP_Y = 8;
const MAX_TEXT_W = 260;

/** A rectangle swatch: a node's outline and fill. */
export const boxSwatch = (fill: string, stroke: string, strokeWidth: number, dash?: string) => (x: number, y: number): SceneItem[] => [
  { type: 'rect', x: x + 1, y: y + 1, w: SWATCH_W - 2, h: SWATCH_H - 2, rx: 3, fill, stroke, strokeWidth, dash, className: 'jf-legend-swatch' },
];

/** A line swatch: an edge or curve of this colour, width and dash. */
export const lineSwatch = (stroke: string, width: number, dash?: string) => (x: number, y: number): SceneItem[] => [
  { type: 'path', d: `M${x},${y + SWATCH_H / 2} H${x + SWATCH_W}`, stroke, strokeWidth: width, dash, className: 'jf-legend-swatch' },
];

/**
 * Appends the keys under the scene (`jf-legend jf-key`), wrapping into rows no wider than the
 * drawing (or 480 units for a narrow one), and grows the scene's height and, if needed, its width.
 */
export function appendLegend(scene: Scene, title: string, keys: readonly LegendKey[], theme: LegendPaint): Scene {
  if (!keys.length) return scene;
  const maxW = Math.max(scene.width - 2 * PAD, 480);
  const top = scene.height - PAD + 16;
  const heading = wrapText(title, SIZE, maxW, 'bold', 1);
  const children: SceneItem[] = [
    { type: 'path', d: `M${PAD},${top - 8} H${PAD + maxW}`, stroke: theme.border, strokeWidth: 0.8, className: 'jf-legend-rule' },
    textBlock(heading, PAD, top, { size: SIZE, weight: 'bold', fill: theme.mutedText, anchor: 'start' }),
  ];
  let x = PAD + heading.width + GAP_X;
  let y = top;
  let rowH = Math.max(SWATCH_H, heading.height);
  let right = x;
  for (const key of keys) {
    const text = wrapText(key.text, SIZE, MAX_TEXT_W, 'normal');
    const w = SWATCH_W + 6 + text.width;
    if (x > PAD && x + w > PAD + maxW) { x = PAD; y += rowH + GAP_Y; rowH = SWATCH_H; }
    const h = Math.max(SWATCH_H, text.height);
    children.push({ type: 'group', className: 'jf-legend-key', children: [...key.swatch(x, y + (Math.min(h, 2 * SWATCH_H) - SWATCH_H) / 2), textBlock(text, x + SWATCH_W + 6, y + (h - text.height) / 2, { size: SIZE, fill: theme.text, anchor: 'start' })] });
    x += w + GAP_X;
    right = Math.max(right, x - GAP_X);
    rowH = Math.max(rowH, h);
  }
  const legend: SceneItem = { type: 'group', className: 'jf-legend jf-key', children };
  return { ...scene, items: [...scene.items, legend], width: Math.max(scene.width, Math.ceil(right + PAD)), height: Math.ceil(y + rowH + PAD) };
}

/** The same keys as lines of a text picture: a blank line, then "图例：…" / "Legend: …", one key a line. */
export function legendLines(title: string, keys: readonly LegendKey[]): string[] {
  const shown = keys.filter((k) => k.txt);
  if (!shown.length) return [];
  return ['', title, ...shown.map((k) => `  ${k.txt}`)];
}
