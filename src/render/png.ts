import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { encodePng } from './png-encode.js';
import { subsetFontFiles } from './png-fonts.js';
import { loadResvg, type ResvgModule } from './png-resvg.js';
import { cmapLookup, readTables } from './png-sfnt.js';

export interface PngOptions {
  /** Zoom factor (1 = the SVG's own size in pixels). */
  scale?: number;
  /** Extra font files (OTF/TTF) to offer besides the bundled Chinese font. */
  fontFiles?: string[];
}

let resvg: Promise<Pick<ResvgModule, 'Resvg'>> | undefined;

const require = createRequire(import.meta.url);

/** The bundled Noto Sans Hans (OFL), which covers Chinese and Latin, so PNGs need no system fonts. */
export function bundledFonts(): string[] {
  // The package exports only its JS entry; its fonts folder sits beside dist/.
  const dir = path.join(path.dirname(require.resolve('@embedpdf/fonts-sc')), '..', 'fonts');
  return [path.join(dir, 'NotoSansHans-Regular.otf'), path.join(dir, 'NotoSansHans-Bold.otf')];
}

export const BUNDLED_FAMILY = 'Noto Sans S Chinese';
/** Family name of the renamed common subsets (the OFL keeps "Noto Sans" for the unmodified fonts). */
export const SUBSET_FAMILY = 'Journeyflow Sans Hans';

const FONT_DIR = fileURLToPath(new URL('../../fonts/', import.meta.url));
const SUBSET_REGULAR = path.join(FONT_DIR, 'JourneyflowSansHans-Regular.otf');
let commonGlyph: ((cp: number) => number) | undefined;

/**
 * Whether the small common subsets shipped in fonts/ draw this character: their own character map
 * says (both weights hold the same characters). Only that table is read, not the 1.7 MB font.
 */
function covered(cp: number): boolean {
  commonGlyph ??= readCmap(SUBSET_REGULAR) ?? (() => 0);
  return commonGlyph(cp) !== 0;
}

/** The glyph lookup of a font file's character map, read on its own (undefined for a file that is not a font with one). */
function readCmap(file: string): ((cp: number) => number) | undefined {
  const fd = fs.openSync(file, 'r');
  try {
    const read = (offset: number, length: number) => {
      const bytes = Buffer.alloc(length);
      return bytes.subarray(0, fs.readSync(fd, bytes, 0, length, offset));
    };
    const head = read(0, 12);
    const directory = Buffer.concat([head, read(12, head.length === 12 ? head.readUInt16BE(4) * 16 : 0)]);
    const cmap = readTables(directory, true)?.get('cmap');
    return cmap && cmapLookup(read(cmap.offset, cmap.length));
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * The fonts a PNG needs: the 1.7 MB common subsets when they cover every character of the SVG,
 * else the full bundled fonts. The size of the font file is what a PNG costs: resvg-js reads the
 * whole file again for every glyph it outlines (its font database keeps paths, not bytes, and its
 * Node build offers no font buffers), so the full 8 MB fonts made a journey map's text ~4× slower.
 */
export function fontsFor(svg: string, codePoints: Iterable<number> = svgCodePoints(svg)): string[] {
  for (const cp of codePoints) {
    if (cp >= 0x80 && !covered(cp)) return bundledFonts();
  }
  return [path.join(FONT_DIR, 'JourneyflowSansHans-Regular.otf'), path.join(FONT_DIR, 'JourneyflowSansHans-Bold.otf')];
}

/**
 * Every character an SVG may draw: printable ASCII, its other characters, and those it writes as
 * character references (`&#x9f98;`), which resvg draws like any other. Regular expressions rather
 * than a loop over every character: this runs once per PNG, mostly before V8 optimizes anything.
 */
export function svgCodePoints(svg: string): Set<number> {
  const cps = new Set<number>();
  for (let cp = 0x20; cp < 0x7f; cp++) cps.add(cp);
  for (const ch of new Set(svg.match(/[^\x00-\x7f]/gu))) cps.add(ch.codePointAt(0)!);
  for (const m of svg.matchAll(/&#(x[0-9a-fA-F]+|[0-9]+);/g)) {
    const cp = m[1][0] === 'x' ? parseInt(m[1].slice(1), 16) : parseInt(m[1], 10);
    if (cp <= 0x10ffff) cps.add(cp);
  }
  return cps;
}

/**
 * Most pixels of one PNG (32 M, a 128 MB RGBA buffer). A diagram of thousands of nodes at zoom 2
 * would otherwise ask resvg for gigabytes; such a PNG is drawn at the largest zoom that fits.
 */
export const MAX_PNG_PIXELS = 32 * 1024 * 1024;

/** The zoom actually used: the requested one, lowered so that the PNG stays within MAX_PNG_PIXELS. */
export function pngZoom(svg: string, scale: number): number {
  const root = /<svg\b[^>]*>/.exec(svg)?.[0] ?? '';
  const width = Number(/\swidth="([\d.]+)"/.exec(root)?.[1] ?? 0);
  const height = Number(/\sheight="([\d.]+)"/.exec(root)?.[1] ?? 0);
  const pixels = width * height * scale * scale;
  return pixels > MAX_PNG_PIXELS ? scale * Math.sqrt(MAX_PNG_PIXELS / pixels) : scale;
}

/** Rasterizes an SVG without a browser (resvg), loaded on first use. */
export async function renderPng(svg: string, options: PngOptions = {}): Promise<Uint8Array> {
  resvg ??= Promise.resolve().then(loadResvg);
  const { Resvg } = await resvg;
  const scale = pngZoom(svg, options.scale ?? 1);
  const codePoints = svgCodePoints(svg);
  const fonts = fontsFor(svg, codePoints);
  const family = fonts[0].includes('Journeyflow') ? SUBSET_FAMILY : BUNDLED_FAMILY;
  // An SVG declaring its own entities could draw characters no scan of its text sees.
  const subsets = svg.includes('<!ENTITY') ? undefined : subsetFontFiles(fonts, codePoints, svg.includes('writing-mode'));
  try {
    const r = new Resvg(svg, {
      fitTo: { mode: 'zoom', value: scale },
      // The SVG names the browser fonts first; resvg has none of them and falls back to ours.
      font: { fontFiles: [...(subsets?.files ?? fonts), ...(options.fontFiles ?? [])], loadSystemFonts: false, defaultFontFamily: family, sansSerifFamily: family },
      shapeRendering: 2,
      textRendering: 1,
    });
    const image = r.render();
    return await encodePng(image.pixels, image.width, image.height);
  } finally {
    subsets?.remove();
  }
}
