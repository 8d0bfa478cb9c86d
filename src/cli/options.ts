import { Option, type Command } from 'commander';
import type { Limits } from '../load/limits.js';
import { DEFAULT_LIMITS } from '../load/limits.js';
import { UsageError } from './inputs.js';
import { SCENE_FORMAT_NAMES, type SceneFormatName } from './formats.js';
import { fontFileProblem } from '../render/font-file.js';

export type OutputFormat = 'svg' | 'png' | 'mmd' | 'txt' | SceneFormatName;
export const OUTPUT_FORMATS: readonly OutputFormat[] = ['svg', 'png', 'mmd', 'txt', ...SCENE_FORMAT_NAMES];

export function parseFormats(value: string): OutputFormat[] {
  const list = value.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean);
  for (const f of list) if (!OUTPUT_FORMATS.includes(f as OutputFormat)) throw new UsageError(`unknown format "${f}"; use ${OUTPUT_FORMATS.join(', ')}`);
  return [...new Set(list)] as OutputFormat[];
}

const positiveInt = (name: string) => (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new UsageError(`${name} must be a positive whole number, got "${v}"`);
  return n;
};

/** Flags that adjust the resource bounds (SECURITY.md explains each). */
export function addLimitOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option('--max-bytes <n>', `largest input file in bytes (default ${DEFAULT_LIMITS.maxBytes})`).argParser(positiveInt('--max-bytes')))
    .addOption(new Option('--max-aliases <n>', `most YAML alias expansions per document (default ${DEFAULT_LIMITS.maxAliases})`).argParser(positiveInt('--max-aliases')))
    .addOption(new Option('--max-depth <n>', `deepest YAML nesting (default ${DEFAULT_LIMITS.maxDepth})`).argParser(positiveInt('--max-depth')))
    .addOption(new Option('--max-elements <n>', `most nodes/edges/steps per list (default ${DEFAULT_LIMITS.maxElements})`).argParser(positiveInt('--max-elements')))
    .addOption(new Option('--max-text <n>', `longest text value in characters (default ${DEFAULT_LIMITS.maxTextLength})`).argParser(positiveInt('--max-text')));
}

export function limitsFrom(o: Record<string, unknown>): Partial<Limits> {
  const out: Partial<Limits> = {};
  if (o.maxBytes) out.maxBytes = o.maxBytes as number;
  if (o.maxAliases) out.maxAliases = o.maxAliases as number;
  if (o.maxDepth) out.maxDepth = o.maxDepth as number;
  if (o.maxElements) out.maxElements = o.maxElements as number;
  if (o.maxText) out.maxTextLength = o.maxText as number;
  return out;
}

/** `--locale`: the language of captions, legends and tooltips, over every document's own `locale`. */
export const localeOption = () => new Option('--locale <locale>', 'language of captions, legends and tooltips (default: each document\'s locale, else its labels\' language)').choices(['zh-CN', 'en']);

export const formatOption = () => new Option('--format <format>', 'diagnostics format').choices(['text', 'json', 'github']).default('text');

/**
 * PNG zoom bounds: below 0.1 a diagram shrinks to a few pixels (resvg cannot make an empty
 * image); above 16 the pixel bound (render/png.ts) would shrink it again anyway.
 */
export const MIN_SCALE = 0.1;
export const MAX_SCALE = 16;

/** The PNG zoom from a flag or a config setting, or a usage error naming the allowed range. */
export function parseScale(value: unknown, from: string): number {
  const n = Number(value);
  if (!(n >= MIN_SCALE && n <= MAX_SCALE)) throw new UsageError(`${from} must be a number from ${MIN_SCALE} to ${MAX_SCALE}, got "${String(value)}"`);
  return n;
}

/** Every --font file usable by the PNG renderer, or a usage error saying which is not and why. */
export function checkFontFiles(files: readonly string[] | undefined): void {
  for (const f of files ?? []) {
    const problem = fontFileProblem(f);
    if (problem) throw new UsageError(`font "${f}" ${problem}`);
  }
}
