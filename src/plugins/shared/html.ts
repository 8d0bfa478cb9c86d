import { escapeXml } from '../../render/escape.js';
import type { BlockError, ResolvedOptions } from './options.js';

/** One diagram of a block, drawn once per theme. */
export interface DrawnDiagram {
  id: string;
  /** Unique to this diagram of this block: the suffix of its ids in the page. */
  uid: string;
  title: string;
  width: number;
  height: number;
  light: string;
  /** A second drawing for dark mode, or (inline SVG) the `<style>` that repaints the light one. */
  dark?: string;
  darkCss?: string;
  /** URLs of the published SVGs (the `file` strategy). */
  lightUrl?: string;
  darkUrl?: string;
}

/*
 * The container keeps the diagram at its natural size and scrolls sideways when it is wider than
 * the content column: a 2 000 px journey map shrunk into 700 px has 5 px text. `max-width:none` on
 * the SVG or image beats site CSS such as `svg, img { max-width: 100% }` (Tailwind, VitePress).
 * `v-pre` stops Vue (VitePress) from reading `{{ … }}` in a label as an expression.
 */
const CONTAINER_STYLE = 'overflow-x:auto;max-width:100%;margin:1rem 0';
const NATURAL = 'max-width:none;height:auto;flex:none';

function container(kind: string, o: ResolvedOptions, inner: string, id: string): string {
  const classes = ['jf-block', `jf-${kind}`, o.dark && o.darkScheme === 'media' ? 'jf-dark-media' : '', o.className ?? ''].filter(Boolean).join(' ');
  return `<div class="${escapeXml(classes)}" data-journeyflow="${escapeXml(id)}" style="${CONTAINER_STYLE}" v-pre>${inner}</div>`;
}

/*
 * Marks the root <svg> of an inline drawing: its theme (for the switch in plugins.css) and the
 * natural-size style. A second, dark drawing is hidden inline, so a page without plugins.css shows
 * only the light one rather than both; a drawing repainted for dark mode by its own `<style>`
 * (recolour.ts) is both. The indentation between tags goes: pages carry it for nothing (labels
 * are single-line <text> elements, so no drawn text changes).
 */
function markRoot(svg: string, theme: 'light' | 'dark' | 'light dark', d: DrawnDiagram): string {
  const hidden = theme === 'dark' ? 'display:none;' : '';
  const scope = d.darkCss === undefined ? '' : ` data-jf-dark="${d.uid}"`;
  const compact = svg.trimEnd().replace(/>\n\s*</g, '><');
  return compact.replace(/^<svg ([^>]*)>/, (_m, attrs: string) => `<svg data-jf-theme="${theme}"${scope} style="${hidden}${NATURAL}" ${attrs}>${d.darkCss ?? ''}`);
}

const dataUrl = (svg: string): string => `data:image/svg+xml;base64,${Buffer.from(svg, 'utf8').toString('base64')}`;

/*
 * With `darkScheme: 'class'` the dark image sits beside the light one, hidden inline and shown by
 * plugins.css on the site's dark switch (VitePress's toggle); a hidden lazy image is not fetched.
 * With `media`, a <picture> lets the browser pick by the reader's setting.
 */
function image(d: DrawnDiagram, o: ResolvedOptions): string {
  const light = o.strategy === 'file' ? d.lightUrl! : dataUrl(d.light);
  const dark = d.dark === undefined ? undefined : o.strategy === 'file' ? d.darkUrl! : dataUrl(d.dark);
  const img = (src: string, theme: string, style: string) =>
    `<img${theme} src="${escapeXml(src)}" alt="${escapeXml(d.title || d.id)}" width="${d.width}" height="${d.height}" style="${style}${NATURAL}"${style ? ' loading="lazy"' : ''}>`;
  if (dark === undefined) return img(light, '', '');
  if (o.darkScheme === 'class') return img(light, ' data-jf-theme="light"', '') + img(dark, ' data-jf-theme="dark"', 'display:none;');
  return `<picture><source media="(prefers-color-scheme: dark)" srcset="${escapeXml(dark)}" width="${d.width}" height="${d.height}">${img(light, '', '')}</picture>`;
}

/*
 * `zoom`: a checkbox and its label (the button) before the container; while the box is ticked,
 * plugins.css lays the container over the whole window, where the diagram shows at its natural
 * size. No script, neither in the page nor in the SVG. Both are hidden inline, so a page without
 * plugins.css shows no button that does nothing.
 */
function zoomControl(d: DrawnDiagram): string {
  const id = `jf-zoom-${d.uid}`;
  return `<input type="checkbox" class="jf-zoom-toggle" id="${id}" aria-label="${escapeXml(`Enlarge ${d.title || d.id}`)}" style="display:none">` +
    `<label class="jf-zoom-label" for="${id}" title="Enlarge / close" style="display:none"></label>`;
}

/** The HTML a block becomes, for each strategy. */
export function figureHtml(diagrams: DrawnDiagram[], o: ResolvedOptions): string {
  return diagrams
    .map((d) => {
      const zoom = o.zoomFrom !== undefined && d.width >= o.zoomFrom ? zoomControl(d) : '';
      if (o.strategy !== 'inline-svg') return zoom + container('image', o, image(d, o), d.id);
      const inner = d.darkCss !== undefined ? markRoot(d.light, 'light dark', d) : markRoot(d.light, 'light', d) + (d.dark === undefined ? '' : markRoot(d.dark, 'dark', d));
      return zoom + container('inline', o, inner, d.id);
    })
    .join('\n');
}

/** The diagnostics shown in place of a broken block (`errorFallback: true`). */
export function errorHtml(error: BlockError): string {
  const style = 'border:1px solid #b91c1c;border-radius:6px;padding:.5rem 1rem;margin:1rem 0;background:#fdecec;color:#7f1d1d';
  return `<div class="jf-block jf-error" role="alert" style="${style}" v-pre><p><strong>journeyflow</strong>: ${escapeXml(error.message)}</p>` +
    `<pre style="white-space:pre-wrap;overflow-x:auto;background:none;color:inherit">${escapeXml(error.details)}</pre></div>`;
}
