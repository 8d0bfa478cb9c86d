import type { DiagnosticFormat } from '../diagnostics/format.js';
import type { Limits } from '../load/limits.js';
import type { Locale } from '../model/locale.js';
import type { SceneFormatOptions } from './formats.js';
import type { OutputFormat } from './options.js';

/**
 * What `build`, `check` and `watch` are asked to do, and what a compile of one input produces.
 * In a module of its own so that the worker pool, the watcher and the commands share the types
 * without importing each other.
 */
export interface BuildOptions {
  out?: string;
  formats: OutputFormat[];
  theme?: string;
  /** `--locale`: the language of every document's captions. */
  locale?: Locale;
  scale: number;
  strict: boolean;
  limits: Partial<Limits>;
  format: DiagnosticFormat;
  quiet: boolean;
  jobs?: number;
  shard?: { index: number; count: number };
  engine?: 'native' | 'mermaid';
  /** Extra font files for PNG. */
  fontFiles?: string[];
  /** Options of the scene formats (pptx, pdf): page size, one slide per journey. */
  sceneOptions?: SceneFormatOptions;
  /** `--allow-outside`: read inputs that are, or lead, outside the tree they were named in. */
  allowOutside?: boolean;
  /** `--cache DIR`: keep the build manifest there instead of in the output folder. */
  cache?: string;
  /** `--force`: compile every input, whatever the manifest says. */
  force?: boolean;
  /** `--prune`: remove outputs journeyflow wrote for inputs that are gone. */
  prune?: boolean;
}

export interface BuiltOutput { file: string; bytes: Uint8Array | string }
