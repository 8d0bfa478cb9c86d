/** The thread of verify-thread.ts: checks the outputs it is given and answers with one boolean each. */
import { parentPort, workerData } from 'node:worker_threads';
import { checkOutputsHere, type OutputCheck } from './verify-thread.js';

parentPort?.postMessage(checkOutputsHere(workerData as OutputCheck[]));
