#!/usr/bin/env node
// `npm run coverage`: runs the suite with coverage (vitest run --coverage.enabled, extra arguments passed
// on), then prints the line coverage per folder of src/ from the json-summary vitest writes: one line per
// folder that holds source files (its own files, not its subfolders). Exits non-zero when a test fails or
// any folder is below the bar (85 %, or --min N).
//   node scripts/coverage-summary.mjs [--min N] [vitest args…]       run the suite, then summarise
//   node scripts/coverage-summary.mjs --summary <file> [--min N]     summarise an existing report only
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Sums covered and total lines per folder (relative to the project, `/`-separated). */
export function perFolder(summary, root = ROOT) {
  const folders = new Map();
  for (const [file, data] of Object.entries(summary)) {
    if (file === 'total') continue;
    const rel = path.relative(root, file).split(path.sep).join('/');
    if (!rel.startsWith('src/')) continue;
    const dir = path.posix.dirname(rel);
    const f = folders.get(dir) ?? { covered: 0, total: 0, files: 0 };
    f.covered += data.lines.covered;
    f.total += data.lines.total;
    f.files++;
    folders.set(dir, f);
  }
  return [...folders.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([dir, f]) => ({ dir, ...f, pct: f.total ? (100 * f.covered) / f.total : 100 }));
}

/** The report lines and whether every folder reaches `min` per cent. */
export function report(rows, min) {
  const width = Math.max(...rows.map((r) => r.dir.length), 6);
  const lines = rows.map((r) => `${r.dir.padEnd(width)} ${r.pct.toFixed(1).padStart(5)} %  (${r.covered}/${r.total} lines, ${r.files} file${r.files === 1 ? '' : 's'})${r.pct < min ? `  below ${min} %` : ''}`);
  const low = rows.filter((r) => r.pct < min);
  return { lines, ok: low.length === 0, low };
}

const SUMMARY = path.join(ROOT, 'coverage', 'coverage-summary.json');

function vitest(args) {
  const bin = path.join(ROOT, 'node_modules', 'vitest', 'vitest.mjs');
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, 'run', '--coverage.enabled', ...args], { cwd: ROOT, stdio: 'inherit' });
    child.on('exit', (code, signal) => resolve(signal ? 2 : code ?? 2));
    child.on('error', () => resolve(2));
  });
}

function summarise(file, min) {
  if (!fs.existsSync(file)) {
    process.stderr.write(`coverage-summary: ${path.relative(ROOT, file)} not found (did vitest run with coverage?)\n`);
    return 2;
  }
  const rows = perFolder(JSON.parse(fs.readFileSync(file, 'utf8')));
  const { lines, ok, low } = report(rows, min);
  process.stdout.write(`\nLine coverage per folder of src/ (minimum ${min} %):\n${lines.join('\n')}\n`);
  process.stdout.write(ok ? `all ${rows.length} folders at or above ${min} %\n` : `${low.length} folder(s) below ${min} %: ${low.map((r) => r.dir).join(', ')}\n`);
  return ok ? 0 : 1;
}

async function run(argv) {
  const args = [...argv];
  const take = (flag) => { const i = args.indexOf(flag); if (i < 0) return undefined; const [, v] = args.splice(i, 2); return v; };
  const min = Number(take('--min') ?? 85);
  const only = take('--summary');
  if (!(min >= 0 && min <= 100)) { process.stderr.write('coverage-summary: --min takes a per cent between 0 and 100\n'); return 2; }
  if (only !== undefined) return summarise(path.resolve(only), min);
  fs.rmSync(SUMMARY, { force: true });
  const tests = await vitest(args);
  const folders = summarise(SUMMARY, min);
  return tests || folders;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) process.exitCode = await run(process.argv.slice(2));
