import { METRIC_RANGES } from './font-metrics.js';

export type FontWeight = 'normal' | 'bold';

interface WidthTable { ranges: Array<{ lo: number; widths: Uint16Array }> }

const tables: Partial<Record<FontWeight, WidthTable>> = {};

function table(weight: FontWeight): WidthTable {
  let t = tables[weight];
  if (!t) {
    const src = METRIC_RANGES[weight === 'bold' ? 'bold' : 'regular'];
    t = { ranges: src.map(([lo, list]) => ({ lo, widths: Uint16Array.from(list.split(','), Number) })) };
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
  if (isWide(cp)) return 1000;
  if (cp < 0x20 || (cp >= 0x200b && cp <= 0x200f) || (cp >= 0x300 && cp <= 0x36f) || cp === 0xfeff) return 0;
  for (const r of table(weight).ranges) {
    const i = cp - r.lo;
    if (i >= 0 && i < r.widths.length) return r.widths[i];
  }
  return 640;
}

/** Width of a single line of text in pixels at `size`. */
export function measureLine(text: string, size: number, weight: FontWeight = 'normal'): number {
  let units = 0;
  for (const ch of text) units += charWidth(ch.codePointAt(0)!, weight);
  return (units * size) / 1000;
}

export interface WrappedText {
  lines: string[];
  width: number;
  height: number;
  lineHeight: number;
}

export const LINE_HEIGHT = 1.3;

/** Splits text into break units: a CJK character stands alone; Latin words keep their trailing space. */
function tokens(paragraph: string): string[] {
  const out: string[] = [];
  let word = '';
  for (const ch of paragraph) {
    const cp = ch.codePointAt(0)!;
    if (isWide(cp)) {
      if (word) out.push(word);
      word = '';
      out.push(ch);
    } else if (ch === ' ') {
      out.push(word + ' ');
      word = '';
    } else {
      word += ch;
      // Break after hyphens and slashes too, as browsers do.
      if (ch === '-' || ch === '/') { out.push(word); word = ''; }
    }
  }
  if (word) out.push(word);
  return out;
}

const CLOSING_PUNCTUATION = new Set([...'，。、；：？！）》」』】〕,.;:?!)]}…']);

/**
 * Wraps text to `maxWidth`: CJK may break between any two characters (never before closing
 * punctuation), Latin at spaces, and a word longer than a line is broken by characters.
 * Explicit newlines are kept. Linear in the text's length.
 */
export function wrapText(text: string, size: number, maxWidth: number, weight: FontWeight = 'normal', maxLines = Infinity): WrappedText {
  const lines: string[] = [];
  for (const paragraph of text.replace(/\r\n?/g, '\n').split(/[\n\u2028\u2029]/)) {
    let line = '';
    let lineWidth = 0;
    const flush = () => { lines.push(line.trimEnd()); line = ''; lineWidth = 0; };
    for (const tok of tokens(paragraph)) {
      const w = measureLine(tok, size, weight);
      const trimmedW = measureLine(tok.trimEnd(), size, weight);
      if (line && lineWidth + trimmedW > maxWidth) {
        // Closing punctuation never starts a line: carry the previous CJK character along with it.
        const chars = [...line];
        const carry = CLOSING_PUNCTUATION.has(tok) && chars.length > 1 && isWide(chars[chars.length - 1].codePointAt(0)!) ? chars.pop()! : '';
        line = chars.join('');
        flush();
        if (carry) { line = carry; lineWidth = measureLine(carry, size, weight); }
      }
      if (!line && trimmedW > maxWidth) {
        // A single unit wider than the line: break it by characters.
        for (const ch of tok) {
          const cw = measureLine(ch, size, weight);
          if (line && lineWidth + cw > maxWidth) flush();
          line += ch;
          lineWidth += cw;
        }
        continue;
      }
      line += tok;
      lineWidth += w;
    }
    flush();
  }
  let out = lines;
  if (out.length > maxLines) {
    out = out.slice(0, maxLines);
    out[maxLines - 1] = ellipsize(out[maxLines - 1], size, maxWidth, weight);
  }
  const width = Math.max(0, ...out.map((l) => measureLine(l, size, weight)));
  const lineHeight = size * LINE_HEIGHT;
  return { lines: out, width, height: out.length * lineHeight, lineHeight };
}

function ellipsize(line: string, size: number, maxWidth: number, weight: FontWeight): string {
  const chars = [...line];
  while (chars.length && measureLine(chars.join('') + '…', size, weight) > maxWidth) chars.pop();
  return chars.join('') + '…';
}
