import type { DataPlace } from './types.js';

/** Turns character offsets of a text into 1-based lines and columns. */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(text: string) {
    for (let i = 0; i < text.length; i++) if (text[i] === '\n') this.starts.push(i + 1);
  }

  /** The place of `length` characters from `offset` (on one line: a value's end column). */
  place(offset: number, length = 0): DataPlace {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    const column = offset - this.starts[lo] + 1;
    return { line: lo + 1, column, endColumn: column + Math.max(length, 1) };
  }
}
