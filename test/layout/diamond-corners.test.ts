import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkSource, drawDocument } from '../../src/compile.js';
import { branchesToCorners, elbowOutOf, endPlace, movedToCorner } from '../../src/layout/diamond-corners.js';
import type { Box, Point } from '../../src/layout/route-geometry.js';

/*
 * Decision branches onto the diamond's corners (src/layout/diamond-corners.ts): the geometry of one
 * moved end, the pass over a drawing, and the corners the branches of hand-written flows leave from.
 */

// A diamond 100 × 60 at (100, 100): corners at (150, 100) top, (200, 130) right, (150, 160) bottom, (100, 130) left.
const diamond: Box = { x: 100, y: 100, w: 100, h: 60 };
const below: Box = { x: 120, y: 260, w: 120, h: 40 };
const far = { node: below, diamond: false };

describe('a route end moved onto its diamond corner', () => {
  it('slides the first segment onto the corner and lengthens the run after it', () => {
    // Leaves the bottom 20 px right of the corner, turns right at y 200, goes down into a node.
    const route: Point[] = [[170, 160], [170, 200], [300, 200], [300, 260]];
    expect(endPlace(route, diamond, true)).toEqual({ side: 2, atCorner: false, offset: 20 });
    expect(movedToCorner(route, diamond, true, far)).toEqual([[150, 160], [150, 200], [300, 200], [300, 260]]);
  });

  it('moves an arrowhead end the same way, and keeps the route running from its source', () => {
    const route: Point[] = [[300, 40], [300, 70], [170, 70], [170, 100]];
    expect(movedToCorner(route, diamond, false, far)).toEqual([[300, 40], [300, 70], [150, 70], [150, 100]]);
  });

  it('refuses when the run after would turn back or be too short for its corners or the arrowhead', () => {
    // The run goes left from x 170 to 140, then on into a node whose top the corner's line misses:
    // past the corner at 150 the run would have to double back.
    expect(movedToCorner([[170, 160], [170, 200], [140, 200], [140, 260]], diamond, true, { node: { ...below, x: 20, w: 130 }, diamond: false })).toBeUndefined();
    // An L into its target: the last run from the corner would be 10 px, too short for an arrowhead.
    expect(movedToCorner([[170, 160], [170, 280], [160, 280]], diamond, true, far)).toBeUndefined();
  });

  it('merges the two runs into one straight run when the corner lies on the line of the run after the next', () => {
    expect(movedToCorner([[170, 160], [170, 200], [150, 200], [150, 260]], diamond, true, far)).toEqual([[150, 160], [150, 260]]);
  });

  it('turns a step sideways into a straight line from the corner when that line meets the far node well inside its side', () => {
    // Down, 30 px left, down into the node below (x 120–240): the corner's line x 150 goes straight in.
    expect(movedToCorner([[170, 160], [170, 200], [140, 200], [140, 260]], diamond, true, far)).toEqual([[150, 160], [150, 260]]);
    // At the route's end alike: a jog into the diamond's top from a node above.
    expect(movedToCorner([[180, 40], [180, 70], [170, 70], [170, 100]], diamond, false, { node: { x: 140, y: 0, w: 200, h: 40 }, diamond: false })).toEqual([[150, 40], [150, 100]]);
    // A longer step alike, when the far node's side takes the corner's line: 70 px right into the node below.
    expect(movedToCorner([[170, 160], [170, 200], [220, 200], [220, 260]], diamond, true, far)).toEqual([[150, 160], [150, 260]]);
  });

  it('moves a straight line whole when it still meets the far node well inside its side', () => {
    expect(movedToCorner([[170, 160], [170, 260]], diamond, true, far)).toEqual([[150, 160], [150, 260]]);
    // The far node's side starts at x 145: the corner's line would meet it 5 px from its end.
    expect(movedToCorner([[170, 160], [170, 260]], diamond, true, { node: { ...below, x: 145 }, diamond: false })).toBeUndefined();
  });
});

/** The `keep` of a test's routes: remembers one route and puts it back. */
const keeper = (routes: Point[][]) => (i: number) => {
  const kept = routes[i];
  return () => { routes[i] = kept; };
};

describe('the pass over a drawing', () => {
  const nodes = new Map<string, Box>([['d', diamond], ['a', below], ['b', { x: 300, y: 260, w: 100, h: 40 }]]);
  const ends = [{ from: 'd', to: 'a' }, { from: 'd', to: 'b' }];

  it('moves one end onto each free corner, the nearest first, and leaves a corner another end holds', () => {
    const routes: Point[][] = [
      [[160, 160], [160, 200], [180, 200], [180, 260]],
      [[175, 160], [175, 220], [350, 220], [350, 260]],
    ];
    const tried: number[] = [];
    branchesToCorners(nodes, ends, (id) => id === 'd', { routeOf: (i) => routes[i], tryRoute: (i, points) => { tried.push(i); routes[i] = points; return true; }, keep: keeper(routes) });
    expect(tried).toEqual([0, 1]);
    // Its 20-px jog into the node below becomes a straight line from the corner.
    expect(routes[0]).toEqual([[150, 160], [150, 260]]);
    // The other, left beside the corner the first now holds, leaves by the free right corner: one bend instead of two.
    expect(routes[1]).toEqual([[200, 130], [350, 130], [350, 260]]);
  });

  it('tries the next end when the caller finds the nearest one\'s moved route blocked', () => {
    const routes: Point[][] = [
      [[160, 160], [160, 200], [180, 200], [180, 260]],
      [[175, 160], [175, 220], [350, 220], [350, 260]],
    ];
    branchesToCorners(nodes, ends, (id) => id === 'd', { routeOf: (i) => routes[i], tryRoute: (i, points) => { if (i === 0) return false; routes[i] = points; return true; }, keep: keeper(routes) });
    expect(routes[0][0]).toEqual([160, 160]);
    expect(routes[1][0]).toEqual([150, 160]);
  });
});

describe('a corner handed over', () => {
  // Both branches leave the left side: the one at the corner (y 130) turns up to a node far above,
  // the one 15 px below it steps up 15 px into a node on the left whose side spans y 110–150.
  const left: Box = { x: -100, y: 110, w: 60, h: 40 };
  const up: Box = { x: -100, y: -200, w: 60, h: 40 };
  const nodes = new Map<string, Box>([['d', diamond], ['l', left], ['u', up]]);
  const ends = [{ from: 'd', to: 'u' }, { from: 'd', to: 'l' }];
  const drawing = (): Point[][] => [
    [[100, 130], [60, 130], [60, -180], [-40, -180]],
    [[100, 145], [20, 145], [20, 130], [-40, 130]],
  ];

  // The caller finds the top corner blocked (else the branch moved aside would leave by it, as an elbow).
  const topBlocked = (points: Point[]) => points[0][0] === 150 && points[0][1] === 100;

  it('moves the branch turning off as far the other way and draws the other straight from the corner', () => {
    const routes = drawing();
    const clear: Array<Box | undefined> = [];
    branchesToCorners(nodes, ends, (id) => id === 'd', { routeOf: (i) => routes[i], tryRoute: (i, points, keepClear) => { if (topBlocked(points)) return false; clear[i] = keepClear; routes[i] = points; return true; }, keep: keeper(routes) });
    expect(routes[0]).toEqual([[100, 115], [60, 115], [60, -180], [-40, -180]]);
    expect(routes[1]).toEqual([[100, 130], [-40, 130]]);
    // The moved branch's label keeps clear of the straight line to come.
    expect(clear[0]).toMatchObject({ x: -44, w: 148 });
  });

  it('puts the first branch back when the other cannot take the corner', () => {
    const routes = drawing();
    branchesToCorners(nodes, ends, (id) => id === 'd', { routeOf: (i) => routes[i], tryRoute: (i, points) => { if (i === 1 || topBlocked(points)) return false; routes[i] = points; return true; }, keep: keeper(routes) });
    expect(routes).toEqual(drawing());
  });

  it('leaves both where the branch at the corner turns towards the other', () => {
    const routes = drawing();
    routes[0] = [[100, 130], [60, 130], [60, 400], [-40, 400]];
    const before = routes.map((r) => [...r]);
    branchesToCorners(nodes, [{ from: 'd', to: 'u' }, { from: 'd', to: 'l' }], (id) => id === 'd', { routeOf: (i) => routes[i], tryRoute: (i, points) => { routes[i] = points; return true; }, keep: keeper(routes) });
    expect(routes).toEqual(before);
  });
});

describe('an elbow out of a free corner', () => {
  it('runs out of the corner to the line of the far node\'s middle, then into its side facing the corner', () => {
    // Right corner (200, 130), into the top of a node below and to the right.
    expect(elbowOutOf(diamond, 1, { x: 300, y: 260, w: 100, h: 40 })).toEqual([[200, 130], [350, 130], [350, 260]]);
    // Top corner (150, 100), into the right side of a node above and to the left.
    expect(elbowOutOf(diamond, 0, { x: -100, y: -200, w: 60, h: 40 })).toEqual([[150, 100], [150, -180], [-40, -180]]);
  });

  it('is refused where the far node does not lie beyond the corner, or leaves no room for the arrowhead', () => {
    // The far node's middle lies behind the right corner.
    expect(elbowOutOf(diamond, 1, { x: 150, y: 260, w: 80, h: 40 })).toBeUndefined();
    // The corner's line (y 130) runs through the far node's side.
    expect(elbowOutOf(diamond, 1, { x: 300, y: 110, w: 80, h: 40 })).toBeUndefined();
    // Its top is 10 px below the corner's line: too short a last run.
    expect(elbowOutOf(diamond, 1, { x: 300, y: 140, w: 80, h: 40 })).toBeUndefined();
  });
});

describe('room made at the far node', () => {
  // A straight branch leaves the bottom 16 px left of the corner (x 134) into the top of a node
  // below whose middle (x 150) another edge's end holds, coming in from the right at y 230.
  const end: Box = { x: 95, y: 260, w: 110, h: 40 };
  const right: Box = { x: 300, y: 210, w: 80, h: 40 };
  const nodes = new Map<string, Box>([['d', diamond], ['e', end], ['r', right]]);
  const ends = [{ from: 'd', to: 'e' }, { from: 'r', to: 'e' }];
  const drawing = (): Point[][] => [
    [[134, 160], [134, 260]],
    [[300, 230], [150, 230], [150, 260]],
  ];
  // The caller's test: a route is free unless it runs on the other's last run (the same x).
  const free = (routes: Point[][], i: number, points: Point[]) => !points.some((p) => routes[1 - i].some((q, j) => j > 0 && q[0] === p[0] && routes[1 - i][j - 1][0] === p[0]));

  it('moves the other end as far the other way, towards where it comes from, and draws the branch straight from the corner', () => {
    const routes = drawing();
    branchesToCorners(nodes, ends, (id) => id === 'd', { routeOf: (i) => routes[i], tryRoute: (i, points) => { if (!free(routes, i, points)) return false; routes[i] = points; return true; }, keep: keeper(routes) });
    expect(routes[1]).toEqual([[300, 230], [166, 230], [166, 260]]);
    expect(routes[0]).toEqual([[150, 160], [150, 260]]);
  });

  it('puts the other end back when the branch still cannot go straight', () => {
    const routes = drawing();
    branchesToCorners(nodes, ends, (id) => id === 'd', { routeOf: (i) => routes[i], tryRoute: (i, points) => { if (i === 0) return false; routes[i] = points; return true; }, keep: keeper(routes) });
    expect(routes).toEqual(drawing());
  });

  it('leaves the other end where moving it would leave the far node\'s side', () => {
    const routes = drawing();
    const narrow = new Map(nodes).set('e', { x: 120, y: 260, w: 50, h: 40 });
    branchesToCorners(narrow, ends, (id) => id === 'd', { routeOf: (i) => routes[i], tryRoute: (i, points) => { if (!free(routes, i, points)) return false; routes[i] = points; return true; }, keep: keeper(routes) });
    expect(routes).toEqual(drawing());
  });
});

describe('decision branches of hand-written flows', () => {
  const root = path.resolve(__dirname, '../..');
  /** Branch ends lying off a corner of their diamond that no other end of that diamond uses on the same side. */
  async function offFreeCorners(file: string): Promise<string[]> {
    const abs = path.join(root, file);
    const options = { file, absPath: abs, root: path.dirname(abs) };
    const { svg } = await drawDocument(checkSource(fs.readFileSync(abs, 'utf8'), options).documents[0], options);
    const diamonds = new Map([...svg.matchAll(/jf-decision" data-id="([^"]*)"[^>]*>\s*<title>[^<]*<\/title>\s*<polygon class="jf-shape" points="([^"]*)"/g)]
      .map(([, id, p]) => [id, p.split(' ').map((q) => q.split(',').map(Number))]));
    const starts = [...svg.matchAll(/data-from="([^"]*)" data-to="([^"]*)">[\s\S]*?<path class="jf-edge-path" d="M([-\d.]+),([-\d.]+)/g)];
    const out: string[] = [];
    for (const [id, pts] of diamonds) {
      const mine = starts.filter((s) => s[1] === id).map((s) => {
        const d = pts.map(([x, y]) => Math.hypot(x - +s[3], y - +s[4]));
        return { to: s[2], vertex: d.indexOf(Math.min(...d)), at: Math.min(...d) < 2 };
      });
      for (const m of mine) if (!m.at && !mine.some((o) => o.at && o.vertex === m.vertex)) out.push(`${id}→${m.to}`);
    }
    return out;
  }

  it('leave from corners wherever the corner is free and the route can move (failing before: 10 branches off a free corner)', async () => {
    const files = ['bench/flows/booking.flow.yaml', 'bench/flows/complaint.flow.yaml', 'bench/flows/loan.flow.yaml', 'bench/flows/refund.flow.yaml', 'bench/flows/repair.flow.yaml', 'bench/flows/store.flow.yaml', 'examples/feedback-handling.flow.yaml', 'examples/onsite-repair.flow.yaml'];
    expect((await Promise.all(files.map(offFreeCorners))).flat()).toEqual([]);
  });
});
