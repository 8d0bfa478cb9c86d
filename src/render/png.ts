import { createRequire } from 'node:module';
import path from 'node:path';

export interface PngOptions {
  /** Zoom factor (1 = the SVG's own size in pixels). */
  scale?: number;
  /** Extra font files (OTF/TTF) to offer besides the bundled Chinese font. */
  fontFiles?: string[];
}

type ResvgModule = typeof import('@resvg/resvg-js');
let resvg: Promise<ResvgModule> | undefined;

const require = createRequire(import.meta.url);

/** The bundled Noto Sans Hans (OFL), which covers Chinese and Latin, so PNGs need no system fonts. */
export function bundledFonts(): string[] {
  // The package exports only its JS entry; its fonts folder sits beside dist/.
  const dir = path.join(path.dirname(require.resolve('@embedpdf/fonts-sc')), '..', 'fonts');
  return [path.join(dir, 'NotoSansHans-Regular.otf'), path.join(dir, 'NotoSansHans-Bold.otf')];
}

export const BUNDLED_FAMILY = 'Noto Sans S Chinese';

/** Rasterizes an SVG without a browser (resvg), loaded on first use. */
export async function renderPng(svg: string, options: PngOptions = {}): Promise<Uint8Array> {
  resvg ??= Promise.resolve().then(() => require('@resvg/resvg-js') as ResvgModule);
  const { Resvg } = await resvg;
  const scale = options.scale ?? 1;
  const r = new Resvg(svg, {
    fitTo: { mode: 'zoom', value: scale },
    font: { fontFiles: [...bundledFonts(), ...(options.fontFiles ?? [])], loadSystemFonts: false, defaultFontFamily: BUNDLED_FAMILY },
    shapeRendering: 2,
    textRendering: 1,
  });
  return r.render().asPng();
}
