/** Paper sizes in PDF points (1/72 in), portrait. */
export const PAGE_SIZES = { a4: [595.28, 841.89], a3: [841.89, 1190.55], letter: [612, 792] } as const;
export type PageSize = 'fit' | keyof typeof PAGE_SIZES;
export const PAGE_NAMES: readonly PageSize[] = ['fit', 'a4', 'a3', 'letter'];

/** CSS pixels (the scene's unit, 96 per inch) to points. */
export const PX_TO_PT = 0.75;
const MARGIN = 28;
/** A small diagram on a big sheet is enlarged at most this much, so its text does not turn poster-sized. */
const MAX_ENLARGE = 1.5;

export interface PagePlacement { width: number; height: number; scale: number; dx: number; dy: number }

/**
 * Where a diagram of w×h px goes: on a page of its own size, or centred on a sheet turned to
 * landscape when the diagram is wider than tall, scaled to fit inside the margins.
 */
export function placeOnPage(w: number, h: number, page: PageSize): PagePlacement {
  if (page === 'fit') return { width: w * PX_TO_PT, height: h * PX_TO_PT, scale: PX_TO_PT, dx: 0, dy: 0 };
  const [short, long] = PAGE_SIZES[page];
  const [pw, ph] = w > h ? [long, short] : [short, long];
  const scale = Math.min((pw - 2 * MARGIN) / w, (ph - 2 * MARGIN) / h, PX_TO_PT * MAX_ENLARGE);
  return { width: pw, height: ph, scale, dx: (pw - w * scale) / 2, dy: (ph - h * scale) / 2 };
}
