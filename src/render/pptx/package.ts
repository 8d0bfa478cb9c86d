import JSZip from 'jszip';
import { OFFICE_FONTS } from '../vector/scene-read.js';
import { FONT_MARKER } from './shapes.js';

/** Zip entry time of every part; JSZip writes a date's UTC fields, so a UTC date is the same in every time zone. */
const ZIP_DATE = new Date(Date.UTC(2000, 0, 1, 0, 0, 0));
const ISO_DATE = '2000-01-01T00:00:00Z';

/** A group element in a slide: shapes named `role:key/n` that pptxgenjs wrote one after another. */
const UNIT_NAME = /<p:cNvPr id="\d+" name="((?:node|edge|lane):[^"/]*)\/\d+"/;

function fonts(xml: string): string {
  // pptxgenjs names one face for all scripts; Office picks ea for 中文, latin for the rest.
  return xml.replace(new RegExp(`<a:(latin|ea|cs) typeface="${FONT_MARKER}"[^>]*/>`, 'g'), (_m, script: string) =>
    `<a:${script} typeface="${script === 'ea' ? OFFICE_FONTS.eastAsian : OFFICE_FONTS.latin}"/>`);
}

/** Bounding box (EMU) of the shapes' transforms, for the group's own transform. */
function boundsOf(shapes: string[]): { x: number; y: number; cx: number; cy: number } {
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (const s of shapes) {
    const off = /<a:off x="(-?\d+)" y="(-?\d+)"\/>/.exec(s);
    const ext = /<a:ext cx="(\d+)" cy="(\d+)"\/>/.exec(s);
    if (!off || !ext) continue;
    const [x, y, cx, cy] = [off[1], off[2], ext[1], ext[2]].map(Number);
    x0 = Math.min(x0, x); y0 = Math.min(y0, y); x1 = Math.max(x1, x + cx); y1 = Math.max(y1, y + cy);
  }
  return Number.isFinite(x0) ? { x: x0, y: y0, cx: x1 - x0, cy: y1 - y0 } : { x: 0, y: 0, cx: 0, cy: 0 };
}

/**
 * pptxgenjs has no group shapes, so the shapes of one node (outline and texts), one edge or one lane
 * are wrapped here into a `p:grpSp` whose child frame equals its frame: nothing moves, and the
 * person editing the slide moves a node with its text in one drag.
 */
export function groupUnits(xml: string): string {
  const start = xml.indexOf('</p:grpSpPr>') + '</p:grpSpPr>'.length;
  const end = xml.lastIndexOf('</p:spTree>');
  if (start < 12 || end < 0) return xml;
  const elements = xml.slice(start, end).match(/<p:sp>[\s\S]*?<\/p:sp>|<p:cxnSp>[\s\S]*?<\/p:cxnSp>|<p:pic>[\s\S]*?<\/p:pic>|<p:graphicFrame>[\s\S]*?<\/p:graphicFrame>/g) ?? [];
  let nextId = Math.max(1, ...[...xml.matchAll(/<p:cNvPr id="(\d+)"/g)].map((m) => Number(m[1]))) + 1;
  const out: string[] = [];
  for (let i = 0; i < elements.length;) {
    const name = UNIT_NAME.exec(elements[i])?.[1];
    let j = i + 1;
    while (name && j < elements.length && UNIT_NAME.exec(elements[j])?.[1] === name) j++;
    const run = elements.slice(i, j);
    if (!name) out.push(run[0]);
    else {
      const b = boundsOf(run);
      const frame = `<a:off x="${b.x}" y="${b.y}"/><a:ext cx="${b.cx}" cy="${b.cy}"/><a:chOff x="${b.x}" y="${b.y}"/><a:chExt cx="${b.cx}" cy="${b.cy}"/>`;
      out.push(`<p:grpSp><p:nvGrpSpPr><p:cNvPr id="${nextId++}" name="${name}"/><p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr><a:xfrm>${frame}</a:xfrm></p:grpSpPr>${run.join('')}</p:grpSp>`);
    }
    i = j;
  }
  return xml.slice(0, start) + out.join('') + xml.slice(end);
}

/** The theme's font scheme names our pair, with a Simplified Chinese face for the `Hans` script. */
function theme(xml: string): string {
  return xml
    .replace(/<a:ea typeface=""\/>/g, `<a:ea typeface="${OFFICE_FONTS.eastAsian}"/>`)
    .replace(/<a:font script="Hans" typeface="[^"]*"\/>/g, `<a:font script="Hans" typeface="${OFFICE_FONTS.eastAsian}"/>`);
}

/**
 * Rewrites pptxgenjs' package: groups per unit, our fonts, fixed document dates and zip times, so
 * the same diagrams always give the same bytes.
 */
export async function finishPackage(bytes: Uint8Array): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(bytes);
  const out = new JSZip();
  for (const [name, entry] of Object.entries(zip.files)) {
    if (entry.dir) continue;
    if (!/\.(xml|rels)$/.test(name)) { out.file(name, await entry.async('uint8array'), { date: ZIP_DATE, createFolders: false }); continue; }
    let text = await entry.async('string');
    if (/^ppt\/slides\/slide\d+\.xml$/.test(name)) text = groupUnits(fonts(text));
    else if (/^ppt\/theme\/theme\d+\.xml$/.test(name)) text = theme(text);
    else if (name === 'docProps/core.xml') text = text.replace(/(<dcterms:(?:created|modified)[^>]*>)[^<]*/g, `$1${ISO_DATE}`);
    out.file(name, text, { date: ZIP_DATE, createFolders: false });
  }
  return out.generateAsync({ type: 'uint8array', compression: 'DEFLATE', compressionOptions: { level: 6 }, platform: 'DOS' });
}
