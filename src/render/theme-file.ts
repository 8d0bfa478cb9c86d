import fs from 'node:fs';
import { parse } from 'yaml';
import { checkReference } from '../load/references.js';
import { BUILTIN_THEMES, type Theme } from './themes.js';

export type ThemeResult = { ok: true; theme: Theme } | { ok: false; reason: string; theme?: undefined };

// A colour must be a literal a static viewer understands: no var(), url() or functions that fetch.
const COLOUR = /^(#[0-9a-fA-F]{3,8}|rgba?\(\s*[\d.%\s,]+\)|[a-zA-Z]{3,20})$/;

export const MAX_THEME_BYTES = 256 * 1024;

// Own names only: `theme: constructor` must not find Object.prototype.constructor.
const builtinNamed = (name: string): Theme | undefined => (Object.hasOwn(BUILTIN_THEMES, name) ? BUILTIN_THEMES[name] : undefined);

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
export function resolveTheme(name: string, fromFile: string | undefined, root: string): ThemeResult {
  const builtin = builtinNamed(name);
  if (builtin) return { ok: true, theme: builtin };
  if (!/\.ya?ml$/i.test(name)) return { ok: false, reason: `is not a built-in theme (${Object.keys(BUILTIN_THEMES).join(', ')}) nor a .yaml theme file` };
  const ref = checkReference(name, fromFile, root);
  if (!ref.ok) return { ok: false, reason: ref.reason };
  try {
    // A theme is a few dozen colours; a larger file is not read (it could be anything in the tree).
    if (fs.statSync(ref.absPath).size > MAX_THEME_BYTES) return { ok: false, reason: `is larger than ${MAX_THEME_BYTES} bytes; it is not read` };
    const raw = parse(fs.readFileSync(ref.absPath, 'utf8'), { maxAliasCount: 50 }) as Record<string, unknown>;
    const base = BUILTIN_THEMES[typeof raw?.extends === 'string' ? raw.extends : 'default'] ?? BUILTIN_THEMES.default;
    return { ok: true, theme: merge(base, raw ?? {}) as Theme };
  } catch (err) {
    return { ok: false, reason: `cannot be read: ${(err as Error).message.split('\n')[0]}` };
  }
}

/** Overlays known fields only; values that are not literal colours keep the base value. */
function merge(base: unknown, over: unknown): unknown {
  if (Array.isArray(base)) {
    return Array.isArray(over) ? base.map((b, i) => (typeof over[i] === 'string' && COLOUR.test(over[i]) ? over[i] : b)) : base;
  }
  if (base && typeof base === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(base)) out[k] = over && typeof over === 'object' && Object.hasOwn(over, k) ? merge(v, (over as Record<string, unknown>)[k]) : v;
    return out;
  }
  if (typeof base === 'string') return typeof over === 'string' && COLOUR.test(over) ? over : base;
  return base;
}
