import { prepareBlock, type BlockInput } from './block.js';
import { publish, type BlockResult } from './cache.js';
import { drawBlock } from './draw.js';
import type { BlockError, ResolvedOptions } from './options.js';

export type BlockOutcome = { result: BlockResult; cached: boolean } | { error: BlockError };

/** A block from Markdown to HTML in this thread: the cache first, else check and draw. */
export async function renderBlock(input: BlockInput, o: ResolvedOptions): Promise<BlockOutcome> {
  const prepared = prepareBlock(input, o);
  if ('error' in prepared) return prepared;
  if ('hit' in prepared) {
    publish(o.fsPath, prepared.hit.files);
    return { result: prepared.hit, cached: true };
  }
  const drawn = await drawBlock(prepared.job, o);
  return drawn.error ? { error: drawn.error } : { result: drawn.result!, cached: false };
}
