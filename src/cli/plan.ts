/**
 * Which inputs the build manifest vouches for and which must be compiled. In two halves: the
 * inputs' own bytes and the files they resolved (2 MB for 500 diagrams), then every recorded output
 * on disk (20 MB). A build that has something to compile may have the second half done on another
 * thread while it compiles (verify-thread.ts).
 */
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { decodeText } from '../load/encoding.js';
import type { Limits } from '../load/limits.js';
import { dependencyHash, keyOf, replayDiagnostics, stored, type ManifestView } from './incremental.js';
import { hashInput, readInputBytes, type ContentHashes, type InputFile, type RealFolders } from './inputs.js';
import { absolutePath, sha256, type InputRecord } from './manifest.js';
import { checkOutputsElsewhere, checkOutputsHere, worthAThread, type OutputCheck } from './verify-thread.js';

/** The inputs the manifest vouches for, with their records, and those to compile. */
export interface Plan {
  stale: InputFile[];
  upToDate: Array<{ input: InputFile; record: InputRecord }>;
  /** The warnings of the inputs vouched for, as their last build reported them. */
  replayed: Diagnostic[];
  /** With outputs checked elsewhere: the plan of the inputs still waiting for that, once known. */
  later?: Promise<Plan>;
}

type Candidate = { input: InputFile; record: InputRecord };

/**
 * The record of an input when the manifest vouches for its sources: built without errors from
 * these very bytes (`inputHash`), in the same tree, every file it resolved unchanged.
 */
function sourcesRecord(view: ManifestView, input: InputFile, inputHash: string): InputRecord | undefined {
  const record = view.previous.inputs[keyOf(view, input)];
  if (!record?.ok || record.sha256 !== inputHash || record.base !== stored(view, input.base)) return undefined;
  const root = view.location.root;
  for (const [dep, hash] of Object.entries(record.dependencies)) if (dependencyHash(view, absolutePath(root, dep)) !== hash) return undefined;
  return record;
}

/** The first half: inputs whose sources changed (stale), and the others (candidates, outputs unchecked). */
function planSources(view: ManifestView, files: readonly InputFile[], limits: Limits, folders: RealFolders, hashes?: ContentHashes) {
  const stale: InputFile[] = [];
  const candidates: Candidate[] = [];
  for (const input of files) {
    const hashed = !view.force && input.absPath ? hashInput(input, limits, folders, hashes) : undefined;
    const record = hashed?.sha256 ? sourcesRecord(view, input, hashed.sha256) : undefined;
    if (record) candidates.push({ input, record });
    else stale.push(input);
  }
  return { stale, candidates };
}

const outputChecks = (view: ManifestView, candidates: readonly Candidate[]): OutputCheck[] =>
  candidates.flatMap(({ record }) => Object.entries(record.outputs).map(([out, expected]): OutputCheck => [absolutePath(view.location.root, out), expected]));

/**
 * The second half, given whether each output holds the bytes written (hashed, not dated: a
 * hand-edited output is stale however its time stamp was kept). An input vouched for is never
 * decoded unless it has warnings to show: its text then goes into `sources`, for their excerpts.
 */
function settle(candidates: readonly Candidate[], intact: readonly boolean[], limits: Limits, folders: RealFolders, sources: Map<string, string>): Plan {
  const plan: Plan = { stale: [], upToDate: [], replayed: [] };
  let next = 0;
  for (const { input, record } of candidates) {
    const count = Object.keys(record.outputs).length;
    const ok = intact.slice(next, (next += count)).every(Boolean);
    if (!ok) { plan.stale.push(input); continue; }
    if (record.diagnostics.length) {
      const read = readInputBytes(input, limits, folders);
      // Changed since it was hashed: compiled like any changed input.
      if (!read.bytes || sha256(read.bytes) !== record.sha256) { plan.stale.push(input); continue; }
      sources.set(input.display, decodeText(read.bytes));
    }
    plan.replayed.push(...replayDiagnostics(record, input));
    plan.upToDate.push({ input, record });
  }
  return plan;
}

/**
 * Splits the inputs into those the manifest vouches for and those to compile. An input's hash is
 * taken from `hashes` when it was made as the inputs were resolved. With `aside`, when some input
 * is to be compiled and the outputs of the others are large enough to be worth a thread
 * (worthAThread), they are checked on another thread meanwhile: the plan then names only the
 * inputs known stale so far, and `later` the rest.
 */
export function planInputs(view: ManifestView, files: readonly InputFile[], limits: Limits, sources: Map<string, string>, hashes?: ContentHashes, aside = false): Plan {
  const folders: RealFolders = new Map();
  const { stale, candidates } = planSources(view, files, limits, folders, hashes);
  const checks = outputChecks(view, candidates);
  if (!aside || !stale.length || !worthAThread(checks)) {
    const plan = settle(candidates, checkOutputsHere(checks), limits, folders, sources);
    return { ...plan, stale: [...stale, ...plan.stale] };
  }
  return { stale, upToDate: [], replayed: [], later: checkOutputsElsewhere(checks).then((intact) => settle(candidates, intact, limits, folders, sources)) };
}
