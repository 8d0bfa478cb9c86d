/**
 * `--dfg result.csv`: the small result of the discovery query run elsewhere (a warehouse, see
 * sql.ts), or any table of directly-follows counts with at least `from,to,cases` (and `median_s`,
 * `p90_s` for the times). An empty `from` is a case start, an empty `to` a case end.
 */
import type { DfgRow } from './dfg.js';
import { CellProblem, columnIndexes, readCsv } from './table.js';
import { tableError } from './diagnostics.js';

const COLUMNS = ['kind', 'from', 'to', 'lane', 'cases', 'ends', 'median_s', 'p90_s', 'busy_median_s', 'busy_p90_s'] as const;
type Name = (typeof COLUMNS)[number];
const KINDS = new Set(['edge', 'activity', 'lane']);

export interface DfgFile { rows: DfgRow[]; hasEnd: boolean }

export async function readDfgFile(file: string, display: string): Promise<DfgFile> {
  let at: Record<Name, number | undefined> | undefined;
  const rows: DfgRow[] = [];
  const count = await readCsv(file, display, {}, (header) => {
    const required = columnIndexes(header, { from: 'from', to: 'to', cases: 'cases' }, display, { from: 'the query of --sql', to: 'the query of --sql', cases: 'the query of --sql' });
    at = { ...Object.fromEntries(COLUMNS.map((c) => [c, header.indexOf(c) < 0 ? undefined : header.indexOf(c)])), ...required } as Record<Name, number | undefined>;
  }, (fields, record) => {
    const cell = (n: Name) => (at![n] === undefined || fields[at![n]!] === '' ? undefined : fields[at![n]!]);
    const problem = (n: Name, message: string) => new CellProblem({ record, field: at![n] ?? 0, columnName: n }, 'log-value', message);
    const number = (n: Name, whole: boolean) => {
      const v = cell(n);
      if (v === undefined) return undefined;
      const x = Number(v);
      if (!Number.isFinite(x) || x < 0 || (whole && !Number.isInteger(x))) throw problem(n, `${n} must be ${whole ? 'a whole number' : 'a number'} ≥ 0, got ${JSON.stringify(v)}`);
      return x;
    };
    const kind = cell('kind') ?? 'edge';
    if (!KINDS.has(kind)) throw problem('kind', `kind must be edge, activity or lane, got ${JSON.stringify(kind)}`);
    const cases = number('cases', true);
    if (cases === undefined) throw problem('cases', 'cases is empty');
    const row: DfgRow = { kind: kind as DfgRow['kind'], from: cell('from'), to: cell('to'), lane: cell('lane'), cases, ends: number('ends', true), medianS: number('median_s', false), p90S: number('p90_s', false), busyMedianS: number('busy_median_s', false), busyP90S: number('busy_p90_s', false) };
    if (kind === 'edge' && row.from === undefined && row.to === undefined) throw problem('from', 'an edge needs a from or a to (empty from: the case starts; empty to: it ends)');
    if (kind !== 'edge' && row.to === undefined) throw problem('to', `a ${kind} row names its activity in "to"`);
    rows.push(row);
  });
  if (count <= 0) throw tableError({ file: display, line: 1, column: 1 }, 'log-empty', 'the DFG file has no rows');
  return { rows, hasEnd: at!.busy_median_s !== undefined };
}
