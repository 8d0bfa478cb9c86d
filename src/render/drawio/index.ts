import type { Point } from '../../scene/geometry.js';
import type { Scene } from '../../scene/types.js';
import { escapeXml, safeHref } from '../escape.js';
import { sceneCells, type Cell } from './cells.js';

export interface DrawioPage {
  scene: Scene;
  /** File name other diagrams' links use for this one, e.g. `onsite-repair.flow.drawio`. */
  name?: string;
}

export interface DrawioOptions {
  /** Extension that links to other diagrams of the build get (`.drawio` or `.drawio.svg`). */
  linkExtension?: string;
}

const n = (v: number): string => String(Math.round(v * 100) / 100);
// Attribute values keep newlines as character references: XML parsers turn raw ones into spaces.
const attr = (v: string): string => escapeXml(v).replace(/\r?\n/g, '&#xa;');

function geometryXml(c: Cell): string {
  if (c.kind === 'vertex') {
    const b = c.box!;
    return `<mxGeometry x="${n(b.x)}" y="${n(b.y)}" width="${n(b.w)}" height="${n(b.h)}" as="geometry"/>`;
  }
  const r = c.route!;
  const pt = (p: Point, as?: string) => `<mxPoint x="${n(p[0])}" y="${n(p[1])}"${as ? ` as="${as}"` : ''}/>`;
  return `<mxGeometry relative="1" as="geometry">` +
    (r.sourcePoint ? pt(r.sourcePoint, 'sourcePoint') : '') +
    (r.targetPoint ? pt(r.targetPoint, 'targetPoint') : '') +
    (r.points.length ? `<Array as="points">${r.points.map((p) => pt(p)).join('')}</Array>` : '') +
    (r.offset ? pt(r.offset, 'offset') : '') +
    `</mxGeometry>`;
}

/** A cell as XML; with a link or tooltip it is wrapped in a UserObject, draw.io's way to carry them. */
function cellXml(c: Cell): string {
  const ends = (c.source ? ` source="${attr(c.source)}"` : '') + (c.target ? ` target="${attr(c.target)}"` : '');
  const body = `style="${attr(c.style)}" ${c.kind}="1" parent="${attr(c.parent)}"${ends}>${geometryXml(c)}</mxCell>`;
  if (!c.link && !c.tooltip) return `<mxCell id="${attr(c.id)}" value="${attr(c.value)}" ${body}`;
  return `<UserObject id="${attr(c.id)}" label="${attr(c.value)}"${c.link ? ` link="${attr(c.link)}"` : ''}${c.tooltip ? ` tooltip="${attr(c.tooltip)}"` : ''}><mxCell ${body}</UserObject>`;
}

/** The id draw.io gives a page: ours, made safe for `data:page/id,` links. */
const pageId = (scene: Scene, index: number): string => `jf-${index}-${scene.id.replace(/[^A-Za-z0-9_-]/g, '_')}`;

function diagramXml(scene: Scene, index: number, linkFor: (href: string) => string | undefined): string {
  const cells = sceneCells(scene, { prefix: `p${index}-`, linkFor });
  const w = Math.ceil(scene.width);
  const h = Math.ceil(scene.height);
  return `  <diagram id="${attr(pageId(scene, index))}" name="${attr(scene.title || scene.id)}">\n` +
    `    <mxGraphModel dx="${w}" dy="${h}" grid="0" gridSize="10" guides="1" tooltips="1" connect="1" arrows="1" fold="1" page="1" pageScale="1" pageWidth="${w}" pageHeight="${h}" background="${attr(scene.background)}" math="0" shadow="0">\n` +
    `      <root>\n        <mxCell id="0"/>\n        <mxCell id="1" parent="0"/>\n` +
    cells.map((c) => `        ${cellXml(c)}\n`).join('') +
    `      </root>\n    </mxGraphModel>\n  </diagram>\n`;
}

/**
 * Links become draw.io links: to a page of this file when it holds the target, to the target's
 * draw.io file beside this one for diagrams of the same build, or to the web.
 */
function linker(pages: readonly DrawioPage[], ext: string): (href: string) => string | undefined {
  const byName = new Map(pages.map((p, i) => [p.name, pageId(p.scene, i)]));
  return (href) => {
    const safe = safeHref(href);
    if (!safe) return undefined;
    if (/^https?:/i.test(safe)) return safe;
    const file = safe.replace(/\.svg$/i, ext);
    const page = byName.get(file) ?? byName.get(file.split('/').pop());
    return page ? `data:page/id,${page}` : file;
  };
}

/** An uncompressed draw.io file: one page per diagram, every node, edge and lane an editable cell. */
export function renderDrawio(pages: readonly DrawioPage[], options: DrawioOptions = {}): string {
  const linkFor = linker(pages, options.linkExtension ?? '.drawio');
  return `<mxfile host="journeyflow" agent="journeyflow" version="24.0.0" type="device" compressed="false">\n` +
    pages.map((p, i) => diagramXml(p.scene, i, linkFor)).join('') +
    `</mxfile>\n`;
}

/** Our SVG with the draw.io file in its `content` attribute: shown by any SVG viewer, opened for editing by draw.io. */
export function renderDrawioSvg(scene: Scene, svg: string, options: DrawioOptions = {}): string {
  const mxfile = renderDrawio([{ scene }], { linkExtension: options.linkExtension ?? '.drawio.svg' });
  return svg.replace(/^<svg\b/, `<svg content="${escapeXml(mxfile).replace(/\n/g, '&#xa;')}"`);
}
