/*
 * Runs inside the browser page after a stock mermaid.min.js (11 or 12) is loaded: parses and renders
 * each emitted .mmd text and returns what the rendered SVG holds (counts of nodes, edges, tasks,
 * states; theme colours; anything executable), as plain data.
 */
(function () {
  const COLOUR = /#[0-9a-f]{3,8}\b|rgba?\([^)]*\)|hsla?\([^)]*\)/gi;
  const squashColour = (c) => c.toLowerCase().replace(/\s+/g, '');

  /** Colour literals a text holds, normalized. */
  window.jfColours = function jfColours(text) {
    return [...new Set((String(text).match(COLOUR) || []).map(squashColour))].sort();
  };

  function hrefOk(v) {
    return /^https?:\/\//i.test(v) || /^#/.test(v);
  }

  function inspect(svgText, holder) {
    holder.innerHTML = svgText;
    const svg = holder.querySelector('svg');
    if (!svg) return { noSvg: true };
    const q = (sel) => svg.querySelectorAll(sel).length;
    const unsafe = [];
    if (/<script/i.test(svgText)) unsafe.push('<script in the rendered SVG text');
    for (const el of [svg, ...svg.querySelectorAll('*')]) {
      if (el.localName.toLowerCase() === 'script') unsafe.push('<script> element');
      for (const a of el.attributes) {
        const an = a.name.toLowerCase();
        if (an.startsWith('on')) unsafe.push(`event attribute ${a.name} on <${el.localName}>`);
        if ((an === 'href' || an === 'xlink:href' || an === 'src') && !hrefOk(a.value)) unsafe.push(`${a.name}="${a.value.slice(0, 60)}" on <${el.localName}>`);
      }
    }
    for (const el of svg.querySelectorAll('.clickable')) unsafe.push(`clickable element <${el.localName} id="${el.id}">`);
    const styles = [...svg.querySelectorAll('style')].map((s) => s.textContent || '').join('\n');
    const states = [...svg.querySelectorAll('g.node')].filter((g) => g.classList.contains('statediagram-state'));
    return {
      gNodes: q('g.node'),
      flowLinks: q('path.flowchart-link'),
      // Mermaid 11 (dagre) draws a self-loop as three paths: …-cyclic-special-1, -mid and -2.
      flowEdges: [...svg.querySelectorAll('path.flowchart-link')].filter((p) => !/-cyclic-special-(mid|2)$/.test(p.id)).length,
      edgePathPaths: q('.edgePaths path'),
      tasks: q('rect.task'),
      sections: q('rect.journey-section'),
      stateNodes: states.length,
      // A note is tied to its state by a path.transition.note-edge: not a transition.
      transitions: q('path.transition:not(.note-edge)'),
      noteEdges: q('path.note-edge'),
      unsafe,
      colours: window.jfColours(styles),
      nodeTexts: [...svg.querySelectorAll('g.node')].map((g) => g.textContent || ''),
      stateTexts: states.map((g) => g.textContent || ''),
      allText: svg.textContent || '',
      dark: svg.getAttribute('style') || '',
    };
  }

  /** Parses and renders every item in turn: items are [renderId, text]. */
  window.jfMermaidRun = async function jfMermaidRun(items) {
    const m = window.mermaid;
    m.initialize({ startOnLoad: false, securityLevel: 'strict' });
    const holder = document.getElementById('out');
    const out = [];
    for (const [id, text] of items) {
      const r = { id };
      try {
        const parsed = await m.parse(text);
        r.diagramType = parsed && parsed.diagramType;
      } catch (e) {
        r.parseError = String((e && e.message) || e).slice(0, 800);
      }
      try {
        const { svg } = await m.render(id, text);
        Object.assign(r, inspect(svg, holder));
      } catch (e) {
        r.renderError = String((e && e.message) || e).slice(0, 800);
      }
      // Mermaid leaves an error diagram or a temporary element behind on failures; clear both.
      holder.innerHTML = '';
      for (const left of document.querySelectorAll(`#d${id}, #${id}`)) left.remove();
      out.push(r);
    }
    return out;
  };
})();
