import { describe, expect, it } from 'vitest';
import { corpus, flowModel, measureFlow } from '../../bench/routing-metrics.js';
import type { Box, Point } from '../../src/scene/geometry.js';
import { attachToOutline, CYLINDER_CAP, distanceToOutline, DOCUMENT_WAVE, outlinePolygon } from '../../src/scene/outline.js';
import { shapeItem, type ShapeKind } from '../../src/scene/shapes.js';

const box: Box = { x: 100, y: 50, w: 160, h: 60 };
const SHAPES: ShapeKind[] = ['rect', 'rounded', 'stadium', 'diamond', 'subprocess', 'document', 'parallelogram', 'cylinder', 'delay', 'trapezoid', 'ellipse', 'circle'];

describe('shape outlines', () => {
  it('follow the drawing: polygon corners, ellipse equation, and the points every path passes through', () => {
    for (const shape of ['diamond', 'parallelogram', 'trapezoid'] as const) {
      const drawn = shapeItem(shape, box, {}) as { points: Point[] };
      expect(outlinePolygon(shape, box), shape).toEqual(drawn.points);
    }
    for (const [px, py] of outlinePolygon('ellipse', box)) expect(((px - 180) / 80) ** 2 + ((py - 80) / 30) ** 2).toBeCloseTo(1, 6);
    const { x, y, w, h } = box;
    const onOutline: Record<string, Point[]> = {
      document: [[x, y], [x + w, y + h - DOCUMENT_WAVE], [x + w / 2, y + h - DOCUMENT_WAVE], [x, y + h - DOCUMENT_WAVE]],
      cylinder: [[x, y + CYLINDER_CAP], [x + w / 2, y], [x + w, y + h - CYLINDER_CAP], [x + w / 2, y + h]],
      delay: [[x, y], [x + w, y + h / 2], [x + w - h / 2, y + h], [x, y + h]],
      stadium: [[x + h / 2, y], [x, y + h / 2], [x + w, y + h / 2]],
    };
    for (const [shape, points] of Object.entries(onOutline)) {
      for (const p of points) expect(distanceToOutline(p, outlinePolygon(shape as ShapeKind, box)), `${shape} through ${p}`).toBeLessThan(0.05);
    }
  });

  it('an edge end moves along its own last segment onto the outline, and stays put on a straight side', () => {
    // Down into a trapezoid's top, 10 px from its left corner: the slanted side is met below the top.
    const slanted = attachToOutline([110, 50], [110, 0], 'trapezoid', box);
    expect(slanted[0]).toBe(110);
    expect(distanceToOutline(slanted, outlinePolygon('trapezoid', box))).toBeLessThan(1e-6);
    expect(slanted[1]).toBeGreaterThan(55);
    expect(attachToOutline([180, 50], [180, 0], 'rect', box)).toEqual([180, 50]);
    // Into a diamond's side from the left, off its corner.
    const diamond = attachToOutline([100, 70], [60, 70], 'diamond', box);
    expect(diamond[1]).toBe(70);
    expect(diamond[0]).toBeCloseTo(100 + 80 * (10 / 30), 6);
    for (const shape of SHAPES) {
      const end = attachToOutline([180, 50], [180, -20], shape, box);
      expect(distanceToOutline(end, outlinePolygon(shape, box)), shape).toBeLessThan(1e-6);
    }
  });
});

describe('edge ends on the drawn outline', () => {
  // Examples and generated flows, each in every direction, with their lanes and without.
  for (const { name, yaml } of corpus([20, 40])) {
    it(name, async () => {
      const measured = await measureFlow(name, flowModel(yaml));
      // 0.1 px of the gap is the SVG path's rounding to one decimal.
      const far = measured.edges.filter((e) => e.gap > 1).map((e) => `${e.from}->${e.to}: ${e.gap.toFixed(1)} px`);
      expect(far).toEqual([]);
      expect(measured.edges.length).toBeGreaterThan(0);
    });
  }
});
