/**
 * Continuous quantile of sorted values with linear interpolation between the two nearest ranks —
 * SQL's PERCENTILE_CONT, computed as DuckDB does (lo·(1−d) + hi·d), so both engines give the same
 * double for the same durations.
 */
export function quantileCont(sorted: ArrayLike<number>, q: number): number | undefined {
  if (sorted.length === 0) return undefined;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  if (lo === hi) return sorted[lo];
  const d = pos - lo;
  return sorted[lo] * (1 - d) + sorted[hi] * d;
}

/** The median and 90th percentile of a list of numbers (sorted here, numerically). */
export function medianAndP90(values: Float64Array): { median?: number; p90?: number } {
  values.sort();
  return { median: quantileCont(values, 0.5), p90: quantileCont(values, 0.9) };
}
