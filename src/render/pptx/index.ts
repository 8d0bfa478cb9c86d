import { loadPptxGenJS, type Pptx } from './lib.js';
import type { Scene } from '../../scene/types.js';
import { safeHref } from '../escape.js';
import { sceneLeaves, type LeafVisit } from '../vector/scene-read.js';
import { finishPackage } from './package.js';
import { addLeaf, type ShapeMeta, type SlideFrame } from './shapes.js';
import { slideViews, type SlideView } from './split.js';

export interface PptxPage {
  scene: Scene;
  /** File name other diagrams' links use for this one, e.g. `onsite-repair.flow.pptx`. */
  name?: string;
}

export interface PptxOptions {
  /** Keep a journey wider than 16:9 on one slide (default: one slide per run of stages). */
  oneSlide?: boolean;
}

/** 16:9 widescreen, in inches. */
const SLIDE_W = 13.333;
const SLIDE_H = 7.5;
/** Small diagrams are enlarged at most this much, so a three-node flow does not fill the slide with 40 pt text. */
const MAX_ENLARGE = 1.5;

function frameFor(scene: Scene): SlideFrame {
  const w = scene.width / 96;
  const h = scene.height / 96;
  const scale = Math.min(SLIDE_W / w, SLIDE_H / h, MAX_ENLARGE);
  return { scale, dx: (SLIDE_W - w * scale) / 2, dy: (SLIDE_H - h * scale) / 2 };
}

type Linker = (href: string) => ShapeMeta['hyperlink'];

/** Links to a diagram of this deck jump to its slide; others open the target's deck beside this one, or the web. */
function linker(first: Map<string | undefined, number>): Linker {
  return (href) => {
    const safe = safeHref(href);
    if (!safe) return undefined;
    if (/^https?:/i.test(safe)) return { url: safe };
    const file = safe.replace(/\.svg$/i, '.pptx');
    const slide = first.get(file) ?? first.get(file.split('/').pop());
    return slide !== undefined ? { slide } : { url: file };
  };
}

function shapeName(v: LeafVisit, n: number): string {
  if (v.unit) return `${v.unit.role}:${v.unit.key.replace(/[/"<>&]/g, '_')}/${n}`;
  return (v.leaf as { className?: string }).className?.split(' ')[0] || v.leaf.type;
}

function addSlide(pptx: Pptx, view: SlideView, link: Linker): void {
  const { scene } = view;
  const slide = pptx.addSlide();
  slide.background = { color: (scene.background.replace('#', '') || 'FFFFFF').toUpperCase() };
  const part = view.part ? `（${view.part.index + 1}/${view.part.count}）` : '';
  slide.addNotes([scene.title + part, scene.description].filter(Boolean).join('\n\n'));
  const frame = frameFor(scene);
  const counters = new Map<string, number>();
  for (const v of sceneLeaves(scene)) {
    const key = v.unit ? `${v.unit.role}:${v.unit.key}` : '';
    const n = counters.get(key) ?? 0;
    counters.set(key, n + 1);
    const hyperlink = v.link ? link(v.link) : undefined;
    addLeaf(slide, v.leaf, frame, { name: shapeName(v, n), hyperlink: hyperlink && { ...hyperlink, tooltip: v.unit?.tooltip?.split('\n')[0] } });
  }
}

/** A PowerPoint deck of native shapes: a slide per diagram (or per run of stages of a wide journey). */
export async function renderPptx(pages: readonly PptxPage[], options: PptxOptions = {}): Promise<Uint8Array> {
  const PptxGenJS = await loadPptxGenJS();
  const pptx = new PptxGenJS();
  pptx.layout = 'LAYOUT_WIDE';
  pptx.author = 'journeyflow';
  pptx.company = 'journeyflow';
  pptx.title = pages[0]?.scene.title ?? '';
  pptx.subject = pages[0]?.scene.description ?? '';
  const views = pages.map((p) => slideViews(p.scene, !!options.oneSlide));
  const first = new Map<string | undefined, number>();
  let slideNo = 1;
  pages.forEach((p, i) => { if (p.name) first.set(p.name, slideNo); slideNo += views[i].length; });
  const link = linker(first);
  for (const list of views) for (const v of list) addSlide(pptx, v, link);
  const raw = (await pptx.write({ outputType: 'uint8array' })) as Uint8Array;
  return finishPackage(raw);
}
