import type { Scene, SceneItem } from '../scene/types.js';
import { r1 } from '../scene/geometry.js';
import { escapeXml, safeHref } from './escape.js';

const attr = (name: string, value: string | number | undefined): string =>
  value === undefined || value === '' ? '' : ` ${name}="${typeof value === 'number' ? r1(value) : escapeXml(value)}"`;

function paintAttrs(p: { fill?: string; stroke?: string; strokeWidth?: number; dash?: string; opacity?: number }): string {
  return attr('fill', p.fill ?? 'none') + attr('stroke', p.stroke) + attr('stroke-width', p.strokeWidth) + attr('stroke-dasharray', p.dash) + attr('opacity', p.opacity);
}

function extraAttrs(attrs: Record<string, string> | undefined): string {
  if (!attrs) return '';
  // Only data-* and aria-* names pass: no event handlers or hrefs can come through here.
  return Object.keys(attrs).sort().filter((k) => /^(data|aria)-[a-z0-9-]+$/.test(k)).map((k) => attr(k, attrs[k])).join('');
}

/** Appends one item's markup to `out`: one array for the whole SVG, joined once (no string per group). */
function writeItem(out: string[], it: SceneItem, markerPrefix: string, indent: string): void {
  if (it.type === 'group') {
    const href = safeHref(it.link);
    if (href) out.push(`${indent}<a href="${escapeXml(href)}"${/^https?:/.test(href) ? ' target="_blank" rel="noopener noreferrer"' : ''}>\n`);
    out.push(`${indent}<g${attr('class', it.className)}${extraAttrs(it.attrs)}>\n`);
    if (it.tooltip) out.push(`${indent}  <title>${escapeXml(it.tooltip)}</title>\n`);
    for (const c of it.children) writeItem(out, c, markerPrefix, indent + '  ');
    out.push(`${indent}</g>\n`);
    if (href) out.push(`${indent}</a>\n`);
    return;
  }
  out.push(item(it, markerPrefix, indent));
}

/** The markup of one item other than a group. */
function item(it: Exclude<SceneItem, { type: 'group' }>, markerPrefix: string, indent: string): string {
  switch (it.type) {
    case 'rect':
      return `${indent}<rect${attr('class', it.className)}${attr('x', it.x)}${attr('y', it.y)}${attr('width', it.w)}${attr('height', it.h)}${it.rx ? attr('rx', it.rx) : ''}${paintAttrs(it)}/>\n`;
    case 'ellipse':
      return `${indent}<ellipse${attr('class', it.className)}${attr('cx', it.cx)}${attr('cy', it.cy)}${attr('rx', it.rx)}${attr('ry', it.ry)}${paintAttrs(it)}/>\n`;
    case 'polygon':
      return `${indent}<polygon${attr('class', it.className)} points="${it.points.map(([x, y]) => `${r1(x)},${r1(y)}`).join(' ')}"${paintAttrs(it)}/>\n`;
    case 'path':
      return `${indent}<path${attr('class', it.className)}${extraAttrs(it.attrs)} d="${it.d}"${paintAttrs(it)}${it.markerEnd ? ` marker-end="url(#${markerPrefix}${it.markerEnd})"` : ''}/>\n`;
    case 'text': {
      const s = it.style;
      const common = attr('class', it.className) + attr('x', it.x) + attr('y', it.y) + attr('font-size', s.size) + attr('fill', s.fill) +
        (s.anchor && s.anchor !== 'start' ? attr('text-anchor', s.anchor) : '') + (s.weight === 'bold' ? ' font-weight="700"' : '') + (s.italic ? ' font-style="italic"' : '');
      // xml:space keeps runs of spaces as written, so labels show literally.
      if (it.lines.length === 1) return `${indent}<text${common} xml:space="preserve">${escapeXml(it.lines[0])}</text>\n`;
      const spans = it.lines.map((l, i) => `<tspan${attr('x', it.x)}${i ? attr('dy', it.lineHeight) : ''}>${escapeXml(l)}</tspan>`).join('');
      return `${indent}<text${common} xml:space="preserve">${spans}</text>\n`;
    }
  }
}

/**
 * Arrowheads: a 10-unit marker drawn 8 px long, its reference point 1 unit short of the tip, so the
 * line's end hides under the head and the tip reaches this far past the path's end.
 */
const MARKER = { box: 10, refX: 9, size: 8 };
export const ARROW_TIP = ((MARKER.box - MARKER.refX) * MARKER.size) / MARKER.box;

/** Writes a scene as a self-contained SVG: no scripts, no external fetches, literal colours only. */
export function renderSvg(scene: Scene): string {
  const prefix = `jf-${scene.id.replace(/[^A-Za-z0-9_-]/g, '_')}-`;
  const classes = ['jf-diagram', `jf-${scene.kind}`, ...(scene.rootClasses ?? [])].join(' ');
  const markers = scene.markers
    .map((m) => `    <marker id="${prefix}${m.id}" viewBox="0 0 ${MARKER.box} ${MARKER.box}" refX="${MARKER.refX}" refY="${MARKER.box / 2}" markerWidth="${MARKER.size}" markerHeight="${MARKER.size}" markerUnits="userSpaceOnUse" orient="auto"><path d="${m.d}" fill="${escapeXml(m.fill)}"/></marker>\n`)
    .join('');
  const w = Math.ceil(scene.width);
  const h = Math.ceil(scene.height);
  const body: string[] = [];
  for (const it of scene.items) writeItem(body, it, prefix, '  ');
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" viewBox="0 0 ${w} ${h}" role="img" aria-labelledby="${prefix}title ${prefix}desc"` +
    ` class="${classes}" data-id="${escapeXml(scene.id)}" font-family="${escapeXml(scene.fontFamily)}">\n` +
    `  <title id="${prefix}title">${escapeXml(scene.title)}</title>\n` +
    `  <desc id="${prefix}desc">${escapeXml(scene.description)}</desc>\n` +
    (markers ? `  <defs>\n${markers}  </defs>\n` : '') +
    `  <rect class="jf-background" x="0" y="0" width="${w}" height="${h}" fill="${escapeXml(scene.background)}"/>\n` +
    body.join('') +
    `</svg>\n`
  );
}
