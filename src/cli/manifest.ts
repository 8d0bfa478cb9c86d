/**
 * The build manifest of incremental builds: for every input built, the hash of its bytes, of each
 * file it resolved (`ref`/`flow` targets, theme and data files) and of each output written, under
 * the options and the journeyflow version of that build. Paths are relative to the manifest's root
 * (the `-o` folder, else the inputs' common folder) and no time stamps are kept, so the manifest is
 * the same bytes wherever the same build runs: a fresh clone (new mtimes) or a CI cache still hits.
 *
 * Read as untrusted data: a manifest that is missing, unreadable, malformed, from another version
 * or for other options is ignored whole (a full build), and an entry is only believed after every
 * hash it records was checked against the disk.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { resolveLimits } from '../load/limits.js';
import type { BuildOptions } from './build-options.js';
import type { InputFile } from './inputs.js';
import { hashRegularFile, isInside, readRegularFile } from './read-file.js';
import { VERSION } from './version.js';

/** The manifest's own format; raised when its shape changes (an older one is then ignored). */
const FORMAT = 1;
export const MANIFEST_NAME = '.journeyflow-manifest.json';
/** A manifest of 500 diagrams is ~200 KB; anything past this bound is not a manifest of ours. */
const MAX_MANIFEST_BYTES = 64 * 1024 * 1024;

export interface OutputRecord { size: number; sha256: string }

/** A warning of an input built without errors, repeated when the input is skipped (its file is the input). */
export type StoredDiagnostic = Omit<Diagnostic, 'file'>;

export interface InputRecord {
  /** sha256 of the input file's bytes as compiled. */
  sha256: string;
  /** The folder tree its references were resolved in (InputFile.base), relative to the root. */
  base: string;
  /** Built without errors and every output written: may be skipped while nothing it records changed. */
  ok: boolean;
  dependencies: Record<string, string>;
  outputs: Record<string, OutputRecord>;
  diagnostics: StoredDiagnostic[];
}

export interface Manifest {
  journeyflow: string;
  manifest: number;
  options: OptionsKey;
  inputs: Record<string, InputRecord>;
  /** Outputs journeyflow wrote that no input produces any more (their input was deleted, or renamed a document). */
  orphans: Record<string, OutputRecord & { input: string }>;
}

/** Where the manifest lives and what its paths are relative to. */
export interface ManifestLocation {
  /** The output folder (`-o`), else the nearest folder holding every input's tree: paths are relative to it, pruning stays in it. */
  root: string;
  file: string;
  /** The folder a write of the manifest is confined to. */
  folder: string;
}

export const sha256 = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex');

/** A path as stored: relative to the root, with forward slashes. (Both absolute and normal; the common case without path.relative, which resolves both.) */
export function storedPath(root: string, abs: string): string {
  const rel = abs.startsWith(root + path.sep) ? abs.slice(root.length + 1) : path.relative(root, abs);
  return path.sep === '/' ? rel : rel.split(path.sep).join('/');
}
export const absolutePath = (root: string, stored: string): string => (path.isAbsolute(stored) ? path.normalize(stored) : path.join(root, stored));

/** The deepest folder holding all of `folders`. */
function commonFolder(folders: string[]): string {
  return folders.reduce((common, f) => {
    let c = common;
    while (!isInside(f, c)) c = path.dirname(c);
    return c;
  });
}

/**
 * Where this build's manifest is: in the `-o` folder; with outputs beside the inputs, in the
 * nearest folder holding all inputs' trees; under `--cache DIR` one file per root. None for
 * standard input or output only, or when the inputs share no folder but the file-system root.
 */
export function manifestLocation(files: readonly InputFile[], opts: BuildOptions): ManifestLocation | undefined {
  if (opts.out === '-') return undefined;
  const bases = files.filter((f) => f.absPath).map((f) => path.resolve(f.base));
  if (!bases.length) return undefined;
  const root = opts.out !== undefined ? path.resolve(opts.out) : commonFolder(bases);
  if (opts.cache !== undefined) {
    const folder = path.resolve(opts.cache);
    return { root, folder, file: path.join(folder, `manifest-${sha256(root).slice(0, 16)}.json`) };
  }
  if (root === path.parse(root).root) return undefined;
  return { root, folder: root, file: path.join(root, MANIFEST_NAME) };
}

export interface OptionsKey {
  formats: string[];
  theme: string | null;
  locale: string | null;
  scale: number;
  strict: boolean;
  engine: string;
  limits: Record<string, number>;
  fonts: Record<string, string | null>;
  page: string | null;
  oneSlide: boolean;
  allowOutside: boolean;
}

/**
 * Every option that changes what a build writes or reports. A theme file given with -t is named
 * by its path here; its content is a dependency of each input. Font files are hashed: a new font
 * changes the PNGs. Jobs, shard, quiet and the diagnostics format change nothing written.
 */
export function optionsKey(opts: BuildOptions, root: string): OptionsKey {
  const fonts: Record<string, string | null> = {};
  for (const f of opts.fontFiles ?? []) fonts[storedPath(root, path.resolve(f))] = fileHash(f);
  return {
    formats: [...opts.formats].sort(),
    theme: opts.theme === undefined ? null : /\.ya?ml$/i.test(opts.theme) ? `file:${storedPath(root, path.resolve(opts.theme))}` : opts.theme,
    locale: opts.locale ?? null,
    scale: opts.scale,
    strict: opts.strict,
    engine: opts.engine ?? 'native',
    limits: { ...resolveLimits(opts.limits) },
    fonts,
    page: opts.sceneOptions?.page ?? null,
    oneSlide: Boolean(opts.sceneOptions?.oneSlide),
    allowOutside: Boolean(opts.allowOutside),
  };
}

/** sha256 of a regular file's bytes (never through a final symlink); null when it cannot be read as one. */
export function fileHash(file: string, maxBytes = Number.MAX_SAFE_INTEGER): string | null {
  const read = hashRegularFile(file, maxBytes);
  return read.error === undefined ? read.sha256 : null;
}

/** The output on disk holds exactly what the record says: same size, same hash. */
export function outputMatches(file: string, record: OutputRecord): boolean {
  const read = hashRegularFile(file, record.size);
  return read.error === undefined && read.size === record.size && read.sha256 === record.sha256;
}

export const emptyManifest = (options: OptionsKey): Manifest => ({ journeyflow: VERSION, manifest: FORMAT, options, inputs: {}, orphans: {} });

/**
 * The manifest at `location` when it was written by this version for these options and is well
 * formed; undefined otherwise (missing, corrupt, foreign), with why in `reason` for the first two.
 */
export function readManifest(location: ManifestLocation, options: OptionsKey): { manifest?: Manifest; text?: string; reason?: string } {
  const read = readRegularFile(location.file, MAX_MANIFEST_BYTES);
  if (!read.bytes) return read.code === 'unreadable' && /does not exist/.test(read.error) ? {} : { reason: `the build manifest ${location.file} was ignored: ${read.error}` };
  const text = read.bytes.toString('utf8');
  let value: unknown;
  try { value = JSON.parse(text); } catch { return { reason: `the build manifest ${location.file} was ignored: it is not valid JSON` }; }
  if (!isManifest(value)) return { reason: `the build manifest ${location.file} was ignored: it is not a journeyflow manifest of this format` };
  if (value.journeyflow !== VERSION || JSON.stringify(value.options) !== JSON.stringify(options)) return {};
  return { manifest: value, text };
}

/**
 * The manifest's text: keys sorted, so equal builds give equal bytes; one input (or orphan) a
 * line, so a committed manifest changes by the lines of the inputs that changed.
 */
export function manifestText(manifest: Manifest): string {
  const sorted = <T>(o: Record<string, T>): Record<string, T> => Object.fromEntries(Object.keys(o).sort().map((k) => [k, o[k]]));
  const lines = <T>(o: Record<string, T>, line: (value: T) => unknown): string =>
    Object.keys(o).sort().map((k) => `\n${JSON.stringify(k)}:${JSON.stringify(line(o[k]))}`).join(',');
  const inputs = lines(manifest.inputs, (r) => ({ ...r, dependencies: sorted(r.dependencies), outputs: sorted(r.outputs) }));
  const orphans = lines(manifest.orphans, (o) => o);
  return `{"journeyflow":${JSON.stringify(manifest.journeyflow)},"manifest":${manifest.manifest},\n"options":${JSON.stringify(manifest.options)},\n"inputs":{${inputs}\n},\n"orphans":{${orphans}\n}}\n`;
}

const isRecordOf = (v: unknown, item: (x: unknown) => boolean): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every(item);
const isHash = (v: unknown): v is string => typeof v === 'string' && /^[0-9a-f]{64}$/.test(v);
const isOutput = (v: unknown): boolean => isRecordOf(v, () => true) && Number.isSafeInteger(v.size) && (v.size as number) >= 0 && isHash(v.sha256);
const isDiagnostic = (v: unknown): boolean => isRecordOf(v, () => true) && ['line', 'column', 'endLine', 'endColumn'].every((k) => Number.isInteger(v[k]))
  && (v.severity === 'warning' || v.severity === 'error') && ['rule', 'message', 'path'].every((k) => typeof v[k] === 'string');
const isInputRecord = (v: unknown): boolean => isRecordOf(v, () => true) && isHash(v.sha256) && typeof v.base === 'string' && typeof v.ok === 'boolean'
  && isRecordOf(v.dependencies, isHash) && isRecordOf(v.outputs, isOutput) && Array.isArray(v.diagnostics) && v.diagnostics.every(isDiagnostic);

/** The whole shape checked, so that no later step meets a field of the wrong type. */
function isManifest(v: unknown): v is Manifest {
  return isRecordOf(v, () => true) && v.manifest === FORMAT && typeof v.journeyflow === 'string' && isRecordOf(v.options, () => true)
    && isRecordOf(v.inputs, isInputRecord) && isRecordOf(v.orphans, (o) => isOutput(o) && typeof (o as Record<string, unknown>).input === 'string');
}
