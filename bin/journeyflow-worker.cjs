'use strict';
// Worker-thread entry for `build -j N`. CommonJS on purpose: the pool library tries require() before
// import(), and requiring the ESM build directly can leave it half-loaded on Node 20.
let task;
module.exports = async function compileTask(payload) {
  task ??= import('../dist/cli/worker.js').then((m) => m.default);
  return (await task)(payload);
};
