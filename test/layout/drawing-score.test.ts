import { describe, expect, it } from 'vitest';
import { compareScores, drawingScore } from '../../src/layout/drawing-score.js';
import type { Point } from '../../src/layout/route-geometry.js';

describe('the score two drawings of one placement are chosen by', () => {
  const forward = () => false;

  it('counts two routes sharing a stretch of line as a crossing: they read as one edge', () => {
    const a: Point[] = [[0, 0], [0, 50], [100, 50], [100, 100]];
    const shared: Point[] = [[100, 20], [100, 80], [200, 80]];
    const apart: Point[] = [[110, 20], [110, 80], [200, 80]];
    expect(drawingScore([{ points: a }, { points: shared }], forward)).toEqual([0, 1, 3]);
    expect(drawingScore([{ points: a }, { points: apart }], forward)).toEqual([0, 0, 3]);
  });

  it('prefers fewer far loops, then fewer crossings, then fewer bends', () => {
    expect(compareScores([0, 2, 9], [1, 0, 0])).toBeLessThan(0);
    expect(compareScores([0, 1, 9], [0, 2, 0])).toBeLessThan(0);
    expect(compareScores([0, 1, 3], [0, 1, 4])).toBeLessThan(0);
    expect(compareScores([0, 1, 3], [0, 1, 3])).toBe(0);
  });
});
