import { compileInput } from './compile-input.js';
import type { BuildOptions } from './build-options.js';
import type { InputFile } from './inputs.js';

/** A worker thread's task: compile one input in memory. ELK and resvg stay warm for the next task. */
export default async function compileTask({ input, text, opts }: { input: InputFile; text: string; opts: BuildOptions }) {
  return compileInput(input, text, opts);
}
