/**
 * Checks recorded outputs on a thread of its own, so that a build with inputs to compile can
 * compile them in the meantime: on two cores the one-edit rebuild of a large repository then costs
 * about the compile, not the compile plus hashing every other input's outputs (20 MB for 500
 * diagrams). The thread loads only the hashing code (verify-thread-entry.ts), never the compiler.
 * Should it fail to start or die, the outputs are checked in this thread instead: the answer is
 * the same, only later.
 */
import { Worker } from 'node:worker_threads';
import { outputMatches, type OutputRecord } from './manifest.js';

/** The thread's entry, in dist/ (the bundle and the plain modules both lie beside it there). */
const ENTRY = new URL('../../dist/cli/verify-thread-entry.js', import.meta.url);

export type OutputCheck = [file: string, record: OutputRecord];

/**
 * Outputs worth a thread of their own add up to at least this many bytes. Starting the thread
 * (a worker and its module graph) costs about what hashing tens of megabytes does: on a one-edit
 * rebuild of 500 diagrams (~20 MB of outputs) the thread cost more than it took off this one.
 */
export const THREAD_WORTH_BYTES = 64 * 1024 * 1024;

/** Whether checking `outputs` on another thread saves more than the thread's start costs, by their recorded sizes. */
export const worthAThread = (outputs: readonly OutputCheck[]): boolean =>
  outputs.reduce((bytes, [, record]) => bytes + record.size, 0) >= THREAD_WORTH_BYTES;

/** Whether each output on disk holds what its record says, checked in this thread. */
export const checkOutputsHere = (outputs: readonly OutputCheck[]): boolean[] => outputs.map(([file, record]) => outputMatches(file, record));

/** The same answer, from another thread while this one goes on. */
export function checkOutputsElsewhere(outputs: readonly OutputCheck[]): Promise<boolean[]> {
  return new Promise((resolve) => {
    let settled = false;
    const here = () => { if (!settled) { settled = true; resolve(checkOutputsHere(outputs)); } };
    let worker: Worker;
    try {
      worker = new Worker(ENTRY, { workerData: outputs });
    } catch {
      here();
      return;
    }
    worker.once('message', (answer: unknown) => {
      if (settled) return;
      if (!Array.isArray(answer) || answer.length !== outputs.length) { here(); return; }
      settled = true;
      resolve(answer.map((ok) => ok === true));
    });
    worker.once('error', here);
    worker.once('exit', here);
  });
}
