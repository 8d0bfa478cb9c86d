import { METRIC_RANGES } from './font-metrics.js';
import { breakParagraph } from './line-break.js';

export type FontWeight = 'normal' | 'bold';

interface WidthTable {
  ranges: Array<{ lo: number; widths: Uint16Array }>;
  /**
   * The width of each code point of the Basic Multilingual Plane once it has been asked for
   * (UNKNOWN until then): every character of every label is measured, often several times, and a
   * lookup is cheaper than the range tests below.
   */
  bmp: Uint16Array;
}

const UNKNOWN = 0xffff;
const tables: Partial<Record<FontWeight, WidthTable>> = {};

function table(weight: FontWeight): WidthTable {
  let t = tables[weight];
  if (!t) {
    const src = METRIC_RANGES[weight === 'bold' ? 'bold' : 'regular'];
    t = { ranges: src.map(([lo, list]) => ({ lo, widths: Uint16Array.from(list.split(','), Number) })), bmp: new Uint16Array(0x10000).fill(UNKNOWN) };
    tables[weight] = t;
  }
  return t;
}

/** East Asian wide and full-width characters: drawn one em wide by every CJK font. */
export function isWide(cp: number): boolean {
  return (
    (cp >= 0x1100 && cp <= 0x115f) || (cp >= 0x2e80 && cp <= 0x303e) || (cp >= 0x3041 && cp <= 0x33ff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0xa000 && cp <= 0xa4cf) ||
    (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) || (cp >= 0xffe0 && cp <= 0xffe6) || (cp >= 0x1f300 && cp <= 0x1faff) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  );
}

/** Advance width of one code point in em/1000. */
export function charWidth(cp: number, weight: FontWeight = 'normal'): number {
  const t = table(weight);
  if (cp >= 0x10000) return lookUpWidth(cp, t);
  const known = t.bmp[cp];
  return known !== UNKNOWN ? known : (t.bmp[cp] = lookUpWidth(cp, t));
}

function lookUpWidth(cp: number, t: WidthTable): number {
  if (isWide(cp)) return 1000;
  if (cp < 0x20 || (cp >= 0x200b && cp <= 0x200f) || (cp >= 0x300 && cp <= 0x36f) || cp === 0xfeff) return 0;
  for (const r of t.ranges) {
    const i = cp - r.lo;
    if (i >= 0 && i < r.widths.length) return r.widths[i];
  }
  return 640;
}

/** Width of a single line of text in pixels at `size`. */
export function measureLine(text: string, size: number, weight: FontWeight = 'normal'): number {
  let units = 0;
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i)!;
    units += charWidth(cp, weight);
    i += cp > 0xffff ? 2 : 1;
  }
  return (units * size) / 1000;
}

export interface WrappedText {
  lines: string[];
  width: number;
  height: number;
  lineHeight: number;
}

export const LINE_HEIGHT = 1.3;

/**
 * Wraps text to `maxWidth` by UAX #14 with the Chinese line-start/line-end rules, breaking Chinese
 * at word boundaries and Latin at spaces, in balanced lines (see line-break.ts). A word is split
 * only when it alone is wider than a line, or when splitting is what keeps the text within
 * `maxLines`. Explicit newlines are kept.
 */
export function wrapText(text: string, size: number, maxWidth: number, weight: FontWeight = 'normal', maxLines = Infinity): WrappedText {
  // Widths in em/1000 against a limit in the same units: the sums are those of measureLine.
  const widthOf = weight === 'bold' ? boldWidth : normalWidth;
  const max = (maxWidth * 1000) / size;
  const paragraphs = text.replace(/\r\n?/g, '\n').split(/[\n\u2028\u2029]/);
  let lines = paragraphs.flatMap((p) => breakParagraph(p, { widthOf, max }));
  if (lines.length > maxLines) lines = paragraphs.flatMap((p) => breakParagraph(p, { widthOf, max, splitWords: true }));
  if (lines.length > maxLines) {
    lines = lines.slice(0, maxLines);
    lines[maxLines - 1] = ellipsize(lines[maxLines - 1], size, maxWidth, weight);
  }
  let width = 0;
  for (const l of lines) width = Math.max(width, measureLine(l, size, weight));
  const lineHeight = size * LINE_HEIGHT;
  return { lines, width, height: lines.length * lineHeight, lineHeight };
}

const normalWidth = (cp: number): number => charWidth(cp, 'normal');
const boldWidth = (cp: number): number => charWidth(cp, 'bold');

function ellipsize(line: string, size: number, maxWidth: number, weight: FontWeight): string {
  const chars = [...line];
  while (chars.length && measureLine(chars.join('') + '…', size, weight) > maxWidth) chars.pop();
  return chars.join('') + '…';
}
