/**
 * Reading one data value into one field of a document's entry: how a CSV cell becomes a number or
 * a text, whether the document already wrote the field, and setting it in the bound copy.
 */
import type { CellReading, DataColumn } from '../load/data/types.js';

type Raw = Record<string, unknown>;

const isMap = (v: unknown): v is Raw => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A number as YAML would read it unquoted: `1200`, `-3`, `4.5`, `1e3` (not `1,200`, not `12%`). */
const NUMERIC = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * The value a cell gives its field. CSV cells are text: a `number` or `figure` column reads one that
 * looks like a number as a number, as YAML would; anything else stays text, for the schema to judge.
 * JSON and Parquet values keep their own types.
 */
export function cellValue(value: unknown, reading: CellReading, typed: boolean): unknown {
  if (typed || typeof value !== 'string' || reading === 'text') return value;
  return NUMERIC.test(value.trim()) ? Number(value) : value;
}

/**
 * What the document itself wrote for a field of an entry: the field's value, or a plain value
 * written where the field would nest (`emotion: 3` holds `emotion.li` for every persona).
 */
export function writtenValue(entry: unknown, field: readonly string[]): unknown {
  let v = entry;
  for (const seg of field) {
    if (!isMap(v)) return v;
    v = v[seg];
    if (v === undefined) return undefined;
  }
  return v;
}

/** Sets a field of an entry (in the bound copy), making the maps it nests in; a plain value in the way is spread by the column, else replaced. */
export function setField(entry: Raw, column: DataColumn, value: unknown): void {
  let at = entry;
  column.field.forEach((seg, i) => {
    if (i === column.field.length - 1) { at[seg] = value; return; }
    const inner = at[seg];
    if (!isMap(inner)) at[seg] = inner !== undefined && column.spread ? column.spread(inner) : {};
    at = at[seg] as Raw;
  });
}
