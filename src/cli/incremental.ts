/**
 * Incremental builds: which inputs the manifest vouches for (skipped, their warnings repeated),
 * which must be compiled (planned in plan.ts), and the manifest of the build that follows. Loads no
 * layout or render code: a build where nothing changed runs only this, hashes and a few hundred
 * small reads.
 */
import fs from 'node:fs';
import { hasErrors, type Diagnostic } from '../diagnostics/diagnostic.js';
import type { BuildOptions, BuiltOutput } from './build-options.js';
import type { InputFile } from './inputs.js';
import {
  absolutePath, emptyManifest, fileHash, manifestLocation, manifestText, optionsKey, readManifest, sha256, storedPath,
  type InputRecord, type Manifest, type ManifestLocation, type OutputRecord,
} from './manifest.js';
import type { CompiledInput } from './pool.js';
import { writeFileAtomic } from './write.js';

/** The manifest of earlier builds as this build sees it, with the hashes of files read so far. */
export interface ManifestView {
  location: ManifestLocation;
  /** The earlier manifest when it can be used (same version and options); else an empty one. */
  previous: Manifest;
  /** Its text as read, so that an unchanged manifest is not written again. */
  text?: string;
  /** Why an earlier manifest was ignored, when it was not simply missing or foreign. */
  notice?: string;
  /** `--force`: no input is skipped, but what the manifest knows of earlier outputs is kept. */
  force: boolean;
  /** File hashes by absolute path, each file read once per build. */
  hashes: Map<string, string | null>;
  /** Paths as stored, by absolute path: path.relative is a good part of a no-change build's time. */
  stored: Map<string, string>;
}

/**
 * A file a compile read is hashed after that compile; had it changed meanwhile, the hash would
 * vouch for bytes the outputs were not made from. So a resolved file dated later than this long
 * before its dependent's compile began is not trusted, and the dependent is compiled again next
 * time. File time stamps come from a clock that lags by up to a scheduler tick (4-16 ms), hence the
 * margin; a file system that keeps whole seconds (FAT, HFS+) can miss a save within its second.
 */
const RACY_MS = 20;

/** The manifest for these inputs and options; undefined when this build keeps none (stdout, no shared folder). */
export function openManifest(files: readonly InputFile[], opts: BuildOptions): ManifestView | undefined {
  const location = manifestLocation(files, opts);
  if (!location) return undefined;
  const options = optionsKey(opts, location.root);
  const read = readManifest(location, options);
  return { location, previous: read.manifest ?? emptyManifest(options), text: read.text, notice: read.reason, force: Boolean(opts.force), hashes: new Map(), stored: new Map() };
}

export function stored(view: ManifestView, abs: string): string {
  let p = view.stored.get(abs);
  if (p === undefined) view.stored.set(abs, (p = storedPath(view.location.root, abs)));
  return p;
}

export const keyOf = (view: ManifestView, input: InputFile): string => stored(view, input.absPath!);

/** A resolved file's hash, read once per build. */
export function dependencyHash(view: ManifestView, file: string): string | null {
  if (!view.hashes.has(file)) view.hashes.set(file, fileHash(file));
  return view.hashes.get(file)!;
}

/** The warnings of a skipped input, as its last build reported them. */
export const replayDiagnostics = (record: InputRecord, input: InputFile): Diagnostic[] => record.diagnostics.map((d) => ({ ...d, file: input.display }));

const outputRecord = (o: BuiltOutput): OutputRecord => {
  const bytes = typeof o.bytes === 'string' ? Buffer.from(o.bytes, 'utf8') : o.bytes;
  return { size: bytes.length, sha256: sha256(bytes) };
};

/** The file's hash, when it can be trusted to be what a compile begun at `compiledAt` read (see RACY_MS). */
function settledHash(view: ManifestView, file: string, compiledAt: number): string | null {
  const mtime = fs.statSync(file, { throwIfNoEntry: false })?.mtimeMs;
  return mtime !== undefined && mtime < compiledAt - RACY_MS ? dependencyHash(view, file) : null;
}

/**
 * The record of an input just compiled. It may be skipped next time only when it built without
 * errors, every output was written, and every file it resolved could be hashed as it was before
 * the build; otherwise it is kept (ok false) for what it wrote, so pruning knows those files are
 * journeyflow's.
 */
export function recordOf(view: ManifestView, input: InputFile, bytes: Uint8Array, compiled: { result: CompiledInput; written: BuiltOutput[]; at: number }, strict: boolean): InputRecord {
  const { result, written } = compiled;
  const root = view.location.root;
  const dependencies: Record<string, string> = {};
  let hashed = true;
  for (const dep of new Set(result.dependencies)) {
    const hash = settledHash(view, dep, compiled.at);
    if (hash === null) hashed = false;
    else dependencies[storedPath(root, dep)] = hash;
  }
  const ok = hashed && written.length === result.outputs.length && !hasErrors(result.diagnostics, strict) && result.diagnostics.every((d) => d.file === input.display);
  const earlier = ok ? {} : view.previous.inputs[keyOf(view, input)]?.outputs ?? {};
  const outputs: Record<string, OutputRecord> = { ...earlier };
  for (const o of written) outputs[storedPath(root, o.file)] = outputRecord(o);
  const diagnostics = ok ? result.diagnostics.map(({ file: _file, ...d }) => d) : [];
  return { sha256: sha256(bytes), base: stored(view, input.base), ok, dependencies: ok ? dependencies : {}, outputs, diagnostics };
}

/** What this build learnt, per input: skipped ones keep their record, compiled ones get a new one. */
export type Learnt = Map<string, InputRecord>;

export const learn = (view: ManifestView, learnt: Learnt, input: InputFile, record: InputRecord): void => { learnt.set(keyOf(view, input), record); };

/**
 * The manifest after this build: inputs built now, then earlier inputs not part of this build that
 * still exist (another shard's, or named on another command line), then every output journeyflow
 * wrote earlier that no input produces any more: an orphan, reported until pruned.
 */
export function nextManifest(view: ManifestView, learnt: Learnt, files: readonly InputFile[]): Manifest {
  const root = view.location.root;
  const visited = new Set(files.filter((f) => f.absPath).map((f) => keyOf(view, f)));
  const previous = view.previous;
  const inputs: Record<string, InputRecord> = {};
  for (const [key, record] of Object.entries(previous.inputs)) {
    // An input of this build that could not be read keeps its outputs known, but is never skipped.
    if (visited.has(key)) { if (!learnt.has(key)) inputs[key] = { ...record, ok: false }; }
    else if (fs.lstatSync(absolutePath(root, key), { throwIfNoEntry: false })) inputs[key] = record;
  }
  for (const [key, record] of learnt) inputs[key] = record;
  const produced = new Set(Object.values(inputs).flatMap((r) => Object.keys(r.outputs)));
  const candidates: Manifest['orphans'] = { ...previous.orphans };
  for (const [key, record] of Object.entries(previous.inputs)) for (const [out, o] of Object.entries(record.outputs)) candidates[out] = { ...o, input: key };
  const orphans: Manifest['orphans'] = {};
  for (const [out, o] of Object.entries(candidates)) {
    if (!produced.has(out) && fs.lstatSync(absolutePath(root, out), { throwIfNoEntry: false })) orphans[out] = o;
  }
  return { ...previous, inputs, orphans };
}

/**
 * Writes the manifest whole (atomically) when it differs from the one read. A manifest that
 * cannot be written costs the next build its shortcut, never this build its outputs: the reason
 * is returned for a notice.
 */
export function saveManifest(view: ManifestView, manifest: Manifest): string | undefined {
  if (view.text !== undefined && sameRecords(view.previous, manifest)) return undefined;
  const text = manifestText(manifest);
  if (text === view.text) return undefined;
  try {
    writeFileAtomic(view.location.file, text, { root: view.location.folder });
    return undefined;
  } catch (err) {
    return `the build manifest ${view.location.file} was not written (${(err as Error).message}); the next build compiles everything`;
  }
}

/** Nothing learnt: the very records that were read, for the same inputs and orphans (no need to serialize to know). */
function sameRecords(a: Manifest, b: Manifest): boolean {
  const same = <T>(x: Record<string, T>, y: Record<string, T>, eq: (p: T, q: T) => boolean) =>
    Object.keys(x).length === Object.keys(y).length && Object.keys(x).every((k) => Object.hasOwn(y, k) && eq(x[k], y[k]));
  return same(a.inputs, b.inputs, (p, q) => p === q) && same(a.orphans, b.orphans, (p, q) => JSON.stringify(p) === JSON.stringify(q));
}
