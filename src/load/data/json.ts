/**
 * JSON data files: an array of row objects (`[{ "id": "record", "metrics": { "volume": 1200 } }]`).
 * Checked as strict JSON, then read through the YAML parser (JSON is YAML) for each value's place.
 * Nested objects are named dotted (`metrics.volume`), as flat keys may be.
 */
import { isMap, isScalar, isSeq, parseDocument, type Node } from 'yaml';
import { LineIndex } from './places.js';
import type { DataCell, DataPlace, DataRow, DataTable, TableRead } from './types.js';

const fail = (place: DataPlace, message: string): TableRead => ({ ok: false, problem: { rule: 'data-file', ...place, message } });

/** Where JSON.parse stopped: V8 says "at position N" or "(line L column C)". */
function syntaxPlace(message: string, index: LineIndex): DataPlace {
  const lc = /line (\d+) column (\d+)/.exec(message);
  if (lc) return { line: Number(lc[1]), column: Number(lc[2]), endColumn: Number(lc[2]) + 1 };
  const at = /position (\d+)/.exec(message);
  return index.place(at ? Number(at[1]) : 0);
}

function placeOf(node: Node, index: LineIndex): DataPlace {
  const [start, end] = node.range ?? [0, 0];
  return index.place(start, end - start);
}

/** The cells of one row object, nested maps flattened into dotted names. */
function rowCells(map: Node, index: LineIndex, prefix: string, cells: Map<string, DataCell>, heads: Map<string, DataPlace>): void {
  if (!isMap(map)) return;
  for (const pair of map.items) {
    if (!isScalar(pair.key)) continue;
    const name = `${prefix}${String(pair.key.value)}`;
    const value = pair.value as Node | null;
    if (isMap(value)) { rowCells(value, index, `${name}.`, cells, heads); continue; }
    if (!heads.has(name)) heads.set(name, placeOf(pair.key, index));
    if (!value || (isScalar(value) && value.value === null)) continue;
    cells.set(name, { value: isScalar(value) ? value.value : value.toJSON(), ...placeOf(value, index) });
  }
}

/** A JSON text holding an array of row objects as a table; anything else is one problem at its place. */
export function readJsonTable(text: string): TableRead {
  const body = text.replace(/^\uFEFF/, '');
  const index = new LineIndex(body);
  try {
    JSON.parse(body);
  } catch (err) {
    const message = (err as Error).message;
    return fail(syntaxPlace(message, index), `malformed JSON: ${message}`);
  }
  const doc = parseDocument(body, { uniqueKeys: true });
  if (doc.errors.length) return fail(index.place(doc.errors[0].pos[0]), `malformed JSON: ${doc.errors[0].message.split('\n')[0]}`);
  const top = doc.contents as Node | null;
  if (!isSeq(top)) return fail(top ? placeOf(top, index) : index.place(0), 'a JSON data file holds an array of row objects, e.g. [{ "id": "record", "volume": 1200 }]');
  const heads = new Map<string, DataPlace>();
  const rows: DataRow[] = [];
  for (const item of top.items as Node[]) {
    if (!isMap(item)) return fail(placeOf(item, index), 'every entry of the array must be a row object, e.g. { "id": "record", "volume": 1200 }');
    const cells = new Map<string, DataCell>();
    rowCells(item, index, '', cells, heads);
    rows.push({ place: placeOf(item, index), cells });
  }
  const table: DataTable = { columns: [...heads].map(([name, place]) => ({ name, ...place })), rows, typed: true };
  return { ok: true, table };
}
