/** Helpers the kinds describe their data targets with (each kind's `data.ts`). */
import { isBoundChain, parseChain } from '../../model/chain.js';
import type { Path } from '../document.js';
import type { CellReading, DataColumn, DataTarget } from './types.js';

type Raw = Record<string, unknown>;

/** A column named as its field is written in YAML, dotted where nested. */
export function dataColumn(name: string, reading: CellReading, spread?: DataColumn['spread']): DataColumn {
  return { name, field: name.split('.'), reading, ...(spread ? { spread } : {}) };
}

/** The entries of a list in the document that are maps, with their index. */
export function entriesOf(list: unknown): Array<[Raw, number]> {
  return Array.isArray(list) ? list.flatMap((e, i): Array<[Raw, number]> => (e && typeof e === 'object' && !Array.isArray(e) ? [[e as Raw, i]] : [])) : [];
}

/** One target per map entry of the list at `at`, named by `idOf(entry, index)`. */
export function listTargets(list: unknown, at: Path, type: string, def: string, columns: readonly DataColumn[], idOf: (entry: Raw, index: number) => string = (e) => String(e.id)): DataTarget[] {
  return entriesOf(list).map(([entry, i]) => ({ id: idOf(entry, i), type, path: [...at, i], def, columns }));
}

/** One target per edge of a list of edge objects and chain strings (bound or not), named `from->to`. */
export function edgeTargets(list: unknown, key: string, type: string, def: string, columns: readonly DataColumn[]): DataTarget[] {
  const out: DataTarget[] = [];
  (Array.isArray(list) ? list : []).forEach((entry, i) => {
    const chain = typeof entry === 'string' ? entry : isBoundChain(entry) ? entry.chain : undefined;
    if (chain !== undefined) {
      parseChain(chain).forEach(([a, b], index) => out.push({ id: `${a.id}->${b.id}`, type, path: [key, i], chain: { index, from: a.id, to: b.id }, def, columns }));
    } else if (entry && typeof entry === 'object') {
      const e = entry as Raw;
      out.push({ id: `${String(e.from)}->${String(e.to)}`, type, path: [key, i], def, columns });
    }
  });
  return out;
}

/** The value at a JSON path of plain data, or undefined. */
export function valueAt(value: unknown, path: Path): unknown {
  let v = value;
  for (const seg of path) {
    if (Array.isArray(v) && typeof seg === 'number') v = v[seg];
    else if (v && typeof v === 'object' && !Array.isArray(v)) v = (v as Raw)[String(seg)];
    else return undefined;
  }
  return v;
}
