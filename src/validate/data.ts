/**
 * Data binding (issue 25): the rows of the data files a document names (`data: [{ file }]`) set the
 * figures of its elements, matched by id. Runs after the document passed its schema and before its
 * model is built, on a copy of the document's value, so the kind's model and rules see bound values
 * as if they had been typed. What each element accepts comes from the kind (`KindDefinition.data`).
 */
import path from 'node:path';
import type { Diagnostic, Severity } from '../diagnostics/diagnostic.js';
import { toPointer } from '../diagnostics/diagnostic.js';
import type { Path, SourceDocument } from '../load/document.js';
import { dataFormatOf, readDataFile, type DataTables } from '../load/data/read.js';
import type { DataCell, DataColumn, DataPlace, DataTable, DataTarget, KindData } from '../load/data/types.js';
import type { Limits } from '../load/limits.js';
import { isBoundChain, type BoundChain } from '../model/chain.js';
import { beyondBound } from './bounds.js';
import { cellValue, setField, writtenValue } from './data-fields.js';
import { valueAt } from '../load/data/targets.js';
import { closest, didYouMean, validateElement } from './schema.js';

/** Where a bound value was written: a data file and its place there. */
export type DataOrigin = Pick<Diagnostic, 'file' | 'line' | 'column' | 'endLine' | 'endColumn'>;

export interface DataSource {
  kind: string;
  data: KindData;
  limits: Limits;
  /** Resolves a data file named by the document to its absolute path, or says why it is refused. */
  resolve(file: string): { ok: true; absPath: string } | { ok: false; reason: string };
  /** Tables read before the check (Parquet). */
  ahead?: DataTables;
}

export interface DataBinding {
  /** The document with its data bound in (the document itself when it names no data). */
  doc: SourceDocument;
  diagnostics: Diagnostic[];
  /** Where each bound value came from, by the JSON pointer of its field: a rule's diagnostic about it is shown there. */
  origins: Map<string, DataOrigin>;
  /** Absolute paths of the data files named, read or not: a change to any of them changes the output. */
  files: string[];
  /** A bound value broke the schema: the document is not drawn. */
  failed: boolean;
}

/** Columns a data file may have that set nothing: `label` is for the people filling it in (see `data template`). */
const IGNORED_COLUMNS = new Set(['label']);

/** An entry of the bound copy that got values, and where each of its fields came from. */
interface Touched {
  target: DataTarget;
  fields: Map<string, DataOrigin>;
}

interface Binder {
  source: DataSource;
  doc: SourceDocument;
  copy: Record<string, unknown>;
  byId: Map<string, DataTarget[]>;
  columns: Map<string, DataColumn>;
  binding: DataBinding;
  /** By target (each element's target object is its own key). */
  touched: Map<DataTarget, Touched>;
}

type Raw = Record<string, unknown>;

/** Binds every data file of a schema-valid document; a document without `data` is returned as it is. */
export function bindData(doc: SourceDocument, source: DataSource): DataBinding {
  const binding: DataBinding = { doc, diagnostics: [], origins: new Map(), files: [], failed: false };
  const entries = (doc.value as Raw).data;
  if (!Array.isArray(entries) || !entries.length) return binding;
  const targets = source.data.targets(doc.value);
  const byId = new Map<string, DataTarget[]>();
  for (const t of targets) byId.set(t.id, [...(byId.get(t.id) ?? []), t]);
  const columns = new Map(targets.flatMap((t) => t.columns.map((c): [string, DataColumn] => [c.name, c])));
  const b: Binder = { source, doc, copy: structuredClone(doc.value as Raw), byId, columns, binding, touched: new Map() };
  entries.forEach((entry: Raw, i: number) => bindFile(b, String(entry.file), entry.override === true, ['data', i, 'file']));
  if (!b.touched.size) return binding;
  checkBound(b);
  binding.doc = doc.withValue(b.copy);
  return binding;
}

/** Reads one data file and binds its rows; a file that cannot be read is one diagnostic at the document's `data` entry or in the file. */
function bindFile(b: Binder, file: string, override: boolean, at: Path): void {
  const format = dataFormatOf(file);
  if (!format) { b.binding.diagnostics.push(b.doc.diagnostic(at, 'data-file', `data file "${file}" must be a .csv, .json or .parquet file`)); return; }
  const ref = b.source.resolve(file);
  if (!ref.ok) { b.binding.diagnostics.push(b.doc.diagnostic(at, 'unknown-reference', `data file "${file}" ${ref.reason}`)); return; }
  b.binding.files.push(ref.absPath);
  const shown = displayName(b.doc, ref.absPath);
  const read = readDataFile(ref.absPath, format, b.source.limits, b.source.ahead);
  if (!read.ok) { b.binding.diagnostics.push(dataDiagnostic(shown, read.problem, 'error', read.problem.rule, read.problem.message, '')); return; }
  bindTable(b, read.table, shown, override);
}

/** The data file's name as diagnostics show it: beside the document's own shown name. */
function displayName(doc: SourceDocument, absPath: string): string {
  const relative = path.relative(path.dirname(doc.absPath ?? path.join(process.cwd(), 'x')), absPath).split(path.sep).join('/');
  const dir = path.posix.dirname(doc.file.split(path.sep).join('/'));
  return /^<\w+>$/.test(doc.file) || dir === '.' ? relative : path.posix.join(dir, relative);
}

function dataDiagnostic(file: string, place: DataPlace, severity: Severity, rule: string, message: string, pointer: string): Diagnostic {
  return { file, line: place.line, column: place.column, endLine: place.line, endColumn: place.endColumn, severity, rule, message, path: pointer };
}

/** The row id as written, with blanks around an edge's `->` dropped. */
const rowId = (cell: DataCell): string => String(cell.value).trim().replace(/\s*->\s*/g, '->');

function bindTable(b: Binder, table: DataTable, file: string, override: boolean): void {
  const warn = (place: DataPlace, rule: string, message: string) => b.binding.diagnostics.push(dataDiagnostic(file, place, 'warning', rule, message, ''));
  if (!table.columns.some((c) => c.name === 'id')) {
    b.binding.diagnostics.push(dataDiagnostic(file, table.columns[0] ?? { line: 1, column: 1, endColumn: 2 }, 'error', 'data-file', `the data file has no "id" column; every row names the element it sets by id (\`from->to\` for an edge)`, ''));
    return;
  }
  const known = [...b.columns.keys()];
  for (const c of table.columns) {
    if (c.name === 'id' || IGNORED_COLUMNS.has(c.name) || b.columns.has(c.name)) continue;
    const near = closest(c.name, known);
    warn(c, 'data-column', `column "${c.name}" sets no field of this ${b.source.kind}${near ? `; did you mean "${near}"?` : `; its columns are ${known.join(', ')}`}`);
  }
  const ids = [...b.byId.keys()];
  for (const row of table.rows) {
    const idCell = row.cells.get('id');
    if (!idCell) { warn(row.place, 'data-file', 'this row has no id, so it sets nothing'); continue; }
    const id = rowId(idCell);
    const targets = b.byId.get(id);
    if (!targets) { warn(idCell, 'unknown-reference', `"${id}" is no element of this ${b.source.kind}${didYouMean(id, ids, '', false)}`); continue; }
    for (const [name, cell] of row.cells) {
      const column = b.columns.get(name);
      if (!column) continue;
      const taking = targets.filter((t) => t.columns.some((c) => c.name === name));
      if (!taking.length) { warn(cell, 'data-column', `column "${name}" does not apply to ${targets[0].type} "${id}" (it takes ${targets[0].columns.map((c) => c.name).join(', ')})`); continue; }
      for (const t of taking) assign(b, t, column, cell, table.typed, override, file);
    }
  }
}

/** Sets one field of one element in the bound copy, unless the document wrote it and the file does not override. */
function assign(b: Binder, t: DataTarget, column: DataColumn, cell: DataCell, typed: boolean, override: boolean, file: string): void {
  if (!t.chain && !override && writtenValue(valueAt(b.doc.value, t.path), column.field) !== undefined) return;
  const value = cellValue(cell.value, column.reading, typed);
  const origin: DataOrigin = { file, line: cell.line, column: cell.column, endLine: cell.line, endColumn: cell.endColumn };
  const beyond = beyondBound(value, b.source.limits);
  if (beyond) { b.binding.diagnostics.push(dataDiagnostic(file, cell, 'error', 'input-too-large', beyond, toPointer([...t.path, ...column.field]))); b.binding.failed = true; return; }
  const touched = b.touched.get(t) ?? { target: t, fields: new Map() };
  b.touched.set(t, touched);
  touched.fields.set(column.name, origin);
  if (t.chain) {
    const entries = valueAt(b.copy, t.path.slice(0, -1)) as unknown[];
    const slot = t.path[t.path.length - 1] as number;
    const bound: BoundChain = isBoundChain(entries[slot]) ? entries[slot] : { chain: String(entries[slot]), pairs: {} };
    entries[slot] = bound;
    setField((bound.pairs[t.chain.index] ??= {}), column, value);
    return;
  }
  setField(valueAt(b.copy, t.path) as Raw, column, value);
  b.binding.origins.set(toPointer([...t.path, ...column.field]), origin);
}

/** Checks every bound entry against its element's schema, each problem shown at the data value that caused it. */
function checkBound(b: Binder): void {
  for (const { target: t, fields } of b.touched.values()) {
    const entry = t.chain ? { from: t.chain.from, to: t.chain.to, ...(valueAt(b.copy, t.path) as BoundChain).pairs[t.chain.index] } : valueAt(b.copy, t.path);
    for (const problem of validateElement(b.source.kind, t.def, entry)) {
      const where = problem.path.join('.');
      const origin = [...fields].find(([name]) => name === where || name.startsWith(`${where}.`) || where.startsWith(`${name}.`))?.[1];
      const pointer = toPointer([...t.path, ...problem.path]);
      b.binding.diagnostics.push(origin ? { ...origin, severity: 'error', rule: 'schema', message: problem.message, path: pointer } : b.doc.diagnostic([...t.path, ...problem.path], 'schema', problem.message));
      b.binding.failed = true;
    }
  }
}

/** A rule's diagnostic about a bound value, shown at the data value (file, row, column) instead of the document. */
export function atDataOrigin(d: Diagnostic, origins: ReadonlyMap<string, DataOrigin>): Diagnostic {
  const origin = origins.get(d.path);
  return origin ? { ...d, ...origin } : d;
}
