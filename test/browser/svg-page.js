/*
 * Runs inside the browser page (injected as a plain script, not compiled): inspects one inline
 * journeyflow SVG in the live DOM and returns plain data plus a list of problems per check. Geometry is
 * taken from getBBox() mapped into the root <svg>'s user space, so transforms on groups are honoured.
 */
(function () {
  const SHAPE_TAGS = ['rect', 'path', 'ellipse', 'polygon'];
  const r1 = (n) => Math.round(n * 10) / 10;
  const fmt = (b) => `(x=${r1(b.x)}, y=${r1(b.y)}, w=${r1(b.w)}, h=${r1(b.h)})`;
  const snippet = (s) => JSON.stringify(s.length > 40 ? s.slice(0, 40) + '…' : s);

  /** Matrix from an element's user space into the root svg's user space. */
  function toRoot(el, root) {
    return root.getScreenCTM().inverse().multiply(el.getScreenCTM());
  }

  function mapPoint(m, x, y) {
    return { x: m.a * x + m.c * y + m.e, y: m.b * x + m.d * y + m.f };
  }

  /** Bounding box of an element in root user space. */
  function box(el, root) {
    const b = el.getBBox();
    const m = toRoot(el, root);
    const pts = [mapPoint(m, b.x, b.y), mapPoint(m, b.x + b.width, b.y), mapPoint(m, b.x, b.y + b.height), mapPoint(m, b.x + b.width, b.y + b.height)];
    const xs = pts.map((p) => p.x);
    const ys = pts.map((p) => p.y);
    const x = Math.min(...xs);
    const y = Math.min(...ys);
    return { x, y, w: Math.max(...xs) - x, h: Math.max(...ys) - y };
  }

  function shapeOf(group) {
    for (const c of group.children) if (SHAPE_TAGS.includes(c.localName)) return c;
    return null;
  }

  function overshoot(inner, outer) {
    return {
      left: outer.x - inner.x,
      top: outer.y - inner.y,
      right: inner.x + inner.w - (outer.x + outer.w),
      bottom: inner.y + inner.h - (outer.y + outer.h),
    };
  }

  function exceeds(inner, outer, tol) {
    const o = overshoot(inner, outer);
    const bad = Object.entries(o).filter(([, v]) => v > tol).map(([k, v]) => `${k} by ${r1(v)}px`);
    return bad.length ? bad.join(', ') : '';
  }

  function intersection(a, b) {
    const w = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
    const h = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
    return { w, h };
  }

  const shrink = (b, d) => ({ x: b.x + d, y: b.y + d, w: b.w - 2 * d, h: b.h - 2 * d });
  const strictlyInside = (p, b) => p.x > b.x && p.x < b.x + b.w && p.y > b.y && p.y < b.y + b.h;

  function hrefOk(v) {
    if (/^https?:\/\/[^\s<>"']+$/i.test(v)) return true;
    return /^(\.\.\/|\.\/)*[^:\s<>"']+\.svg$/i.test(v) && !v.includes('//') && !v.startsWith('/');
  }

  function securityProblems(svg) {
    const out = [];
    const all = [svg, ...svg.querySelectorAll('*')];
    for (const el of all) {
      const name = el.localName.toLowerCase();
      if (name === 'script') out.push(`<script> element: ${snippet(el.textContent || '')}`);
      if (name === 'foreignobject') out.push('<foreignObject> element');
      if (['iframe', 'object', 'embed', 'img', 'video', 'audio', 'use', 'image'].includes(name)) {
        const h = el.getAttribute('href') || el.getAttribute('xlink:href') || el.getAttribute('src');
        if (name !== 'use' || (h && !h.startsWith('#'))) out.push(`<${name}> element (${h ?? 'no href'})`);
      }
      for (const a of el.attributes) {
        const an = a.name.toLowerCase();
        if (an.startsWith('on')) out.push(`event attribute ${a.name}=${snippet(a.value)} on <${el.localName}>`);
        if ((an === 'href' || an === 'xlink:href' || an === 'src') && !hrefOk(a.value)) out.push(`${a.name}=${snippet(a.value)} on <${el.localName}> is neither http(s) nor a relative .svg`);
        if (/\bvar\(|color-mix\(/i.test(a.value)) out.push(`non-literal colour in ${a.name}=${snippet(a.value)} on <${el.localName}>`);
        if (/url\(\s*['"]?(?!#)/i.test(a.value)) out.push(`external url() in ${a.name}=${snippet(a.value)} on <${el.localName}>`);
      }
      if (name === 'style') {
        const css = el.textContent || '';
        if (/\bvar\(|color-mix\(/i.test(css)) out.push('non-literal colour (var()/color-mix()) in <style>');
        if (/@import|@font-face/i.test(css)) out.push('@import/@font-face in <style> (SVG must not import fonts or styles)');
        if (/url\(\s*['"]?(?!#)/i.test(css)) out.push('external url() in <style>');
      }
    }
    return out;
  }

  const textOf = (el) => [...el.querySelectorAll('text')].map((t) => t.textContent || '').join('');

  function nodeKey(g) {
    return g.getAttribute('data-id') ?? '(no data-id)';
  }

  /** Points along the edges of a box, for an inside-the-outline test. */
  function ringPoints(b) {
    const xs = [b.x, b.x + b.w / 2, b.x + b.w];
    const ys = [b.y, b.y + b.h / 2, b.y + b.h];
    const pts = [];
    for (const x of xs) for (const y of ys) if (!(x === xs[1] && y === ys[1])) pts.push({ x, y });
    return pts;
  }

  window.jfCheckSvg = function jfCheckSvg(holderId, source) {
    const holder = document.getElementById(holderId);
    const svg = holder && holder.querySelector('svg');
    const report = { found: !!svg };
    const xml = new DOMParser().parseFromString(source, 'image/svg+xml');
    const perr = xml.querySelector('parsererror');
    report.xmlError = perr ? (perr.textContent || 'parsererror').slice(0, 300) : '';
    if (!svg) return report;

    const title = [...svg.children].find((c) => c.localName === 'title');
    const desc = [...svg.children].find((c) => c.localName === 'desc');
    report.root = {
      classes: [...svg.classList],
      role: svg.getAttribute('role'),
      title: title ? title.textContent : null,
      desc: desc ? desc.textContent : null,
      viewBox: svg.getAttribute('viewBox'),
      dataId: svg.getAttribute('data-id'),
    };
    report.security = securityProblems(svg);

    const nodes = [...svg.querySelectorAll('.jf-node')];
    const edges = [...svg.querySelectorAll('.jf-edge')];
    const lanes = [...svg.querySelectorAll('.jf-lane')];
    report.counts = {
      nodes: nodes.length,
      edges: edges.length,
      lanes: lanes.length,
      stages: svg.querySelectorAll('.jf-stage').length,
      emotion: svg.querySelectorAll('.jf-emotion').length,
    };
    report.rows = [...svg.querySelectorAll('.jf-row')].flatMap((r) => [...r.classList].filter((c) => c.startsWith('jf-row-')).map((c) => c.slice(7)));
    report.stageIds = [...svg.querySelectorAll('.jf-stage')].map((s) => s.getAttribute('data-id'));
    report.stageTexts = Object.fromEntries([...svg.querySelectorAll('.jf-stage')].map((s) => [s.getAttribute('data-id'), textOf(s)]));
    report.nodes = nodes.map((g) => {
      const shape = shapeOf(g);
      return { id: g.getAttribute('data-id'), lane: g.getAttribute('data-lane'), classes: [...g.classList], text: textOf(g), shape: shape ? shape.localName : null, texts: g.querySelectorAll('text').length };
    });
    report.edges = edges.map((g) => ({ from: g.getAttribute('data-from'), to: g.getAttribute('data-to'), text: textOf(g), path: !!g.querySelector('path') }));
    report.lanes = lanes.map((g) => ({ id: g.getAttribute('data-id'), text: textOf(g), band: !!g.querySelector('rect') }));

    // Geometry.
    const shapes = new Map();
    for (const g of nodes) {
      const s = shapeOf(g);
      if (s) shapes.set(g, { id: nodeKey(g), el: s, box: box(s, svg) });
    }
    const textInside = [];
    const textOutline = [];
    for (const g of nodes) {
      const sh = shapes.get(g);
      if (!sh) { textInside.push(`node ${nodeKey(g)}: no shape element (rect/path/ellipse/polygon) among its children`); continue; }
      const toShape = sh.el.getScreenCTM().inverse().multiply(svg.getScreenCTM());
      for (const t of g.querySelectorAll('text')) {
        if (!(t.textContent || '').trim()) continue;
        const tb = box(t, svg);
        const over = exceeds(tb, sh.box, 1);
        if (over) textInside.push(`node ${nodeKey(g)} (${sh.el.localName}): text ${snippet(t.textContent)} bbox ${fmt(tb)} leaves shape bbox ${fmt(sh.box)}: ${over}`);
        const outside = ringPoints(shrink(tb, 1)).filter((p) => {
          const q = mapPoint(toShape, p.x, p.y);
          return !sh.el.isPointInFill(new DOMPoint(q.x, q.y));
        });
        if (outside.length) textOutline.push(`node ${nodeKey(g)} (${[...g.classList].join(' ')}, ${sh.el.localName}): text ${snippet(t.textContent)} bbox ${fmt(tb)} has ${outside.length}/8 edge points outside the drawn outline, e.g. (${r1(outside[0].x)}, ${r1(outside[0].y)}); shape bbox ${fmt(sh.box)}`);
      }
    }
    report.textInside = textInside;
    report.textOutline = textOutline;

    const inLanes = [];
    for (const g of nodes) {
      const lane = g.getAttribute('data-lane');
      const sh = shapes.get(g);
      if (!lane || !sh) continue;
      const lg = svg.querySelector(`.jf-lane[data-id="${CSS.escape(lane)}"]`);
      const band = lg && lg.querySelector('rect');
      if (!band) { inLanes.push(`node ${nodeKey(g)}: lane ${lane} has no .jf-lane band rect`); continue; }
      const bb = box(band, svg);
      const over = exceeds(sh.box, bb, 1);
      if (over) inLanes.push(`node ${nodeKey(g)}: shape ${fmt(sh.box)} leaves lane ${lane} band ${fmt(bb)}: ${over}`);
    }
    report.inLanes = inLanes;

    const overlap = [];
    const list = [...shapes.values()];
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const { w, h } = intersection(list[i].box, list[j].box);
        if (w > 0.5 && h > 0.5) overlap.push(`nodes ${list[i].id} ${fmt(list[i].box)} and ${list[j].id} ${fmt(list[j].box)} overlap by ${r1(w)}×${r1(h)}px`);
      }
    }
    report.overlap = overlap;

    const edgeThrough = [];
    const labelOver = [];
    for (const g of edges) {
      const from = g.getAttribute('data-from');
      const to = g.getAttribute('data-to');
      const p = g.querySelector('path');
      if (p && typeof p.getTotalLength === 'function') {
        const m = toRoot(p, svg);
        const len = p.getTotalLength();
        const hits = new Map();
        for (let s = 0; s <= len + 0.001; s += 2) {
          const lp = p.getPointAtLength(Math.min(s, len));
          const q = mapPoint(m, lp.x, lp.y);
          for (const sh of list) {
            if (sh.id === from || sh.id === to || hits.has(sh.id)) continue;
            if (strictlyInside(q, shrink(sh.box, 3))) hits.set(sh.id, `edge ${from}→${to} passes through node ${sh.id} ${fmt(sh.box)} at (${r1(q.x)}, ${r1(q.y)}), ${r1(s)}px along its ${r1(len)}px path`);
          }
        }
        edgeThrough.push(...hits.values());
      }
      for (const r of g.querySelectorAll('rect')) {
        const rb = box(r, svg);
        for (const sh of list) {
          const { w, h } = intersection(rb, shrink(sh.box, 1));
          if (w > 0 && h > 0) labelOver.push(`label of edge ${from}→${to} ${snippet(textOf(g))} box ${fmt(rb)} covers node ${sh.id} ${fmt(sh.box)} by ${r1(w)}×${r1(h)}px`);
        }
      }
    }
    report.edgeThrough = edgeThrough;
    report.labelOver = labelOver;

    // Everything drawn lies inside the viewBox (nothing clipped).
    const clipped = [];
    const vb = (svg.getAttribute('viewBox') || '').trim().split(/[\s,]+/).map(Number);
    if (vb.length === 4 && vb.every(Number.isFinite)) {
      const view = { x: vb[0], y: vb[1], w: vb[2], h: vb[3] };
      for (const el of svg.querySelectorAll('text, .jf-node, .jf-edge, .jf-lane, .jf-stage')) {
        if (el.localName === 'text' && !(el.textContent || '').trim()) continue;
        const b = box(el, svg);
        if (b.w === 0 && b.h === 0) continue;
        const over = exceeds(b, view, 1);
        if (over) clipped.push(`<${el.localName}${el.getAttribute('class') ? ` class="${el.getAttribute('class')}"` : ''}${el.getAttribute('data-id') ? ` data-id="${el.getAttribute('data-id')}"` : ''}> ${el.localName === 'text' ? snippet(el.textContent) + ' ' : ''}${fmt(b)} leaves the viewBox ${fmt(view)}: ${over}`);
      }
    }
    report.clipped = clipped;
    return report;
  };
})();
