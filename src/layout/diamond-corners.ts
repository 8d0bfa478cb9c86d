import { areaOf, corners, EPS, type Box, type Point } from './route-geometry.js';

/*
 * Decision branches from the diamond's corners. The lane router spreads the routes that leave one
 * side of a node over that side (lane-bands.ts), and the post-pass then turns some of them into
 * elbows out of a diamond's left or right corner (elbows.ts); a branch left on the side it shared
 * keeps its port 17–50 px along a slanted side while that side's corner stays unused, and reads as
 * leaving from nowhere in particular. After the post-pass, every route end on a diamond that lies
 * off a corner no other end uses slides onto that corner: its first segment moves sideways and the
 * run after it grows or shrinks to match, when the caller finds the moved route free (the
 * post-pass's own test: through no node or label, alongside no edge, crossing no more edges).
 * Layout points lie on the node's box: a corner is the middle of a box side.
 */

/** Shortest run after the moved segment, for the two rounded corners at its ends. */
const MIN_RUN = 12;
/** Shortest last run into a target, for the arrowhead. */
const MIN_LAST_RUN = 16;

/** The box side a route end leaves by, from its first segment's direction: 0 top, 1 right, 2 bottom, 3 left. */
function sideOf(p0: Point, p1: Point): number {
  if (Math.abs(p0[0] - p1[0]) < EPS) return p1[1] > p0[1] ? 2 : 0;
  return p1[0] > p0[0] ? 1 : 3;
}

/** The coordinate of a side's corner across the side (x for top and bottom, y for left and right), and that axis. */
function cornerOf(node: Box, side: number): { k: 0 | 1; at: number } {
  return side % 2 === 0 ? { k: 0, at: node.x + node.w / 2 } : { k: 1, at: node.y + node.h / 2 };
}

/** Where an end sits: the side it leaves by, and whether it is at that side's corner. */
export function endPlace(route: readonly Point[], node: Box, atStart: boolean): { side: number; atCorner: boolean; offset: number } | undefined {
  if (route.length < 2) return undefined;
  const [p0, p1] = atStart ? [route[0], route[1]] : [route[route.length - 1], route[route.length - 2]];
  const side = sideOf(p0, p1);
  const { k, at } = cornerOf(node, side);
  const offset = Math.abs(p0[k] - at);
  return { side, atCorner: offset < 0.5, offset };
}

/** How far from the ends of the far node's side a straight line moved with the corner may meet it. */
const FAR_SIDE_MARGIN = 8;

/** The far node of a route end, to which a straight line moved onto the corner must still lead. */
export interface FarEnd { node: Box; diamond: boolean }

/**
 * The route with one end moved onto its side's corner (or `to`), or undefined when that end cannot
 * move so: a straight line, or a route stepping sideways into the far node, would miss the far node's side (or a diamond's corner there), the run after the
 * first segment would turn back or be too short for its corners (or the arrowhead), or the two
 * runs would meet in a line that doubles back.
 */
export function movedToCorner(route: readonly Point[], node: Box, atStart: boolean, far: FarEnd, to?: number): Point[] | undefined {
  const pts = atStart ? [...route] : [...route].reverse();
  if (pts.length < 2) return undefined;
  const [p0, p1, p2] = pts;
  const corner = cornerOf(node, sideOf(p0, p1));
  const k = corner.k;
  // `to`: another place along the side than its corner (where a branch makes room for one going straight).
  const at = to ?? corner.at;
  const move = (p: Point): Point => (k === 0 ? [at, p[1]] : [p[0], at]);
  // A straight line moved onto `at` still meets the far node's side well inside it (a diamond's at its corner).
  const lo = k === 0 ? far.node.x : far.node.y;
  const size = k === 0 ? far.node.w : far.node.h;
  const fits = far.diamond ? Math.abs(lo + size / 2 - at) < 0.5 : at >= lo + FAR_SIDE_MARGIN && at <= lo + size - FAR_SIDE_MARGIN;
  if (!p2) return fits ? (atStart ? [move(p0), move(p1)] : [move(p1), move(p0)]) : undefined;
  // A step (out, sideways, on the same way into the far node) becomes a straight line, where the far node takes the line.
  const p3 = pts[3];
  const along = 1 - k;
  const sameWay = p3 !== undefined && Math.sign(p3[along] - p2[along]) === Math.sign(p1[along] - p0[along]);
  if (pts.length === 4 && fits && sameWay && p3[k] >= lo && p3[k] <= lo + size) return atStart ? [move(p0), move(p3)] : [move(p3), move(p0)];
  const before = p2[k] - p1[k];
  const after = p2[k] - at;
  if (Math.abs(after) < EPS) {
    // The first segment lands on the line of the run after the next: one straight run, if it goes on the same way.
    if (!sameWay) return undefined;
  } else {
    const last = pts.length === 3;
    // Into a target, the last run keeps room for the arrowhead (at a route's start or end alike, `pts` ends at the other node).
    if (Math.sign(after) !== Math.sign(before) || Math.abs(after) < (last ? MIN_LAST_RUN : MIN_RUN)) return undefined;
  }
  const out = corners([move(p0), move(p1), ...pts.slice(2)]);
  return atStart ? out : out.reverse();
}

/** A route end on a diamond: the edge, and whether it is the route's start. */
interface DiamondEnd { edge: number; atStart: boolean; side: number; offset: number }

/** How the caller redraws routes: `tryRoute` redraws an edge when the route is free (its label kept clear of `keepClear`) and says whether it did; `keep` remembers an edge's drawing and returns what puts it back. */
export interface CornerRoutes {
  routeOf: (edge: number) => readonly Point[];
  tryRoute: (edge: number, points: Point[], keepClear?: Box) => boolean;
  keep: (edge: number) => () => void;
}

/**
 * Moves route ends onto free diamond corners, in place, one corner at a time (nodes in id order,
 * corners top, right, bottom, left; the end nearest the corner first); on a side whose corner an
 * end holds, that end may hand it over (handOverCorner).
 */
export function branchesToCorners(
  nodes: ReadonlyMap<string, Box>,
  ends: ReadonlyArray<{ from: string; to: string }>,
  isDiamond: (id: string) => boolean,
  routes: CornerRoutes,
): void {
  const byNode = new Map<string, Array<{ edge: number; atStart: boolean }>>();
  ends.forEach((e, i) => {
    for (const [id, atStart] of [[e.from, true], [e.to, false]] as const) {
      if (isDiamond(id) && nodes.has(id)) (byNode.get(id) ?? byNode.set(id, []).get(id)!).push({ edge: i, atStart });
    }
  });
  const world = { ends, nodes, isDiamond, ...routes };
  for (const id of [...byNode.keys()].sort()) {
    const node = nodes.get(id)!;
    const place = () => byNode.get(id)!.flatMap(({ edge, atStart }): DiamondEnd[] => {
      const p = endPlace(routes.routeOf(edge), node, atStart);
      return p ? [{ edge, atStart, side: p.side, offset: p.atCorner ? 0 : p.offset }] : [];
    });
    for (let side = 0; side < 4; side++) {
      const here = place().filter((e) => e.side === side);
      if (here.some((e) => e.offset === 0)) {
        handOverCorner(node, here, world);
        continue;
      }
      for (const end of here.sort((a, b) => a.offset - b.offset || a.edge - b.edge)) {
        const moved = movedToCorner(routes.routeOf(end.edge), node, end.atStart, farEndOf(end, world, node));
        if (moved && (routes.tryRoute(end.edge, moved) || clearFarEnd(end, moved, world))) break;
      }
    }
    elbowsFromFreeCorners(node, place, world);
  }
}

interface CornerWorld extends CornerRoutes {
  ends: ReadonlyArray<{ from: string; to: string }>;
  nodes: ReadonlyMap<string, Box>;
  isDiamond: (id: string) => boolean;
}

function farEndOf(end: Pick<DiamondEnd, 'edge' | 'atStart'>, { ends, nodes, isDiamond }: Pick<CornerWorld, 'ends' | 'nodes' | 'isDiamond'>, node: Box): FarEnd {
  const farId = end.atStart ? ends[end.edge].to : ends[end.edge].from;
  return { node: nodes.get(farId) ?? node, diamond: isDiamond(farId) };
}

/** Room a label moved with a branch keeps from the line another branch is to take. */
const LINE_ROOM = 4;

/**
 * Two branches on one side of a diamond, the one at the corner turning off and the one beside it
 * a jog away from a straight line: the first moves as far the other way from the corner (towards
 * where it turns, so that the two keep their order, its label clear of the line to come) and the
 * second takes the corner, when that saves it bends. Both redraws must be free, else the first is
 * put back as it was.
 */
function handOverCorner(node: Box, here: readonly DiamondEnd[], world: CornerWorld): void {
  const { routeOf, tryRoute, keep } = world;
  const holder = here.find((e) => e.offset === 0)!;
  for (const end of here.filter((e) => e.offset > 0).sort((a, b) => a.offset - b.offset || a.edge - b.edge)) {
    const straighter = movedToCorner(routeOf(end.edge), node, end.atStart, farEndOf(end, world, node));
    if (!straighter || straighter.length >= corners(routeOf(end.edge)).length) continue;
    const held = holder.atStart ? routeOf(holder.edge) : [...routeOf(holder.edge)].reverse();
    const endStart = (end.atStart ? routeOf(end.edge) : [...routeOf(end.edge)].reverse())[0];
    const { k, at } = cornerOf(node, holder.side);
    const mirrored = 2 * at - endStart[k];
    // The holder's route turns towards the place it moves to.
    if (!held[2] || Math.sign(held[2][k] - at) !== Math.sign(mirrored - at)) continue;
    const aside = movedToCorner(routeOf(holder.edge), node, holder.atStart, farEndOf(holder, world, node), mirrored);
    if (!aside) continue;
    const putBack = keep(holder.edge);
    if (!tryRoute(holder.edge, aside, areaOf(straighter, LINE_ROOM))) continue;
    const moved = movedToCorner(routeOf(end.edge), node, end.atStart, farEndOf(end, world, node));
    if (moved && tryRoute(end.edge, moved)) return;
    putBack();
  }
}

/**
 * A branch moved onto its corner that would run into another edge's end on the far node: that end
 * moves aside as far the other way (towards where its route turns, so the two keep their order),
 * and the branch goes in beside it. Both redraws must be free, else the other is put back.
 */
function clearFarEnd(end: DiamondEnd, moved: readonly Point[], world: CornerWorld): boolean {
  const { ends, nodes, routeOf, tryRoute, keep } = world;
  const farId = end.atStart ? ends[end.edge].to : ends[end.edge].from;
  const far = nodes.get(farId);
  const farPlace = far && !world.isDiamond(farId) ? endPlace(moved, far, !end.atStart) : undefined;
  if (!far || !farPlace) return false;
  const route = routeOf(end.edge);
  const before = end.atStart ? route[route.length - 1] : route[0];
  const after = end.atStart ? moved[moved.length - 1] : moved[0];
  const { k } = cornerOf(far, farPlace.side);
  const mirrored = 2 * after[k] - before[k];
  const lo = k === 0 ? far.x : far.y;
  if (mirrored < lo + FAR_SIDE_MARGIN || mirrored > lo + (k === 0 ? far.w : far.h) - FAR_SIDE_MARGIN) return false;
  const others = ends.flatMap((e, i) => (i === end.edge ? [] : [
    ...(e.from === farId ? [{ edge: i, atStart: true }] : []),
    ...(e.to === farId ? [{ edge: i, atStart: false }] : []),
  ]));
  for (const other of others) {
    const theirs = routeOf(other.edge);
    const place = endPlace(theirs, far, other.atStart);
    const p = other.atStart ? theirs[0] : theirs[theirs.length - 1];
    if (!place || place.side !== farPlace.side || Math.abs(p[k] - after[k]) > EPS) continue;
    const held = other.atStart ? theirs : [...theirs].reverse();
    if (!held[2] || Math.sign(held[2][k] - after[k]) !== Math.sign(mirrored - after[k])) continue;
    const aside = movedToCorner(theirs, far, other.atStart, farEndOf(other, world, far), mirrored);
    if (!aside) continue;
    const putBack = keep(other.edge);
    if (!tryRoute(other.edge, aside, areaOf(moved, LINE_ROOM))) continue;
    if (tryRoute(end.edge, [...moved])) return true;
    putBack();
  }
  return false;
}

/** Shortest first run of an elbow out of a corner: room for the rounded corner after it. */
const MIN_FIRST_RUN = 10;

/** A side's corner and the way out of it (-1 or 1 along axis `a`: y for top and bottom, x for left and right). */
function cornerPoint(node: Box, side: number): { p: Point; a: 0 | 1; out: number } {
  const { x, y, w, h } = node;
  return [
    { p: [x + w / 2, y] as Point, a: 1 as const, out: -1 },
    { p: [x + w, y + h / 2] as Point, a: 0 as const, out: 1 },
    { p: [x + w / 2, y + h] as Point, a: 1 as const, out: 1 },
    { p: [x, y + h / 2] as Point, a: 0 as const, out: -1 },
  ][side];
}

/**
 * The one-bend route out of a diamond's corner into the far node: along the way out to the line of
 * the far node's middle, then into the far node's side that faces the corner; undefined when the
 * far node does not lie beyond the corner with room for both runs.
 */
export function elbowOutOf(node: Box, side: number, far: Box): Point[] | undefined {
  const { p, a, out } = cornerPoint(node, side);
  const b = (1 - a) as 0 | 1;
  const lo = (box: Box, k: 0 | 1) => (k === 0 ? box.x : box.y);
  const size = (box: Box, k: 0 | 1) => (k === 0 ? box.w : box.h);
  const turnAt = lo(far, a) + size(far, a) / 2;
  if ((turnAt - p[a]) * out < MIN_FIRST_RUN) return undefined;
  const below = p[b] < lo(far, b);
  const entry = below ? lo(far, b) : lo(far, b) + size(far, b);
  if (!below && p[b] < entry) return undefined;
  if (Math.abs(entry - p[b]) < MIN_LAST_RUN) return undefined;
  const at = (along: number, other: number): Point => (a === 0 ? [along, other] : [other, along]);
  return [p, at(turnAt, p[b]), at(turnAt, entry)];
}

/**
 * Branches left beside a corner another branch holds, while another corner of the diamond has no
 * end at all: each leaves from such a corner instead, as an elbow into the far node, when that
 * costs no bend more and the caller finds it free (distinct corners for distinct branches).
 */
function elbowsFromFreeCorners(node: Box, place: () => DiamondEnd[], world: CornerWorld): void {
  const { routeOf, tryRoute } = world;
  for (const end of place().sort((a, b) => a.edge - b.edge || Number(b.atStart) - Number(a.atStart))) {
    const now = place();
    const mine = now.find((e) => e.edge === end.edge && e.atStart === end.atStart)!;
    if (mine.offset === 0 || !now.some((e) => e.side === mine.side && e.offset === 0)) continue;
    const bends = corners(routeOf(end.edge)).length - 2;
    const far = farEndOf(end, world, node).node;
    for (let side = 0; side < 4; side++) {
      if (now.some((e) => e.side === side)) continue;
      const out = elbowOutOf(node, side, far);
      if (!out || out.length - 2 > bends) continue;
      if (tryRoute(end.edge, end.atStart ? out : out.reverse())) break;
    }
  }
}
