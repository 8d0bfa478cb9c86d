/**
 * Output formats drawn from the positioned scene that the CLI knows beyond svg/png/mmd/txt: name →
 * file extension → renderer, each renderer imported only when its format is asked for (pdfkit and
 * pptxgenjs cost a build that writes SVG nothing). build.ts consults this table and nothing else.
 */
import type { Scene } from '../scene/types.js';
import type { PageSize } from '../render/pdf/page.js';

export interface SceneFormatOptions {
  /** PDF sheet: fitted to each diagram (default) or a paper size, turned landscape for wide diagrams. */
  page?: PageSize;
  /** PPTX: a wide journey stays on one slide instead of one slide per group of stages. */
  oneSlide?: boolean;
}

/** One diagram of an input file, with the file name its own output of this format gets. */
export interface ScenePage { scene: Scene; svg: string; name: string }

export interface SceneFormat {
  ext: string;
  /** `file`: one output per input holding every diagram as a page; `diagram`: one output per diagram. */
  per: 'file' | 'diagram';
  load(): Promise<(pages: ScenePage[], options: SceneFormatOptions) => Promise<Uint8Array | string>>;
}

export const SCENE_FORMATS = {
  pptx: {
    ext: 'pptx', per: 'file',
    load: async () => { const m = await import('../render/pptx/index.js'); return (pages, o) => m.renderPptx(pages, { oneSlide: o.oneSlide }); },
  },
  drawio: {
    ext: 'drawio', per: 'file',
    load: async () => { const m = await import('../render/drawio/index.js'); return async (pages) => m.renderDrawio(pages); },
  },
  'drawio.svg': {
    ext: 'drawio.svg', per: 'diagram',
    load: async () => { const m = await import('../render/drawio/index.js'); return async ([p]) => m.renderDrawioSvg(p.scene, p.svg); },
  },
  pdf: {
    ext: 'pdf', per: 'file',
    load: async () => { const m = await import('../render/pdf/index.js'); return (pages, o) => m.renderPdf(pages, { page: o.page }); },
  },
} satisfies Record<string, SceneFormat>;

export type SceneFormatName = keyof typeof SCENE_FORMATS;
export const SCENE_FORMAT_NAMES = Object.keys(SCENE_FORMATS) as SceneFormatName[];

export function isSceneFormat(f: string): f is SceneFormatName {
  return Object.prototype.hasOwnProperty.call(SCENE_FORMATS, f);
}
