/** An id inside a chain string and where it sits in that string. */
export interface ChainEnd {
  id: string;
  offset: number;
}

/** Splits the chain shorthand `a -> b -> c` into consecutive pairs, keeping each id's offset. */
export function parseChain(text: string): Array<[ChainEnd, ChainEnd]> {
  const ends: ChainEnd[] = [];
  let offset = 0;
  for (const part of text.split('->')) {
    const lead = part.length - part.trimStart().length;
    ends.push({ id: part.trim(), offset: offset + lead });
    offset += part.length + 2;
  }
  const pairs: Array<[ChainEnd, ChainEnd]> = [];
  for (let i = 1; i < ends.length; i++) pairs.push([ends[i - 1], ends[i]]);
  return pairs;
}

/** Where an edge came from in the source, so rules can point at the right id. */
export interface EdgeOrigin {
  /** JSON path of the edge entry (object or chain string). */
  path: ReadonlyArray<string | number>;
  /** For chain strings: offsets of the two ids inside the string. */
  chain?: { from: ChainEnd; to: ChainEnd };
}

/**
 * A chain string some of whose edges got fields from a data file (src/validate/data): the chain's
 * text and, by the pair's index in the chain, the fields bound to it. Only data binding makes one,
 * after the document passed its schema, so no document can write it.
 */
export interface BoundChain {
  chain: string;
  pairs: Record<number, Record<string, unknown>>;
}

export function isBoundChain(entry: unknown): entry is BoundChain {
  return typeof entry === 'object' && entry !== null && typeof (entry as BoundChain).chain === 'string' && typeof (entry as BoundChain).pairs === 'object';
}

/** Expands a list of edge objects and chain strings (bound or not) into from/to pairs with their origin. */
export function expandEdges<E extends { from: string; to: string }>(
  raw: unknown[] | undefined,
  key: string,
  fromObject: (o: Record<string, unknown>) => Omit<E, 'from' | 'to' | 'origin'>,
): Array<E & { origin: EdgeOrigin }> {
  const out: Array<E & { origin: EdgeOrigin }> = [];
  (raw ?? []).forEach((entry, i) => {
    if (typeof entry === 'string' || isBoundChain(entry)) {
      const bound = isBoundChain(entry) ? entry : undefined;
      parseChain(bound?.chain ?? (entry as string)).forEach(([a, b], k) => {
        out.push({ ...(fromObject(bound?.pairs[k] ?? {}) as object), from: a.id, to: b.id, origin: { path: [key, i], chain: { from: a, to: b } } } as unknown as E & { origin: EdgeOrigin });
      });
    } else if (entry && typeof entry === 'object') {
      const o = entry as Record<string, unknown>;
      out.push({ ...(fromObject(o) as object), from: String(o.from), to: String(o.to), origin: { path: [key, i] } } as unknown as E & { origin: EdgeOrigin });
    }
  });
  return out;
}
