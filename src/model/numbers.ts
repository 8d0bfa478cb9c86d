/**
 * Thousands separators without Intl: outputs are the same bytes on every machine and locale, and
 * a build never pays for loading ICU's number formatting (~20 ms on the first call).
 */
export function formatCount(n: number): string {
  const [int, frac] = String(Number(n.toFixed(2))).split('.');
  return int.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (frac ? `.${frac}` : '');
}

/** `12%`, ` 8.5 % ` or 12 → 12 / 8.5; anything else → undefined (the schemas reject it first). */
export function parsePercent(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  const m = typeof v === 'string' ? v.match(/^\s*(\d+(?:\.\d+)?)\s*%\s*$/) : null;
  return m ? Number(m[1]) : undefined;
}
