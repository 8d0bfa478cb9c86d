/**
 * Data binding's vocabulary: the tables read from data files (CSV, JSON, Parquet) and the elements of
 * a document their rows can set. Neutral types, so that both the kinds (which say what each element
 * accepts) and src/validate/data (which binds) speak them.
 */
import type { Path } from '../document.js';

/** Where a value sits in its data file: 1-based line and column (for Parquet: row and column number). */
export interface DataPlace {
  line: number;
  column: number;
  endColumn: number;
}

/** One value of a row, and where it was written. */
export interface DataCell extends DataPlace {
  value: unknown;
}

export interface DataRow {
  /** Where the row starts. */
  place: DataPlace;
  /** The row's non-empty values by column name. */
  cells: Map<string, DataCell>;
}

export interface DataTable {
  /** Column names in file order, each where its header (or first key) was written. */
  columns: Array<{ name: string } & DataPlace>;
  rows: DataRow[];
  /** JSON and Parquet values carry their types; CSV cells are text, read by each column's `reading`. */
  typed: boolean;
}

/** A problem that keeps a data file from being read, at its place in the file. */
export interface TableProblem extends DataPlace {
  rule: 'data-file' | 'input-too-large';
  message: string;
}

export type TableRead = { ok: true; table: DataTable } | { ok: false; problem: TableProblem };

/** How a CSV cell (text) is read before it is checked: a number when it looks like one, always text, or either (a figure such as `35%` or `1200`). */
export type CellReading = 'number' | 'text' | 'figure';

/** A column a data file may fill on one type of element, named as the field is written in YAML. */
export interface DataColumn {
  /** Dotted where nested: `volume`, `metrics.duration`, `emotion.li`. */
  name: string;
  /** The field's path inside the element's entry (`name` split at the dots). */
  field: readonly string[];
  reading: CellReading;
  /**
   * For a column that sets one key of a map (`emotion.li`) where the document may hold one plain
   * value for every key (`emotion: 3`): that value spread into a map, before the key is set.
   */
  spread?: (plain: unknown) => Record<string, unknown>;
}

/** One element of a document that a data row can name by `id`. */
export interface DataTarget {
  /** What a row's `id` cell says: the element id, or `from->to` for an edge or transition. */
  id: string;
  /** Element type as messages name it: `node`, `edge`, `step`, … */
  type: string;
  /** JSON path of the element's entry in the document (for an edge of a chain: the chain string's). */
  path: Path;
  /** For an edge written in a chain `a -> b -> c`: which pair of the chain it is, and its ends. */
  chain?: { index: number; from: string; to: string };
  /** The `$defs` entry of the kind's schema the bound entry is checked against (`node`, `edge`). */
  def: string;
  columns: readonly DataColumn[];
}

/** What a kind tells data binding: the elements of a (schema-valid) document rows can set, in document order. */
export interface KindData {
  targets(value: unknown): DataTarget[];
}
