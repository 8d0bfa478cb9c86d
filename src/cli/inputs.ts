import { AsyncLocalStorage } from 'node:async_hooks';
import fs from 'node:fs';
import path from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';

export interface InputFile {
  /** Absolute path; undefined for standard input. */
  absPath?: string;
  /** Name shown in diagnostics: relative to the working directory when inside it. */
  display: string;
  /** Folder the output layout is relative to, and that references may not leave. */
  base: string;
}

export class UsageError extends Error {}

const YAML_FILE = /\.ya?ml$/i;
// `kind:` at the start of a line, also quoted or in a flow map (`{"kind": "flow", …}`, JSON style).
const HAS_KIND = /^(?:kind|"kind"|'kind')\s*:|^\s*\{\s*(?:kind|"kind"|'kind')\s*:/m;

const displayName = (abs: string): string => {
  const rel = path.relative(process.cwd(), abs);
  return (rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : abs).split(path.sep).join('/');
};

/** Expands files, folders (their *.yaml/*.yml holding a `kind`), globs and `-` into a sorted, de-duplicated list. */
export async function resolveInputs(inputs: readonly string[]): Promise<InputFile[]> {
  const out: InputFile[] = [];
  const seen = new Set<string>();
  const add = (abs: string, base: string) => {
    if (seen.has(abs)) return;
    seen.add(abs);
    out.push({ absPath: abs, display: displayName(abs), base });
  };
  for (const input of inputs) {
    if (input === '-') {
      if (!seen.has('-')) out.push({ display: '<stdin>', base: process.cwd() });
      seen.add('-');
      continue;
    }
    const abs = path.resolve(input);
    let stat: fs.Stats | undefined;
    try { stat = fs.statSync(abs); } catch { stat = undefined; }
    if (stat?.isDirectory()) {
      const files = await glob(['**/*.yaml', '**/*.yml'], { cwd: abs, absolute: true, ignore: ['**/node_modules/**', '**/.git/**'], dot: false, followSymbolicLinks: false });
      for (const f of files.sort()) if (holdsDiagram(f)) add(path.normalize(f), abs);
    } else if (stat?.isFile()) {
      add(abs, path.dirname(abs));
    } else if (isDynamicPattern(input)) {
      const files = await glob([input], { absolute: true, ignore: ['**/node_modules/**'], followSymbolicLinks: false });
      const base = path.resolve(staticPrefix(input));
      // A pattern such as `*/../../x/*.yaml` can match files outside its static prefix; those get
      // their own folder as base, so their outputs stay under -o and their references in their folder.
      for (const f of files.sort()) if (YAML_FILE.test(f)) add(path.normalize(f), within(path.normalize(f), base) ? base : path.dirname(path.normalize(f)));
    } else {
      throw new UsageError(`input not found: ${input}`);
    }
  }
  return out;
}

function within(file: string, dir: string): boolean {
  const rel = path.relative(dir, file);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

function holdsDiagram(file: string): boolean {
  try {
    const fd = fs.openSync(file, 'r');
    const buf = Buffer.alloc(64 * 1024);
    const n = fs.readSync(fd, buf, 0, buf.length, 0);
    fs.closeSync(fd);
    return HAS_KIND.test(buf.subarray(0, n).toString('utf8'));
  } catch {
    return false;
  }
}

function staticPrefix(pattern: string): string {
  const parts = pattern.split('/');
  const fixed: string[] = [];
  for (const p of parts) {
    if (isDynamicPattern(p)) break;
    fixed.push(p);
  }
  return fixed.join('/') || '.';
}

/**
 * The stream `-` reads, when a caller of main() gives one (tests run the CLI in-process); else
 * process.stdin. Scoped to one main() call through its async context, so concurrent calls in one
 * process cannot read each other's input.
 */
export const stdinSource = new AsyncLocalStorage<NodeJS.ReadableStream>();

export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdinSource.getStore() ?? process.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}
