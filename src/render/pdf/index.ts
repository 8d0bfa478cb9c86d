import type PDFKitDocument from 'pdfkit';
import { importPackage } from '../../runtime/import-package.js';
import type { Scene } from '../../scene/types.js';
import { fontsFor } from '../png.js';
import { leafBox, sceneLeaves, unionBox } from '../vector/scene-read.js';
import { drawLeaf, type Fonts } from './draw.js';
import { placeOnPage, type PagePlacement, type PageSize } from './page.js';

export { PAGE_NAMES, type PageSize } from './page.js';

export interface PdfPage {
  scene: Scene;
  /** File name other diagrams' links use for this one (e.g. `onsite-repair.flow.pdf`). */
  name?: string;
}

export interface PdfOptions {
  /** `fit` (default): each page the diagram's size; or a sheet, turned landscape for wide diagrams. */
  page?: PageSize;
}

/** Fixed metadata date: the same input gives the same bytes (the file ID is a hash of the metadata). */
const FIXED_DATE = new Date(Date.UTC(2000, 0, 1));

type PdfDocumentClass = typeof PDFKitDocument;
let pdfkit: Promise<PdfDocumentClass> | undefined;

/** pdfkit is loaded on first use through importPackage (the CLI bundle cannot import packages itself). */
function loadPdfKit(): Promise<PdfDocumentClass> {
  pdfkit ??= importPackage<{ default: PdfDocumentClass }>('pdfkit').then((m) => m.default);
  return pdfkit;
}

interface LinkSpot { page: number; x: number; y: number; w: number; h: number; href: string }

/** One vector PDF, a page per diagram: selectable text in the embedded (subset) bundled font, links kept. */
export async function renderPdf(pages: readonly PdfPage[], options: PdfOptions = {}): Promise<Uint8Array> {
  const first = pages[0]?.scene;
  const PDFDocument = await loadPdfKit();
  const doc = new PDFDocument({
    autoFirstPage: false,
    bufferPages: true,
    compress: true,
    info: { Title: first?.title ?? '', Subject: first?.description ?? '', Producer: 'journeyflow', Creator: 'journeyflow', CreationDate: FIXED_DATE, ModDate: FIXED_DATE },
    lang: 'zh-CN',
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => { doc.on('end', resolve); doc.on('error', reject); });
  const fonts = registerFonts(doc, pages);
  const spots: LinkSpot[] = [];
  pages.forEach((p, index) => {
    const place = placeOnPage(p.scene.width, p.scene.height, options.page ?? 'fit');
    doc.addPage({ size: [place.width, place.height], margin: 0 });
    drawScene(doc, p.scene, place, fonts, index, spots);
  });
  addLinks(doc, pages, spots);
  doc.end();
  await done;
  return new Uint8Array(Buffer.concat(chunks));
}

function registerFonts(doc: PDFKit.PDFDocument, pages: readonly PdfPage[]): Fonts {
  // The same choice as PNG: the small common subsets when they cover every character, else the full fonts.
  const allText = pages.map((p) => p.scene.title + sceneLeaves(p.scene).map((v) => (v.leaf.type === 'text' ? v.leaf.lines.join('') : '')).join('')).join('');
  const [regular, bold] = fontsFor(allText);
  doc.registerFont('jf-regular', regular);
  doc.registerFont('jf-bold', bold);
  return { regular: 'jf-regular', bold: 'jf-bold' };
}

function drawScene(doc: PDFKit.PDFDocument, scene: Scene, place: PagePlacement, fonts: Fonts, page: number, spots: LinkSpot[]): void {
  doc.rect(0, 0, place.width, place.height).fill(scene.background);
  doc.save();
  doc.translate(place.dx, place.dy).scale(place.scale);
  const markers = new Map(scene.markers.map((m) => [m.id, m]));
  const linked = new Map<string, Array<ReturnType<typeof leafBox>>>();
  for (const v of sceneLeaves(scene)) {
    drawLeaf(doc, v.leaf, fonts, markers);
    if (v.link) linked.set(v.link + '\u0000' + (v.unit?.key ?? ''), [...(linked.get(v.link + '\u0000' + (v.unit?.key ?? '')) ?? []), leafBox(v.leaf)]);
  }
  doc.restore();
  for (const [key, boxes] of linked) {
    const b = unionBox(boxes);
    if (b) spots.push({ page, href: key.split('\u0000')[0], x: place.dx + b.x * place.scale, y: place.dy + b.y * place.scale, w: b.w * place.scale, h: b.h * place.scale });
  }
}

/**
 * Links of the scene become PDF links: to another page of this file when it holds the target, to the
 * target's PDF beside this one (a remote go-to) for diagrams of the same build, or to the web.
 */
function addLinks(doc: PDFKit.PDFDocument, pages: readonly PdfPage[], spots: readonly LinkSpot[]): void {
  const byName = new Map(pages.map((p, i) => [p.name, i]));
  for (const s of spots) {
    doc.switchToPage(s.page);
    if (/^https?:/i.test(s.href)) { doc.link(s.x, s.y, s.w, s.h, s.href); continue; }
    const file = s.href.replace(/\.svg$/i, '.pdf');
    const local = byName.get(file) ?? byName.get(file.split('/').pop());
    // pdfkit turns a page index into a go-to link; its type declarations only admit URLs.
    if (local !== undefined) { doc.link(s.x, s.y, s.w, s.h, local as unknown as string); continue; }
    const action = doc.ref({ S: 'GoToR', F: new String(file), D: [0, 'Fit'], NewWindow: false });
    (action as unknown as { end(): void }).end();
    doc.annotate(s.x, s.y, s.w, s.h, { Subtype: 'Link', A: action } as unknown as PDFKit.Mixins.AnnotationOption);
  }
}
