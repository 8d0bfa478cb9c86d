// Every user text is wrapped in full (never cut with an ellipsis): the map must show labels literally.
import { wrapText, type WrappedText } from '../../layout/text.js';
import type { Theme } from '../../render/themes.js';
import { textBlock } from '../../scene/text.js';
import type { SceneItem } from '../../scene/types.js';

/*
 * A cell is measured once (its height for the given width) and drawn later, when the row height
 * is known. Every text is wrapped to the width of the box it is drawn in, so it stays inside.
 */
export interface Cell {
  h: number;
  draw(x: number, y: number, w: number, h: number): SceneItem[];
}

export const COL_W = 184;
export const CELL_PAD = 10;
export const NOTE_PAD = 8;
export const GAP = 6;
export const NOTE_SIZE = 12;
export const SMALL_SIZE = 11;

export const EMPTY_CELL: Cell = { h: 0, draw: () => [] };

export interface NotePaint { fill: string; stroke: string; text: string }

/** A stack of notes (pain points, opportunities, blueprint items), one box per text. */
export function noteStack(texts: readonly string[], innerW: number, paint: NotePaint, className: string, options: { prefix?: string; rx?: number; dash?: string; italic?: boolean } = {}): Cell {
  if (!texts.length) return EMPTY_CELL;
  const wrapped = texts.map((t) => wrapText((options.prefix ?? '') + t, NOTE_SIZE, innerW - 2 * NOTE_PAD, 'normal'));
  const heights = wrapped.map((w) => w.height + 2 * 6);
  const h = heights.reduce((a, b) => a + b, 0) + GAP * (texts.length - 1) + 2 * CELL_PAD;
  return {
    h,
    draw(x, y) {
      let top = y + CELL_PAD;
      return wrapped.map((text, i) => {
        const box = { x: x + CELL_PAD, y: top, w: innerW, h: heights[i] };
        top += heights[i] + GAP;
        return {
          type: 'group',
          className: `jf-note ${className}`,
          children: [
            { type: 'rect', ...box, rx: options.rx ?? 4, fill: paint.fill, stroke: paint.stroke, strokeWidth: 1, dash: options.dash, className: 'jf-note-box' },
            textBlock(text, box.x + NOTE_PAD, box.y + 6, { size: NOTE_SIZE, fill: paint.text, anchor: 'start', italic: options.italic }),
          ],
        } satisfies SceneItem;
      });
    },
  };
}

/** Channel chips laid out left to right, wrapping onto new lines like words. */
export function chipFlow(labels: Array<{ id: string; label: string }>, innerW: number, theme: Theme): Cell {
  if (!labels.length) return EMPTY_CELL;
  const chips = labels.map((c) => ({ id: c.id, text: wrapText(c.label, NOTE_SIZE, innerW - 20, 'normal') }));
  const placed: Array<{ id: string; text: WrappedText; dx: number; dy: number; w: number; h: number }> = [];
  let dx = 0;
  let dy = 0;
  let lineH = 0;
  for (const c of chips) {
    const w = Math.ceil(c.text.width) + 20;
    const h = Math.ceil(c.text.height) + 8;
    if (dx > 0 && dx + w > innerW) { dx = 0; dy += lineH + GAP; lineH = 0; }
    placed.push({ id: c.id, text: c.text, dx, dy, w, h });
    dx += w + GAP;
    lineH = Math.max(lineH, h);
  }
  return {
    h: dy + lineH + 2 * CELL_PAD,
    draw(x, y) {
      return placed.map((p) => ({
        type: 'group',
        className: 'jf-chip',
        attrs: { 'data-channel': p.id },
        children: [
          { type: 'rect', x: x + CELL_PAD + p.dx, y: y + CELL_PAD + p.dy, w: p.w, h: p.h, rx: Math.min(12, p.h / 2), fill: theme.chip.fill, stroke: theme.chip.stroke, strokeWidth: 1, className: 'jf-chip-box' },
          textBlock(p.text, x + CELL_PAD + p.dx + p.w / 2, y + CELL_PAD + p.dy + 4, { size: NOTE_SIZE, fill: theme.chip.text }),
        ],
      } satisfies SceneItem));
    },
  };
}

/** A thought as a speech bubble with a small tail, in the customer's words. */
export function thoughtBubble(thought: string | undefined, innerW: number, theme: Theme): Cell {
  if (!thought) return EMPTY_CELL;
  // CJK fonts draw “ ” full width, so Chinese thoughts get 「」 and others straight quotes (both measured right).
  const quoted = /[\u3400-\u9fff]/.test(thought) ? `「${thought}」` : `"${thought}"`;
  const text = wrapText(quoted, NOTE_SIZE, innerW - 2 * NOTE_PAD, 'normal');
  const boxH = text.height + 14;
  const TAIL = 8;
  return {
    h: boxH + TAIL + 2 * CELL_PAD,
    draw(x, y) {
      const bx = x + CELL_PAD;
      const by = y + CELL_PAD;
      return [{
        type: 'group',
        className: 'jf-note jf-thought',
        children: [
          { type: 'rect', x: bx, y: by, w: innerW, h: boxH, rx: 12, fill: theme.thought.fill, stroke: theme.thought.stroke, strokeWidth: 1, className: 'jf-note-box' },
          textBlock(text, bx + NOTE_PAD, by + 7, { size: NOTE_SIZE, fill: theme.thought.text, anchor: 'start', italic: true }),
          { type: 'polygon', points: [[bx + 18, by + boxH - 0.5], [bx + 30, by + boxH - 0.5], [bx + 16, by + boxH + TAIL]], fill: theme.thought.fill, stroke: theme.thought.stroke, strokeWidth: 1, className: 'jf-thought-tail' },
          // Covers the bubble's border where the tail joins it.
          { type: 'path', d: `M${bx + 18.5},${by + boxH} H${bx + 29.5}`, stroke: theme.thought.fill, strokeWidth: 1.5 },
        ],
      }];
    },
  };
}

/** Per-stage list of needs, one bullet each, in one panel. */
export function needsPanel(needs: readonly string[], innerW: number, theme: Theme): Cell {
  if (!needs.length) return EMPTY_CELL;
  const lines = needs.flatMap((n) => wrapText(`• ${n}`, NOTE_SIZE, innerW - 2 * NOTE_PAD, 'normal').lines);
  const text = { lines, width: 0, height: lines.length * NOTE_SIZE * 1.3, lineHeight: NOTE_SIZE * 1.3 };
  const boxH = text.height + 12;
  return {
    h: boxH + 2 * CELL_PAD,
    draw(x, y) {
      return [{
        type: 'group',
        className: 'jf-note jf-needs',
        children: [
          { type: 'rect', x: x + CELL_PAD, y: y + CELL_PAD, w: innerW, h: boxH, rx: 6, fill: theme.background, stroke: theme.border, strokeWidth: 1, className: 'jf-note-box' },
          textBlock(text, x + CELL_PAD + NOTE_PAD, y + CELL_PAD + 6, { size: NOTE_SIZE, fill: theme.text, anchor: 'start' }),
        ],
      }];
    },
  };
}
