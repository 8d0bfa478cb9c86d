import { readTheme, type ThemeResult } from '../render/theme-file.js';
import { validateSchema } from './schema.js';

/**
 * A built-in theme by name, or a theme YAML file checked against schemas/theme.schema.json with the
 * diagnostics diagrams get (file:line:col, rule `schema`, "did you mean"): every caller that reads a
 * theme file goes through here, so none can skip the check.
 */
export function resolveTheme(name: string, fromFile: string | undefined, root: string): ThemeResult {
  return readTheme(name, fromFile, root, (doc) => validateSchema('theme', doc));
}
