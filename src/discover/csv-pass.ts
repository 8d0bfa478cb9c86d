/** The plain JavaScript pass over a CSV log: csv-parse as a stream, cases ordered by cases.ts, counted by DfgBuilder. */
import type { Dfg } from './dfg.js';
import { CaseBuffer, CaseStream, OutOfOrder, type CaseSink } from './cases.js';
import { tableError } from './diagnostics.js';
import { COLUMN_OPTIONS, readEvent, XES_COLUMNS, type LogColumns, type LogSource } from './log.js';
import { CellProblem, columnIndexes, readCsv } from './table.js';

type Indexes = Record<keyof LogColumns, number | undefined>;

/** The header's column for each role; the lane column by default only when the header has `org:resource`. */
export function logColumnIndexes(header: readonly string[], source: LogSource): Indexes {
  const wanted: Record<keyof LogColumns, string | undefined> = { ...source.columns, lane: source.columns.lane, end: source.columns.end };
  if (!source.laneNamed && wanted.lane !== undefined && wanted.lane === XES_COLUMNS.lane && !header.includes(wanted.lane)) wanted.lane = undefined;
  return columnIndexes(header, wanted, source.display, COLUMN_OPTIONS);
}

async function passWith(source: LogSource, sink: CaseSink): Promise<Dfg> {
  let at: Indexes | undefined;
  const hasEnd = source.columns.end !== undefined;
  const rows = await readCsv(source.file, source.display, { delimiter: source.delimiter }, (header) => { at = logColumnIndexes(header, source); }, (fields, record) => {
    const pick = (k: keyof LogColumns) => (at![k] === undefined ? undefined : fields[at![k]!]);
    const read = readEvent({ case: pick('case'), activity: pick('activity'), timestamp: pick('timestamp'), lane: pick('lane'), end: pick('end') }, hasEnd);
    if ('rule' in read) throw new CellProblem({ record, field: at![read.column] ?? 0, columnName: source.columns[read.column] }, read.rule, read.message);
    sink.add(read.caseId, read.event);
  });
  if (rows < 0) throw tableError({ file: source.display, line: 1, column: 1 }, 'log-empty', 'the log is empty; expected a header row and one row per event');
  if (rows === 0) throw tableError({ file: source.display, line: 2, column: 1 }, 'log-empty', 'the log has a header but no events');
  return sink.finish();
}

/** The directly-follows graph of a CSV log, streamed; read a second time, buffered, when its cases are not in time order. */
export async function csvPass(source: LogSource): Promise<Dfg> {
  const hasEnd = source.columns.end !== undefined;
  try {
    return await passWith(source, new CaseStream(hasEnd));
  } catch (err) {
    if (!(err instanceof OutOfOrder)) throw err;
    return passWith(source, new CaseBuffer(hasEnd));
  }
}
