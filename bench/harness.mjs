// What the benchmarks share: whole child processes timed as a user or CI waits for them, each with
// a cache folder of the benchmark's own, medians, units, and the printed table of figures.
import { spawnSync } from 'node:child_process';

export const median = (xs) => { const s = [...xs].sort((a, b) => a - b); return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2; };
export const fmt = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`);
export const mb = (kb) => `${(kb / 1024).toFixed(0)} MB`;
/** The JSON a child printed as its last line. */
export const lastJson = (text) => JSON.parse(text.trim().split('\n').pop());

/**
 * A timer of child processes run from `cwd`. Every child gets XDG_CACHE_HOME = `cache` unless a
 * run names another (an empty folder is a cold start), never the user's own cache folder.
 */
export function processTimer(cwd, cache) {
  const baseEnv = { ...process.env };
  delete baseEnv.JOURNEYFLOW_NO_CACHE;
  /** Wall time of a whole child process (start-up included). */
  return function timed(cmd, args, opts = {}) {
    const env = { ...baseEnv, XDG_CACHE_HOME: opts.cache ?? cache, ...opts.env };
    const t = performance.now();
    const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', maxBuffer: 1 << 28, env });
    const ms = performance.now() - t;
    if (r.status !== 0 && !opts.allowFail) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${(r.stderr || r.error?.message || '').slice(-500)}`);
    return { ms, r };
  };
}

/** Rows of figures with a ratio and a goal; `ok` undefined means the row has no goal to meet. */
export function figureTable() {
  const rows = [];
  const widths = [8, 46, 18, 10, 16];
  const line = (cells) => cells.map((c, i) => String(c).padEnd(widths[i])).join(' ');
  return {
    row: (section, what, figure, ratio = '', target = '', ok = undefined) => rows.push({ section, what, figure, ratio, target, ok }),
    print(widthOverrides = {}) {
      Object.assign(widths, widthOverrides);
      console.log();
      console.log(line(['stage', 'what', 'figure', 'ratio', 'target']) + ' met');
      console.log('-'.repeat(widths.reduce((a, b) => a + b + 1, 0) + 4));
      for (const r of rows) console.log(line([r.section, r.what, r.figure, r.ratio, r.target]) + (r.ok === undefined ? '' : r.ok ? ' yes' : ' NO'));
    },
  };
}
