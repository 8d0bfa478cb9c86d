/**
 * A character grid for plain-text pictures. East Asian wide characters take two columns (the same
 * `isWide` the layout measures with); line cells keep the directions they connect, so crossings,
 * corners and tees come out as the right box-drawing character whatever order they are drawn in.
 */
import { breakParagraph } from '../../layout/line-break.js';
import { isWide } from '../../layout/text.js';

export const UP = 1;
export const DOWN = 2;
export const LEFT = 4;
export const RIGHT = 8;

const LINE: Record<number, string> = {
  [UP]: '│', [DOWN]: '│', [UP | DOWN]: '│', [LEFT]: '─', [RIGHT]: '─', [LEFT | RIGHT]: '─',
  [DOWN | RIGHT]: '┌', [DOWN | LEFT]: '┐', [UP | RIGHT]: '└', [UP | LEFT]: '┘',
  [UP | DOWN | RIGHT]: '├', [UP | DOWN | LEFT]: '┤', [DOWN | LEFT | RIGHT]: '┬', [UP | LEFT | RIGHT]: '┴',
  [UP | DOWN | LEFT | RIGHT]: '┼',
};

/** Display width of a string in terminal columns. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x20 || (cp >= 0x300 && cp <= 0x36f) || (cp >= 0x200b && cp <= 0x200f) || cp === 0xfeff) continue;
    w += isWide(cp) ? 2 : 1;
  }
  return w;
}

/** Control characters and zero-width marks would break the grid: shown as spaces / dropped. */
export const clean = (s: string): string => s.replace(/[\t\u2028\u2029]/g, ' ').replace(/[\u0000-\u001f\u007f\u200b-\u200f\ufeff\u0300-\u036f]/g, '');

/** Terminal columns of one code point, as displayWidth counts them. */
const colsOf = (cp: number): number =>
  cp < 0x20 || (cp >= 0x300 && cp <= 0x36f) || (cp >= 0x200b && cp <= 0x200f) || cp === 0xfeff ? 0 : isWide(cp) ? 2 : 1;

/**
 * Wraps text to at most `max` columns by the same rules as the pictures' labels (UAX #14, the
 * Chinese line-start/line-end rules, word boundaries, balanced lines): a txt picture and an SVG of
 * one diagram break a label alike.
 */
export function wrapCols(text: string, max: number): string[] {
  const out: string[] = [];
  for (const para of text.replace(/\r\n?|[\u2028\u2029]/g, '\n').split('\n').map(clean)) {
    // Runs of spaces count once, as they always did in txt pictures.
    out.push(...breakParagraph(para.replace(/\s+/g, ' ').trimStart(), { widthOf: colsOf, max }));
  }
  return out;
}

/** `s` padded with spaces to `width` columns (left, centre or right). */
export function pad(s: string, width: number, align: 'left' | 'center' | 'right' = 'left'): string {
  const room = Math.max(0, width - displayWidth(s));
  const left = align === 'center' ? Math.floor(room / 2) : align === 'right' ? room : 0;
  return ' '.repeat(left) + s + ' '.repeat(room - left);
}

interface Cell { ch?: string; dirs: number; cont?: boolean }

export class Canvas {
  private rows: Cell[][] = [];

  private cell(x: number, y: number): Cell {
    while (this.rows.length <= y) this.rows.push([]);
    const row = this.rows[y];
    while (row.length <= x) row.push({ dirs: 0 });
    return row[x];
  }

  /** Joins line directions into the cell at (x, y). */
  line(x: number, y: number, dirs: number): void {
    const c = this.cell(x, y);
    if (c.ch === undefined && !c.cont) c.dirs |= dirs;
  }

  hline(x0: number, x1: number, y: number): void {
    const [a, b] = x0 <= x1 ? [x0, x1] : [x1, x0];
    for (let x = a; x <= b; x++) this.line(x, y, (x > a ? LEFT : 0) | (x < b ? RIGHT : 0));
  }

  vline(x: number, y0: number, y1: number): void {
    const [a, b] = y0 <= y1 ? [y0, y1] : [y1, y0];
    for (let y = a; y <= b; y++) this.line(x, y, (y > a ? UP : 0) | (y < b ? DOWN : 0));
  }

  /** Writes text from column x; a wide character fills two cells. Text wins over lines. */
  text(x: number, y: number, s: string): void {
    let cx = x;
    for (const ch of clean(s)) {
      const w = isWide(ch.codePointAt(0)!) ? 2 : 1;
      const c = this.cell(cx, y);
      c.ch = ch; c.dirs = 0; c.cont = false;
      if (w === 2) { const n = this.cell(cx + 1, y); n.ch = undefined; n.dirs = 0; n.cont = true; }
      cx += w;
    }
  }

  box(x: number, y: number, w: number, h: number): void {
    this.hline(x, x + w - 1, y);
    this.hline(x, x + w - 1, y + h - 1);
    this.vline(x, y, y + h - 1);
    this.vline(x + w - 1, y, y + h - 1);
  }

  /** Whether any cell of the span holds something. */
  busy(x0: number, x1: number, y: number): boolean {
    const row = this.rows[y];
    if (!row) return false;
    for (let x = x0; x <= x1; x++) { const c = row[x]; if (c && (c.ch !== undefined || c.dirs || c.cont)) return true; }
    return false;
  }

  toLines(): string[] {
    return this.rows.map((row) => row.map((c) => (c.cont ? '' : c.ch ?? (c.dirs ? LINE[c.dirs] : ' '))).join('').trimEnd());
  }
}
