import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import vm from 'node:vm';
import { Worker } from 'node:worker_threads';
import type { ELK, ElkExtendedEdge, ElkNode } from 'elkjs/lib/elk-api.js';

export type { ElkNode, ElkExtendedEdge, ElkLabel } from 'elkjs/lib/elk-api.js';

const require = createRequire(import.meta.url);
let instance: Promise<ELK> | undefined;
let saveCache: (() => void) | undefined;

/** Per-user cache folder for V8 code caches; undefined when caching is off or impossible. */
function cacheDir(): string | undefined {
  if (process.env.JOURNEYFLOW_NO_CACHE) return undefined;
  const base = process.env.XDG_CACHE_HOME || (os.homedir() ? path.join(os.homedir(), '.cache') : undefined);
  return base ? path.join(base, 'journeyflow') : undefined;
}

/**
 * Loads the 2 MB elkjs bundle. Compiling it is a large part of a one-diagram build, so the compiled
 * code is kept in a V8 code cache in the user's cache folder (V8 checks it against the source and
 * rejects a stale one). Without a usable cache this is a plain require().
 */
function loadElkBundle(): new () => ELK {
  const file = require.resolve('elkjs/lib/elk.bundled.js');
  const dir = cacheDir();
  if (!dir) return require(file);
  try {
    const version = (require('elkjs/package.json') as { version: string }).version;
    const cacheFile = path.join(dir, `elk-${version}-${process.version}-${process.arch}.v8cache`);
    let cachedData: Buffer | undefined;
    try {
      const stat = fs.statSync(cacheFile);
      // Only our own cache file: never execute a cache another user could have planted.
      if (typeof process.getuid !== 'function' || stat.uid === process.getuid()) cachedData = fs.readFileSync(cacheFile);
    } catch { /* no cache yet */ }
    const source = fs.readFileSync(file, 'utf8');
    const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, { filename: file, cachedData });
    const mod = { exports: {} as unknown };
    script.runInThisContext()(mod.exports, require, mod, file, path.dirname(file));
    if (!cachedData || script.cachedDataRejected) {
      // Written after the first layout, so the functions it compiled lazily are in the cache too.
      saveCache = () => {
        try {
          fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
          const tmp = `${cacheFile}.${process.pid}.tmp`;
          fs.writeFileSync(tmp, script.createCachedData(), { mode: 0o600 });
          fs.renameSync(tmp, cacheFile);
        } catch { /* a read-only home: run without the cache */ }
      };
    }
    return mod.exports as new () => ELK;
  } catch {
    return require(file);
  }
}

/**
 * The one place that loads elkjs. Loaded on first layout (validation never pays for it) and the
 * instance is kept for every later diagram of the process.
 */
function elk(): Promise<ELK> {
  instance ??= Promise.resolve().then(() => new (loadElkBundle())());
  return instance;
}

/** The polyline of a routed ELK edge: start, bend points and end of each section. */
export function elkEdgePoints(e: ElkExtendedEdge): Array<[number, number]> {
  const points: Array<[number, number]> = [];
  for (const s of e.sections ?? []) {
    points.push([s.startPoint.x, s.startPoint.y], ...(s.bendPoints ?? []).map((p) => [p.x, p.y] as [number, number]), [s.endPoint.x, s.endPoint.y]);
  }
  return points;
}

export async function runElk(graph: ElkNode): Promise<ElkNode> {
  let result: ElkNode;
  try {
    result = await (await elk()).layout(graph);
  } catch (err) {
    // ELK walks long chains recursively: a valid flow of a few thousand nodes in a row overflows
    // the main thread's ~1 MB stack. That one graph is laid out again on a thread with a deep
    // stack (same algorithm and seed, so the same result); ordinary diagrams never come here.
    if (err instanceof RangeError && /call stack/i.test(err.message)) return layoutOnDeepStack(graph);
    throw err;
  }
  if (saveCache) { const save = saveCache; saveCache = undefined; save(); }
  return result;
}

const DEEP_STACK_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const ELK = require(workerData.elkPath);
new ELK().layout(workerData.graph).then(
  (graph) => parentPort.postMessage({ graph }),
  (err) => parentPort.postMessage({ error: String((err && err.message) || err) }),
);
`;

function layoutOnDeepStack(graph: ElkNode): Promise<ElkNode> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(DEEP_STACK_WORKER, { eval: true, workerData: { graph, elkPath: require.resolve('elkjs/lib/elk.bundled.js') }, resourceLimits: { stackSizeMb: 256 } });
    worker.once('message', (m: { graph?: ElkNode; error?: string }) => {
      void worker.terminate();
      if (m.graph) resolve(m.graph);
      else reject(new RangeError(m.error ?? 'layout failed'));
    });
    worker.once('error', reject);
  });
}

/** Layered layout options shared by every kind laid out with ELK. */
export function layeredOptions(direction: 'DOWN' | 'UP' | 'RIGHT' | 'LEFT', extra: Record<string, string> = {}): Record<string, string> {
  return {
    'elk.algorithm': 'layered',
    'elk.direction': direction,
    'elk.edgeRouting': 'ORTHOGONAL',
    'elk.spacing.nodeNode': '36',
    'elk.layered.spacing.nodeNodeBetweenLayers': '48',
    'elk.spacing.edgeNode': '18',
    'elk.spacing.edgeEdge': '12',
    'elk.layered.spacing.edgeNodeBetweenLayers': '20',
    'elk.layered.spacing.edgeEdgeBetweenLayers': '12',
    'elk.spacing.edgeLabel': '4',
    'elk.spacing.labelNode': '6',
    'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
    'elk.layered.cycleBreaking.strategy': 'DEPTH_FIRST',
    'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
    'elk.layered.nodePlacement.bk.fixedAlignment': 'BALANCED',
    'elk.layered.edgeLabels.sideSelection': 'ALWAYS_DOWN',
    'elk.edgeLabels.inline': 'false',
    'elk.padding': '[top=0,left=0,bottom=0,right=0]',
    'elk.randomSeed': '1',
    ...extra,
  };
}
