import { errorHtml } from './html.js';
import type { BlockError, JourneyflowPluginOptions } from './options.js';
import type { BlockOutcome } from './render.js';

/**
 * A block that fails the build. Its message starts with file:line:col of the Markdown (or of the
 * included YAML) and carries the code frames; the stack is the message, so site generators that
 * print `error.stack` show the diagnostic, not journeyflow's internals.
 */
export class JourneyflowBlockError extends Error {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  constructor(readonly block: BlockError) {
    super(`${block.message}\n${block.details}`.trimEnd());
    this.name = 'JourneyflowBlockError';
    this.file = block.file;
    this.line = block.line;
    this.column = block.column;
    this.stack = `${this.name}: ${this.message}`;
  }
}

/** What an adapter puts in the page: the HTML, or the error to fail with when there is no fallback. */
export function settle(outcome: BlockOutcome, options: JourneyflowPluginOptions): { html: string; warnings: string[] } | { error: BlockError } {
  if ('result' in outcome) return { html: outcome.result.html, warnings: outcome.result.warnings };
  const fallback = options.errorFallback;
  if (!fallback) return { error: outcome.error };
  const html = fallback === true ? errorHtml(outcome.error) : fallback(outcome.error) ?? '';
  return { html, warnings: [outcome.error.details] };
}
