import { isWide } from '../../src/layout/text.js';

/** A line as display cells: a wide character fills its cell and leaves an empty one after it. */
export const cells = (line: string): string[] => [...line].flatMap((ch) => (isWide(ch.codePointAt(0)!) ? [ch, ''] : [ch]));

/** Every box (┌…┐ down to └…┘) must have its side borders in the same display columns on every row. */
export function checkBoxes(text: string): { boxes: number; problems: string[] } {
  const grid = text.split('\n').map(cells);
  const at = (r: number, c: number) => grid[r]?.[c] ?? ' ';
  const problems: string[] = [];
  let boxes = 0;
  grid.forEach((row, r) => row.forEach((ch, c) => {
    if (ch !== '┌') return;
    let right = c + 1;
    while ('─┬┴┼'.includes(at(r, right))) right++;
    if (at(r, right) !== '┐') return;
    boxes++;
    let k = r + 1;
    for (; k < grid.length && at(k, c) !== '└'; k++) {
      if (!'│├┤┼'.includes(at(k, c)) || !'│├┤┼'.includes(at(k, right))) { problems.push(`row ${k + 1}: box at column ${c} is not closed at column ${right}: ${grid[k].join('')}`); break; }
    }
    if (at(k, right) !== '┘') problems.push(`box at row ${r + 1} column ${c}: bottom right corner missing`);
  }));
  return { boxes, problems };
}
