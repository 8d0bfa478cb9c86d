/** What an event log is read as: which columns hold the case, activity, times and lane, and how a value is checked. */
import { MAX_VALUE_LENGTH, quoted } from './diagnostics.js';
import type { LogEvent } from './dfg.js';
import { parseTimestamp } from './timestamps.js';

export interface LogColumns {
  case: string;
  activity: string;
  timestamp: string;
  /** Resource or department: each activity goes into the lane most of its events happen in. */
  lane?: string;
  /** End of each event; the timestamp column is then its start. */
  end?: string;
}

/** XES's standard attribute names, which PM4Py and most exports use as column names. */
export const XES_COLUMNS: LogColumns = { case: 'case:concept:name', activity: 'concept:name', timestamp: 'time:timestamp', lane: 'org:resource' };

/** The option naming each column, for messages. */
export const COLUMN_OPTIONS: Record<keyof LogColumns, string> = { case: '--case', activity: '--activity', timestamp: '--timestamp', lane: '--resource', end: '--end-timestamp' };

export interface LogSource {
  /** Absolute path of the log. */
  file: string;
  /** The name diagnostics show. */
  display: string;
  columns: LogColumns;
  /** The lane column was named by the user (a missing one is then an error, not "no lanes"). */
  laneNamed: boolean;
  delimiter?: string;
}

/** A value refused: which column and why (the caller knows where it is). */
export interface ValueProblem { column: keyof LogColumns; rule: string; message: string }

const TIMESTAMP_HINT = 'expected an ISO 8601 time such as 2024-03-01T09:30:00Z or 2024-03-01 09:30:00+08:00';

function text(value: string | undefined, column: keyof LogColumns, name: string, required: boolean): string | undefined | ValueProblem {
  if (value === undefined || value === '') return required ? { column, rule: 'log-value', message: `the ${name} is empty` } : undefined;
  // Characters are code points (as DuckDB's length counts them); .length, in UTF-16 units, is never fewer.
  const characters = value.length > MAX_VALUE_LENGTH ? [...value].length : value.length;
  if (characters > MAX_VALUE_LENGTH) return { column, rule: 'log-value', message: `the ${name} has ${characters} characters; at most ${MAX_VALUE_LENGTH} are read` };
  return value;
}

function time(value: string | undefined, column: keyof LogColumns, name: string): number | ValueProblem {
  if (value === undefined || value === '') return { column, rule: 'log-timestamp', message: `the ${name} is empty` };
  const ms = parseTimestamp(value);
  return ms === undefined ? { column, rule: 'log-timestamp', message: `cannot read ${quoted(value)} as a timestamp; ${TIMESTAMP_HINT}` } : ms;
}

const isProblem = (v: unknown): v is ValueProblem => typeof v === 'object' && v !== null;

/** One event from its raw values, or the first problem with them. */
export function readEvent(values: { case?: string; activity?: string; timestamp?: string; lane?: string; end?: string }, hasEnd: boolean): { caseId: string; event: LogEvent } | ValueProblem {
  const caseId = text(values.case, 'case', 'case id', true);
  if (isProblem(caseId)) return caseId;
  const activity = text(values.activity, 'activity', 'activity', true);
  if (isProblem(activity)) return activity;
  const start = time(values.timestamp, 'timestamp', 'timestamp');
  if (isProblem(start)) return start;
  const lane = text(values.lane, 'lane', 'resource', false);
  if (isProblem(lane)) return lane;
  let end = start;
  if (hasEnd) {
    const e = time(values.end, 'end', 'end timestamp');
    if (isProblem(e)) return e;
    if (e < start) return { column: 'end', rule: 'log-timestamp', message: `the event ends (${values.end}) before it starts (${values.timestamp})` };
    end = e;
  }
  return { caseId: caseId!, event: { activity: activity!, ...(lane !== undefined ? { lane } : {}), start, end } };
}
