'use strict';
// Test-only worker entry for the compile pool: it dies on inputs that ask for it, in the two ways a
// worker can fail (the thread exits mid-task, or the task throws), and compiles every other input
// with the real worker. Product code never loads this file.
const real = require('../../bin/journeyflow-worker.cjs');

module.exports = async function crashingTask(payload) {
  if (payload.text.includes('CRASH-EXIT')) process.exit(7);
  if (payload.text.includes('CRASH-THROW')) throw new Error('simulated worker failure');
  if (payload.text.includes('CRASH-HANG-OOM')) { const hog = []; for (;;) hog.push(new Array(1e6).fill(hog.length)); }
  return real(payload);
};
