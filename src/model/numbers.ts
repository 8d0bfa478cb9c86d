import { groupDigits } from './locale.js';

/**
 * Thousands separators without Intl, for diagnostics and other English text: outputs are the same
 * bytes on every machine, and a build never pays for loading ICU's number formatting.
 */
export const formatCount = (n: number): string => groupDigits(n, 'en');

/** `12%`, ` 8.5 % ` or 12 → 12 / 8.5; anything else → undefined (the schemas reject it first). */
export function parsePercent(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  const m = typeof v === 'string' ? v.match(/^\s*(\d+(?:\.\d+)?)\s*%\s*$/) : null;
  return m ? Number(m[1]) : undefined;
}
