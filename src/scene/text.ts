import type { WrappedText } from '../layout/text.js';
import type { SceneItem, TextStyle } from './types.js';

/** Baseline offset from the middle of a line box: places glyphs visually centred in their line. */
export const BASELINE_FROM_MIDDLE = 0.36;

/** A text item whose block of lines starts at `top`; x is the anchor point (middle by default). */
export function textBlock(text: WrappedText, x: number, top: number, style: TextStyle, className?: string): SceneItem {
  const y = top + text.lineHeight / 2 + style.size * BASELINE_FROM_MIDDLE;
  return { type: 'text', x, y, lines: text.lines, lineHeight: text.lineHeight, style: { anchor: 'middle', ...style }, className };
}
