import type { SceneMarker } from '../../scene/types.js';
import { endAngle, parsePath } from '../vector/path.js';
import { dashArray, type Leaf, type TextItem } from '../vector/scene-read.js';

export interface Fonts { regular: string; bold: string }

type Doc = PDFKit.PDFDocument;

function paint(doc: Doc, it: Leaf & { fill?: string; stroke?: string; strokeWidth?: number; dash?: string; opacity?: number }): void {
  const fill = it.fill && it.fill !== 'none' ? it.fill : undefined;
  const stroke = it.stroke && it.stroke !== 'none' ? it.stroke : undefined;
  const opacity = it.opacity ?? 1;
  if (fill) doc.fillColor(fill, opacity);
  if (stroke) {
    doc.strokeColor(stroke, opacity).lineWidth(it.strokeWidth ?? 1);
    const dash = dashArray(it.dash);
    // pdfkit takes a dash array, though its type declarations only admit one length.
    if (dash) doc.dash((dash.length % 2 ? [...dash, ...dash] : dash) as unknown as number, {}); else doc.undash();
  }
  if (fill && stroke) doc.fillAndStroke();
  else if (fill) doc.fill();
  else if (stroke) doc.stroke();
  else doc.fill('#000000');
}

/** The SVG default for an unfilled shape is black fill; ours always say `none` when they mean it. */
function defaultFill<T extends { fill?: string }>(it: T): T {
  return it.fill === undefined ? { ...it, fill: '#000000' } : it;
}

/** Draws one scene leaf in scene pixels (the page transform is already applied). */
export function drawLeaf(doc: Doc, it: Leaf, fonts: Fonts, markers: Map<string, SceneMarker>): void {
  switch (it.type) {
    case 'rect':
      if (it.rx) doc.roundedRect(it.x, it.y, it.w, it.h, Math.min(it.rx, it.w / 2, it.h / 2)); else doc.rect(it.x, it.y, it.w, it.h);
      return paint(doc, defaultFill(it));
    case 'ellipse':
      doc.ellipse(it.cx, it.cy, it.rx, it.ry);
      return paint(doc, defaultFill(it));
    case 'polygon':
      doc.polygon(...it.points);
      return paint(doc, defaultFill(it));
    case 'path': {
      doc.path(it.d);
      paint(doc, it);
      const marker = it.markerEnd ? markers.get(it.markerEnd) : undefined;
      if (marker) drawMarker(doc, it.d, marker);
      return;
    }
    case 'text':
      return drawText(doc, it, fonts);
  }
}

/** The SVG marker: a 10×10 arrow with its tip (9,5) on the path's end, 8 px long, along the last segment. */
function drawMarker(doc: Doc, d: string, marker: SceneMarker): void {
  const cmds = parsePath(d);
  const last = [...cmds].reverse().find((c) => c.op !== 'Z');
  if (!last || !('to' in last)) return;
  doc.save();
  doc.undash();
  doc.translate(last.to[0], last.to[1]).rotate((endAngle(cmds) * 180) / Math.PI).scale(0.8).translate(-9, -5);
  doc.path(marker.d).fillColor(marker.fill).fill();
  doc.restore();
}

function drawText(doc: Doc, t: TextItem, fonts: Fonts): void {
  doc.font(t.style.weight === 'bold' ? fonts.bold : fonts.regular).fontSize(t.style.size).fillColor(t.style.fill);
  const anchor = t.style.anchor ?? 'start';
  t.lines.forEach((line, i) => {
    if (!line) return;
    // Anchor by the embedded font's own advance widths, so centred labels sit centred in the PDF.
    const w = doc.widthOfString(line);
    const x = anchor === 'middle' ? t.x - w / 2 : anchor === 'end' ? t.x - w : t.x;
    doc.text(line, x, t.y + i * t.lineHeight, { lineBreak: false, baseline: 'alphabetic', oblique: t.style.italic ? 12 : undefined } as PDFKit.Mixins.TextOptions);
  });
}
