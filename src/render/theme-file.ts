import fs from 'node:fs';
import path from 'node:path';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { resolveLimits } from '../load/limits.js';
import { checkReference } from '../load/references.js';
import { loadYaml } from '../load/yaml.js';
import type { SourceDocument } from '../load/document.js';
import { BUILTIN_THEMES, builtinTheme as builtinNamed, type Theme } from './themes.js';

/**
 * Checks a theme file's document against schemas/theme.schema.json. Passed in (src/validate/theme.ts
 * does) because render/ may not import validate/: kinds import render for the Theme type, and
 * validate imports kinds.
 */
export type ThemeCheck = (doc: SourceDocument) => Diagnostic[];

/**
 * A theme, or why not; a theme file with errors also brings its diagnostics, at its own lines.
 * `file`: the theme file that was read (absolute), so incremental builds know what a diagram depends on.
 */
export type ThemeResult = { ok: true; theme: Theme; file?: string } | { ok: false; reason: string; diagnostics?: Diagnostic[]; theme?: undefined; file?: string };

export const MAX_THEME_BYTES = 256 * 1024;

/** A built-in theme by name only: for a compile without file access, where a theme file is refused. */
export function builtinTheme(name: string): ThemeResult {
  const builtin = builtinNamed(name);
  if (builtin) return { ok: true, theme: builtin };
  return { ok: false, reason: `is not a built-in theme (${Object.keys(BUILTIN_THEMES).join(', ')}); theme files are not read here` };
}

/**
 * A built-in theme by name, or a theme YAML file (relative to the document, inside the tree):
 * `extends: <built-in>` plus any fields of the theme to override, colours as literals.
 * Read anew on every call, never cached here: a theme file edited under `build --watch` or `serve`
 * must show on the next rebuild, and a theme is a few dozen colours, cheap to read.
 */
export function readTheme(name: string, fromFile: string | undefined, root: string, check: ThemeCheck): ThemeResult {
  const builtin = builtinNamed(name);
  if (builtin) return { ok: true, theme: builtin };
  if (!/\.ya?ml$/i.test(name)) return { ok: false, reason: `is not a built-in theme (${Object.keys(BUILTIN_THEMES).join(', ')}) nor a .yaml theme file` };
  const ref = checkReference(name, fromFile, root);
  if (!ref.ok) return { ok: false, reason: ref.reason };
  try {
    // A theme is a few dozen colours; a larger file is not read (it could be anything in the tree).
    if (fs.statSync(ref.absPath).size > MAX_THEME_BYTES) return { ok: false, reason: `is larger than ${MAX_THEME_BYTES} bytes; it is not read`, file: ref.absPath };
    const checked = checkThemeFile(fs.readFileSync(ref.absPath, 'utf8'), ref.absPath, check);
    if (!checked.ok) return { ...checked, file: ref.absPath };
    const raw = checked.value;
    // The schema allows only built-in names for `extends`; looked up by own names all the same.
    const base = builtinNamed(typeof raw.extends === 'string' ? raw.extends : 'default') ?? BUILTIN_THEMES.default;
    return { ok: true, theme: merge(base, raw) as Theme, file: ref.absPath };
  } catch (err) {
    return { ok: false, reason: `cannot be read: ${(err as Error).message.split('\n')[0]}`, file: ref.absPath };
  }
}

/**
 * A theme file checked like a diagram: YAML syntax and bounds, then schemas/theme.schema.json
 * (unknown keys with "did you mean", literal colours only), each problem at its line and column.
 */
export function checkThemeFile(text: string, absPath: string, check: ThemeCheck): { ok: true; value: Record<string, unknown> } | { ok: false; reason: string; diagnostics: Diagnostic[] } {
  const file = path.relative(process.cwd(), absPath) || absPath;
  const loaded = loadYaml(text, file, absPath, { ...resolveLimits(), maxAliases: 50 });
  const [doc, ...more] = loaded.documents;
  const diagnostics = [...loaded.diagnostics, ...(doc ? check(doc) : [])];
  if (more.length) diagnostics.push(more[0].diagnostic([], 'schema', 'a theme file holds one YAML document'));
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  if (errors) return { ok: false, reason: `has ${errors === 1 ? 'an error' : `${errors} errors`} (${file}:${diagnostics[0].line}:${diagnostics[0].column})`, diagnostics };
  const value = doc?.value;
  return { ok: true, value: value && typeof value === 'object' ? (value as Record<string, unknown>) : {} };
}

/** Overlays the file's fields (already checked against the theme schema) on the base theme. */
function merge(base: unknown, over: unknown): unknown {
  if (Array.isArray(base)) {
    // The schema fixes the lengths (two lane fills, five emotions, one or more series colours).
    return Array.isArray(over) ? over.slice() : base;
  }
  if (base && typeof base === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(base)) out[k] = over && typeof over === 'object' && Object.hasOwn(over, k) ? merge(v, (over as Record<string, unknown>)[k]) : v;
    return out;
  }
  if (typeof base === 'string') return typeof over === 'string' ? over : base;
  return base;
}
