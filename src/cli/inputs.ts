import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Limits } from '../load/limits.js';
import { hashRegularFile, isInside, readRegularFile, realOrUndefined, type HashResult, type ReadFailure } from './read-file.js';
import { decodeText } from '../load/encoding.js';

export interface InputFile {
  /** Absolute path; undefined for standard input. */
  absPath?: string;
  /** Name shown in diagnostics: relative to the working directory when inside it. */
  display: string;
  /** Folder the output layout is relative to, and that references may not leave. */
  base: string;
  /** `--allow-outside`: may be (or point at) a file outside the tree it was named in. */
  allowOutside?: boolean;
}

export class UsageError extends Error {}

const YAML_FILE = /\.ya?ml$/i;
// `kind:` at the start of a line, also quoted or in a flow map (`{"kind": "flow", …}`, JSON style).
const HAS_KIND = /^(?:kind|"kind"|'kind')\s*:|^\s*\{\s*(?:kind|"kind"|'kind')\s*:/m;

const displayName = (abs: string): string => {
  const cwd = process.cwd();
  // Most inputs lie under the working folder: named without path.relative (costly per file).
  const rel = !abs.includes('..') && abs.startsWith(cwd + path.sep) ? abs.slice(cwd.length + 1) : path.relative(cwd, abs);
  return (rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : abs).split(path.sep).join('/');
};

/** Expands files, folders (their *.yaml/*.yml holding a `kind`), globs and `-` into a sorted, de-duplicated list. */
export async function resolveInputs(inputs: readonly string[], options: { allowOutside?: boolean; hashes?: ContentHashes } = {}): Promise<InputFile[]> {
  const out: InputFile[] = [];
  const seen = new Set<string>();
  const add = (abs: string, base: string) => {
    if (seen.has(abs)) return;
    seen.add(abs);
    out.push({ absPath: abs, display: displayName(abs), base, ...(options.allowOutside ? { allowOutside: true } : {}) });
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
      for (const f of files.sort()) if (holdsDiagram(f, options.hashes)) add(path.normalize(f), abs);
    } else if (stat?.isFile()) {
      add(abs, path.dirname(abs));
    } else if (isDynamicPattern(input)) {
      const files = await glob([input], { absolute: true, ignore: ['**/node_modules/**'], followSymbolicLinks: false });
      const base = path.resolve(staticPrefix(input));
      // A pattern such as `*/../../x/*.yaml` can match files outside its static prefix; those get
      // their own folder as base, so their outputs stay under -o and their references in their folder.
      for (const f of files.sort()) if (YAML_FILE.test(f)) add(path.normalize(f), isInside(path.normalize(f), base) ? base : path.dirname(path.normalize(f)));
    } else {
      throw new UsageError(`input not found: ${input}`);
    }
  }
  return out;
}

/**
 * Hashes of inputs taken as they were read to find their `kind`, by absolute path: a whole small
 * regular file, opened without following a final symlink, as readInputBytes would read it. A build
 * fills it while resolving its inputs, so that planning reads no input a second time.
 */
export type ContentHashes = Map<string, { sha256: string; size: number }>;

/** The head of a file (all of a small one) as its `kind:` is looked for in it; a symlink is followed. */
function readHead(file: string): { head: Buffer; whole: boolean; regular: boolean } {
  let fd: number;
  let regular = true;
  try {
    fd = fs.openSync(file, NO_FOLLOW);
  } catch {
    // A symlink (or what cannot be opened so): read through it, never hashed here.
    fd = fs.openSync(file, 'r');
    regular = false;
  }
  try {
    const stat = fs.fstatSync(fd);
    regular &&= stat.isFile();
    // One byte past the size seen: a read that stops short of it has met the end of the file.
    const buf = Buffer.allocUnsafe(Math.max(1, Math.min(HEAD_BYTES, stat.size + 1)));
    const n = fs.readSync(fd, buf, 0, buf.length, 0);
    return { head: buf.subarray(0, n), whole: n < buf.length, regular };
  } finally {
    fs.closeSync(fd);
  }
}

const HEAD_BYTES = 64 * 1024;
const NO_FOLLOW = fs.constants.O_RDONLY | (fs.constants.O_NOFOLLOW ?? 0) | (fs.constants.O_NONBLOCK ?? 0);

function holdsDiagram(file: string, hashes?: ContentHashes): boolean {
  let read: ReturnType<typeof readHead>;
  try { read = readHead(file); } catch { return false; }
  const { head, whole, regular } = read;
  // A byte order mark before `kind:` (UTF-8 or UTF-16) would hide it from the line-start match.
  const holdsKind = (bytes: Buffer) => HAS_KIND.test(decodeText(bytes).replace(/^\ufeff/, ''));
  // `kind:` is nearly always near the top: a match in the first few KB is a match in the head
  // (a character cut at the end cannot make one), so most files are decoded only that far.
  const found = holdsKind(head.subarray(0, Math.min(head.length, 4096))) || (head.length > 4096 && holdsKind(head));
  if (found && whole && regular && hashes) hashes.set(path.normalize(file), { sha256: createHash('sha256').update(head).digest('hex'), size: head.length });
  return found;
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
  return decodeText(Buffer.concat(chunks));
}

/** A diagnostic about a whole input file, at its first character. */
function fileDiagnostic(input: InputFile, rule: string, message: string): Diagnostic {
  return { file: input.display, line: 1, column: 1, endLine: 1, endColumn: 1, severity: 'error', rule, message, path: '' };
}

/**
 * The tree an input was named in: the working folder when the path given lies in it, else the
 * folder given on the command line (or the file's own). A path typed on the command line is the
 * user's choice (trusted, SECURITY.md); what a committed symlink makes of it is not.
 */
function treeOf(input: InputFile): string {
  const cwd = process.cwd();
  return isInside(input.absPath!, cwd) ? cwd : input.base;
}

/**
 * Real paths of folders, remembered through one pass over the inputs (a build's plan): the real
 * path of a file that is not itself a symlink is its folder's plus its name, so 500 inputs in 20
 * folders cost 20 realpath calls, not 1 000 (each input's and its tree's).
 */
export type RealFolders = Map<string, string | undefined>;

function realFolder(dir: string, folders?: RealFolders): string | undefined {
  if (!folders) return realOrUndefined(dir);
  if (!folders.has(dir)) folders.set(dir, realOrUndefined(dir));
  return folders.get(dir);
}

type Refusal = { diagnostic: Diagnostic };

/**
 * Reads an input through `read` (the bytes, or their hash) within the size bound: a regular file
 * only (never a FIFO or a device), and, unless --allow-outside, only when its real path stays in
 * the tree it was named in. Checked at every read, so a file swapped for a symlink while `serve`
 * or `--watch` runs is refused too. The file is first opened as its folder's real path plus its
 * name, without following a final symlink; only an input that is a symlink costs its own realpath.
 */
function readChecked<T extends { error?: undefined }>(input: InputFile, limits: Limits, read: (real: string, maxBytes: number) => T | ReadFailure, folders?: RealFolders): T | Refusal {
  const abs = input.absPath!;
  const folder = realFolder(path.dirname(abs), folders);
  const tree = realFolder(treeOf(input), folders) ?? treeOf(input);
  const attempt = (real: string): T | ReadFailure | Refusal => {
    if (!input.allowOutside && !isInside(real, tree)) {
      return { diagnostic: fileDiagnostic(input, 'input-outside', `this file leads outside ${displayName(tree) || '.'} (its real path is ${real}); it was not read (pass --allow-outside to read it)`) };
    }
    return read(real, limits.maxBytes);
  };
  let result = folder === undefined ? undefined : attempt(path.join(folder, path.basename(abs)));
  if (result === undefined || ('code' in result && (result.code === 'symlink' || /does not exist/.test(result.error)))) {
    const real = realOrUndefined(abs);
    if (!real) return { diagnostic: fileDiagnostic(input, 'yaml-syntax', 'cannot read the file: it does not exist (or is a broken symbolic link)') };
    result = attempt(real);
  }
  if ('diagnostic' in result || result.error === undefined) return result as T | Refusal;
  if (result.code === 'too-large') return { diagnostic: fileDiagnostic(input, 'input-too-large', `file is too large: ${result.error} (raise it with --max-bytes)`) };
  return { diagnostic: fileDiagnostic(input, 'yaml-syntax', `cannot read the file: ${result.error}`) };
}

/** An input file's bytes (see readChecked). */
export function readInputBytes(input: InputFile, limits: Limits, folders?: RealFolders): { bytes: Buffer; diagnostic?: undefined } | { bytes?: undefined; diagnostic: Diagnostic } {
  const read = readChecked(input, limits, (real, maxBytes) => readRegularFile(real, maxBytes), folders);
  return 'diagnostic' in read ? read : { bytes: read.bytes };
}

/**
 * The sha256 of an input file's bytes, read as readInputBytes reads them, without keeping them;
 * taken from `hashes` (see ContentHashes) when the file was hashed as its inputs were resolved.
 * Its path is checked all the same.
 */
export function hashInput(input: InputFile, limits: Limits, folders?: RealFolders, hashes?: ContentHashes): { sha256: string; diagnostic?: undefined } | { sha256?: undefined; diagnostic: Diagnostic } {
  const known = hashes?.get(input.absPath!);
  const read = readChecked(input, limits, (real, maxBytes): HashResult => (known && known.size <= maxBytes ? { ...known } : hashRegularFile(real, maxBytes)), folders);
  return 'diagnostic' in read ? read : { sha256: read.sha256 };
}

/** An input file's text (see readInputBytes), with the bytes it was decoded from. */
export function readInput(input: InputFile, limits: Limits): { text: string; bytes: Buffer; diagnostic?: undefined } | { text?: undefined; bytes?: undefined; diagnostic: Diagnostic } {
  const read = readInputBytes(input, limits);
  return read.bytes ? { text: decodeText(read.bytes), bytes: read.bytes } : read;
}

export interface InputLoop {
  limits: Limits;
  /** Filled with each input's text, keyed by its display name, for diagnostics with source excerpts. */
  sources?: Map<string, string>;
  /** Visit the inputs concurrently (the build's worker pool) instead of one after another. */
  concurrent?: boolean;
}

/**
 * The one input loop of the commands: reads every input (standard input once, files within the
 * size bound) and hands its text to `visit`, with the file's bytes (none for standard input). An
 * input that cannot be read becomes a diagnostic in the returned list and is not visited.
 */
export async function forEachInput(files: readonly InputFile[], loop: InputLoop, visit: (input: InputFile, text: string, bytes?: Buffer) => Promise<void>): Promise<Diagnostic[]> {
  const unreadable: Diagnostic[] = [];
  const stdinText = files.some((f) => !f.absPath) ? await readStdin() : '';
  const one = async (input: InputFile) => {
    const read = input.absPath ? readInput(input, loop.limits) : { text: stdinText, bytes: undefined, diagnostic: undefined };
    if (read.diagnostic) { unreadable.push(read.diagnostic); return; }
    loop.sources?.set(input.display, read.text!);
    await visit(input, read.text!, read.bytes);
  };
  if (loop.concurrent) await Promise.all(files.map(one));
  else for (const input of files) await one(input);
  return unreadable;
}
