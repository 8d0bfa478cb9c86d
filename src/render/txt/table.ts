/** A box-drawn text table whose columns stay aligned with wide (CJK) characters in any cell. */
import { displayWidth, pad } from './canvas.js';

export interface TxtTable {
  headers: string[];
  /** Each row: one list of lines per column. */
  rows: string[][][];
  /** Row indexes before which a rule is drawn (e.g. each new stage). */
  rules?: Set<number>;
  align?: Array<'left' | 'center' | 'right'>;
}

export function drawTable(t: TxtTable): string[] {
  const widths = t.headers.map((h, c) => Math.max(displayWidth(h), ...t.rows.flatMap((r) => (r[c] ?? []).map(displayWidth)), 1));
  const rule = (l: string, m: string, r: string) => l + widths.map((w) => '─'.repeat(w + 2)).join(m) + r;
  const line = (cells: string[]) => '│' + cells.map((s, c) => ` ${pad(s, widths[c], t.align?.[c] ?? 'left')} `).join('│') + '│';
  const out = [rule('┌', '┬', '┐'), line(t.headers), rule('├', '┼', '┤')];
  t.rows.forEach((row, i) => {
    if (i > 0 && t.rules?.has(i)) out.push(rule('├', '┼', '┤'));
    const h = Math.max(1, ...row.map((cell) => cell.length));
    for (let k = 0; k < h; k++) out.push(line(widths.map((_, c) => row[c]?.[k] ?? '')));
  });
  out.push(rule('└', '┴', '┘'));
  return out;
}
