import { groupDigits } from './locale.js';

/**
 * Thousands separators without Intl, for diagnostics and other English text: outputs are the same
 * bytes on every machine, and a build never pays for loading ICU's number formatting.
 */
export const formatCount = (n: number): string => groupDigits(n, 'en');
