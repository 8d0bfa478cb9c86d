import { describe, expect, it } from 'vitest';
import { BoxGrid, overlap, type Box } from '../../src/layout/route-geometry.js';

/** A seeded generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
}

describe('BoxGrid', () => {
  it('finds every box a query overlaps, once and in index order, wherever the query lies (also past every box, and at negative coordinates)', () => {
    const rand = random(7);
    const box = (spread: number): Box => ({ x: rand() * spread - spread / 3, y: rand() * spread - spread / 3, w: 10 + rand() * 400, h: 10 + rand() * 300 });
    const boxes = Array.from({ length: 200 }, () => box(3000));
    const grid = new BoxGrid();
    boxes.forEach((b, i) => grid.add(i, b));
    for (let q = 0; q < 300; q++) {
      // Queries reach well beyond the boxes' extent, on every side.
      const query = box(9000);
      const found = grid.near(query);
      expect(found).toEqual([...found].sort((a, b) => a - b));
      expect(new Set(found).size).toBe(found.length);
      // The grid returns candidates by cell: every box that truly overlaps must be among them.
      const overlapping = boxes.flatMap((b, i) => (overlap(b, query) ? [i] : []));
      expect(found).toEqual(expect.arrayContaining(overlapping));
    }
  });

  it('returns nothing from an empty grid and nothing for a query far from every box', () => {
    expect(new BoxGrid().near({ x: 0, y: 0, w: 1000, h: 1000 })).toEqual([]);
    const grid = new BoxGrid();
    grid.add(0, { x: 0, y: 0, w: 50, h: 50 });
    expect(grid.near({ x: 5000, y: 5000, w: 20, h: 20 })).toEqual([]);
    expect(grid.near({ x: -100, y: -100, w: 5000, h: 5000 })).toEqual([0]);
  });
});
