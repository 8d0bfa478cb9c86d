// Runs inside the browser page of bench/quality.ts (plain script, no imports): reads the geometry of
// the page's one SVG as it is drawn, through the DOM (getScreenCTM, getTotalLength,
// getPointAtLength, getBBox), in the SVG's own user units. The figures are computed in Node by
// bench/quality-geometry.ts, so any renderer's drawing is measured by the same code.
/* global document, window */
window.extractDrawing = function extractDrawing(spec) {
  const svg = document.querySelector('svg');
  const rootInverse = svg.getScreenCTM().inverse();
  const toRoot = (el) => rootInverse.multiply(el.getScreenCTM());
  const apply = (m, x, y) => [m.a * x + m.c * y + m.e, m.b * x + m.d * y + m.f];

  /** Points along an element's geometry at most `step` apart, split where the pen jumps (a new sub-path). */
  const runsOf = (el, step) => {
    const m = toRoot(el);
    const length = el.getTotalLength();
    const n = Math.max(2, Math.min(4000, Math.ceil(length / step)));
    const runs = [[]];
    let prev;
    for (let i = 0; i <= n; i++) {
      const p = el.getPointAtLength((length * i) / n);
      const q = apply(m, p.x, p.y);
      if (prev && Math.hypot(q[0] - prev[0], q[1] - prev[1]) > 3 * step + 1) runs.push([]);
      runs[runs.length - 1].push(q);
      prev = q;
    }
    return runs.filter((r) => r.length > 0);
  };
  const boxOf = (el) => {
    const b = el.getBBox();
    const m = toRoot(el);
    const pts = [apply(m, b.x, b.y), apply(m, b.x + b.width, b.y), apply(m, b.x, b.y + b.height), apply(m, b.x + b.width, b.y + b.height)];
    const xs = pts.map((p) => p[0]);
    const ys = pts.map((p) => p[1]);
    return { x: Math.min(...xs), y: Math.min(...ys), w: Math.max(...xs) - Math.min(...xs), h: Math.max(...ys) - Math.min(...ys) };
  };
  const union = (boxes) => {
    const x = Math.min(...boxes.map((b) => b.x));
    const y = Math.min(...boxes.map((b) => b.y));
    return { x, y, w: Math.max(...boxes.map((b) => b.x + b.w)) - x, h: Math.max(...boxes.map((b) => b.y + b.h)) - y };
  };

  /** How far a marker-end arrowhead reaches past the path's end (orient="auto" draws it along the end). */
  const tipOf = (path) => {
    const ref = (path.getAttribute('marker-end') || '').match(/url\(#([^)]+)\)/);
    const marker = ref && document.getElementById(ref[1]);
    if (!marker) return 0;
    const viewBox = marker.viewBox.baseVal;
    const units = marker.getAttribute('markerUnits') === 'userSpaceOnUse' ? 1 : parseFloat(getComputedStyle(path).strokeWidth) || 1;
    const scale = ((marker.markerWidth.baseVal.value || 3) / (viewBox && viewBox.width ? viewBox.width : 1)) * units;
    const shapes = [...marker.querySelectorAll('path, polygon, circle, ellipse, rect')];
    const far = Math.max(...shapes.map((s) => { const b = s.getBBox(); return b.x + b.width; }));
    return Number.isFinite(far) ? (far - marker.refX.baseVal.value) * scale : 0;
  };

  const geometry = 'rect, path, polygon, polyline, circle, ellipse';
  const nodes = [...document.querySelectorAll(spec.node)].flatMap((g) => {
    const shapes = [...g.querySelectorAll(spec.shape || geometry)].filter((s) => !(spec.skip && s.closest(spec.skip)) && s.getTotalLength() > 0);
    if (!shapes.length) return [];
    return [{ runs: shapes.flatMap((s) => runsOf(s, 1)), box: union(shapes.map(boxOf)) }];
  });
  const edgeEls = [...document.querySelectorAll(spec.edge)].filter((p) => p.getTotalLength() > 0);
  const edges = edgeEls.map((p) => ({ points: runsOf(p, 1.5).flat(), tip: tipOf(p) }));
  const labels = [...document.querySelectorAll(spec.label)].flatMap((el) => {
    const box = boxOf(el);
    if (box.w * box.h < 1) return [];
    const group = spec.labelOwner && el.closest(spec.labelOwner);
    const edge = group ? edgeEls.findIndex((p) => group.contains(p)) : -1;
    return [edge >= 0 ? { box, edge } : { box }];
  });
  const lanes = spec.lanes.flatMap((sel) => { const el = document.querySelector(sel); return el ? [boxOf(el)] : []; });
  const vb = svg.viewBox.baseVal;
  const width = vb && vb.width ? vb.width : svg.width.baseVal.value;
  const height = vb && vb.height ? vb.height : svg.height.baseVal.value;
  return { width, height, nodes, edges, labels, lanes, lanesAsked: spec.lanes.length };
};
