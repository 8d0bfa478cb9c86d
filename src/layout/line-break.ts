/**
 * Where a paragraph may break, and at what cost. Break opportunities come from UAX #14 (the
 * `linebreak` package); the Chinese/Japanese line-start and line-end rules (kinsoku) are enforced on
 * top of it, because UAX #14 lets a line start with some closing marks (“…” is IN, `’` QU in some
 * contexts) and is silent about words: in Chinese it allows a break between any two ideographs.
 * Word boundaries come from ICU's dictionary segmentation (`Intl.Segmenter`, Node's full ICU), so
 * a break inside a word such as 减免 or 口径 costs more than an extra line.
 */
import LineBreaker from 'linebreak';

/** Marks that never start a line (closing brackets, quotes, sentence and clause punctuation). */
export const NO_LINE_START = new Set([...'，。、；：？！」』）》】〕〉］｝”’…‥·・ー々ゝゞ,.;:?!)]}%']);
/** Marks that never end a line (opening brackets and quotes). */
export const NO_LINE_END = new Set([...'「『（《【〔〈［｛“‘([{']);

/** Costs of breaking at an opportunity; a line costs LINE, so a cost above it is worth a line. */
export const COST = {
  LINE: 10_000,
  /** Times the squared share of a line left empty: what balances the lines (always less than LINE). */
  RAGGED: 6000,
  /** After a space, or between two words of two or more characters. */
  FREE: 0,
  /** After a hyphen or slash inside a Latin compound. */
  HYPHEN: 300,
  /** Next to a one-character word: often a particle or measure word that belongs with its neighbour. */
  SINGLE: 300,
  /** Between two one-character words: ICU splits a compound it does not know (转办, 年费) that way. */
  SINGLE_PAIR: 4000,
  /** Inside a word: only when nothing else fits (see `splitWords`). */
  IN_WORD: 50_000,
  /** Anywhere between code points, against UAX #14: only for a unit wider than the line. */
  FORCED: 1_000_000,
  /** Against the line-start/line-end rules too: the last resort. */
  FORCED_KINSOKU: 2_000_000,
  /** A last line of a single character when the paragraph has more than four. */
  LONE_LAST: 15_000,
} as const;

export interface Opportunities {
  /** Code-unit offsets where a line may end, ascending; the paragraph's length is the last. */
  at: number[];
  /** The cost of ending a line at `at[i]`. */
  cost: number[];
}

let words: Intl.Segmenter | undefined;
// Chinese word segmentation from ICU's dictionary; the same dictionary serves Japanese kana/kanji.
const wordSegmenter = (): Intl.Segmenter => (words ??= new Intl.Segmenter('zh', { granularity: 'word' }));

const isCjk = (cp: number): boolean =>
  (cp >= 0x2e80 && cp <= 0x9fff) || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0xff00 && cp <= 0xffef) || (cp >= 0x20000 && cp <= 0x3fffd);

const HAS_CJK = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u{20000}-\u{3fffd}]/u;

/** A code point that attaches to the one before it: never a place to break, even a forced one. */
const attaches = (cp: number): boolean =>
  (cp >= 0x300 && cp <= 0x36f) || cp === 0x200d || (cp >= 0xfe00 && cp <= 0xfe0f) || (cp >= 0x1f3fb && cp <= 0x1f3ff) || (cp >= 0xdc00 && cp <= 0xdfff);

/**
 * For each code-unit offset that starts a word: the length in code points of the words around it.
 * Undefined for text without CJK: there UAX #14's opportunities (spaces, hyphens) are the word
 * boundaries, and ICU's segmenter, the costliest step, is not needed.
 */
function wordBoundaries(text: string): Map<number, [number, number]> | undefined {
  if (!HAS_CJK.test(text)) return undefined;
  const out = new Map<number, [number, number]>();
  let prevLen = 0;
  let prevCjk = false;
  for (const { segment, index } of wordSegmenter().segment(text)) {
    const len = segment.length === 1 ? 1 : [...segment].length;
    const cjk = isCjk(segment.codePointAt(0)!);
    // Only CJK words count as "single": a one-letter Latin word is a word like any other.
    if (index > 0) out.set(index, [prevCjk ? prevLen : 2, cjk ? len : 2]);
    prevLen = len;
    prevCjk = cjk;
  }
  return out;
}

function costAt(text: string, pos: number, uax: boolean, bounds: Map<number, [number, number]> | undefined): number {
  const before = text.codePointAt(pos - 1)!;
  const beforeCp = before >= 0xdc00 && before <= 0xdfff ? text.codePointAt(pos - 2)! : before;
  const after = text.codePointAt(pos)!;
  if (attaches(after)) return Infinity;
  const kinsoku = NO_LINE_START.has(String.fromCodePoint(after)) || NO_LINE_END.has(String.fromCodePoint(beforeCp));
  if (kinsoku) return COST.FORCED_KINSOKU;
  if (!uax) return COST.FORCED;
  if (beforeCp === 0x20 || beforeCp === 0x3000 || beforeCp === 0x09) return COST.FREE;
  const hyphen = beforeCp === 0x2d || beforeCp === 0x2f || beforeCp === 0x2010;
  if (!bounds) return hyphen ? COST.HYPHEN : COST.FREE;
  const around = bounds.get(pos);
  if (!around) return COST.IN_WORD;
  if (hyphen) return COST.HYPHEN;
  if (around[0] === 1 && around[1] === 1) return COST.SINGLE_PAIR;
  return around[0] === 1 || around[1] === 1 ? COST.SINGLE : COST.FREE;
}

const cache = new Map<string, Opportunities>();
const CACHE_LIMIT = 4096;

/**
 * The break opportunities of one paragraph (no newlines). Cached by text: every label is wrapped
 * several times while a layout tries widths, and the segmentation does not depend on the width.
 */
export function opportunities(text: string): Opportunities {
  const hit = cache.get(text);
  if (hit) return hit;
  const uax = new Set<number>();
  const breaker = new LineBreaker(text);
  for (let b = breaker.nextBreak(); b; b = breaker.nextBreak()) uax.add(b.position);
  const bounds = wordBoundaries(text);
  const at: number[] = [];
  const cost: number[] = [];
  for (let pos = 1; pos < text.length; pos++) {
    const c = costAt(text, pos, uax.has(pos), bounds);
    if (c !== Infinity) { at.push(pos); cost.push(c); }
  }
  at.push(text.length);
  cost.push(0);
  const result = { at, cost };
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(text, result);
  return result;
}

/** Whether the code point is a letter-like character that would look lonely on a line of its own. */
const isLetter = (cp: number): boolean => !NO_LINE_START.has(String.fromCodePoint(cp)) && !NO_LINE_END.has(String.fromCodePoint(cp)) && cp > 0x20;

/** Letters (not punctuation) in text[from, to). */
function letterCount(text: string, from: number, to: number, stopAt: number): number {
  let n = 0;
  for (let i = from; i < to && n < stopAt; ) {
    const cp = text.codePointAt(i)!;
    if (isLetter(cp)) n++;
    i += cp > 0xffff ? 2 : 1;
  }
  return n;
}

export interface BreakOptions {
  /** Width of a code point in the caller's units (pixels times 1000/size, or terminal columns). */
  widthOf: (cp: number) => number;
  /** The widest a line may be, in the same units. */
  max: number;
  /** Whether a break inside a word is merely expensive, not dearer than a line (for maxLines). */
  splitWords?: boolean;
}

/**
 * Breaks one paragraph into lines: the fewest lines that fit without splitting a word, balanced so
 * that lines are about as long as each other (the sum of squared slack, the last line included,
 * is minimised), with no lone last character. A dynamic programme over the break opportunities,
 * linear in the text times the characters of a line.
 */
export function breakParagraph(text: string, { widthOf, max, splitWords = false }: BreakOptions): string[] {
  if (!text) return [''];
  // Prefix widths per code-unit offset, and each opportunity's width without its trailing spaces.
  const prefix = new Float64Array(text.length + 1);
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i)!;
    const step = cp > 0xffff ? 2 : 1;
    const w = widthOf(cp);
    prefix[i + 1] = prefix[i] + (step === 2 ? 0 : w);
    if (step === 2) prefix[i + 2] = prefix[i] + w;
    i += step;
  }
  // Most labels fit on one line: they need no segmentation at all.
  if (prefix[text.length] <= max || !(max > 0) || !Number.isFinite(max)) return [text.trimEnd()];
  const { at, cost } = opportunities(text);
  const n = at.length;
  const ends = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    let e = at[k];
    while (e > 0 && (text.charCodeAt(e - 1) === 0x20 || text.charCodeAt(e - 1) === 0x3000)) e--;
    ends[k] = prefix[e];
  }
  const best = new Float64Array(n).fill(Infinity);
  const from = new Int32Array(n).fill(-1);
  const total = letterCount(text, 0, text.length, 5);
  for (let k = 0; k < n; k++) {
    const last = k === n - 1;
    const breakCost = last ? 0 : splitWords && cost[k] === COST.IN_WORD ? COST.SINGLE : cost[k];
    // j = -1 stands for the paragraph's start.
    for (let j = k - 1; j >= -1; j--) {
      const start = j < 0 ? 0 : at[j];
      const width = ends[k] - prefix[start];
      if (width > max && j < k - 1) break;
      const prev = j < 0 ? 0 : best[j];
      if (prev === Infinity) continue;
      const slack = Math.max(0, max - width) / max;
      let c = prev + COST.LINE + COST.RAGGED * slack * slack + breakCost;
      if (last && total > 4 && letterCount(text, start, text.length, 2) === 1) c += COST.LONE_LAST;
      if (c < best[k]) { best[k] = c; from[k] = j; }
    }
  }
  const lines: string[] = [];
  for (let k = n - 1; k >= 0; k = from[k]) {
    const start = from[k] < 0 ? 0 : at[from[k]];
    lines.push(text.slice(start, at[k]).trimEnd());
    if (from[k] < 0) break;
  }
  return lines.reverse();
}
