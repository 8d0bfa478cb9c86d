/*
 * Inline SVG with `dark`: rather than a second drawing of the same diagram in the page (half the
 * page's SVG bytes, which every site generator parses, bundles and ships), one drawing carries the
 * dark theme as CSS. The two drawings of a diagram are laid out alike and differ only in their
 * `fill` and `stroke` values, so a rule per light colour, `[fill="#ffffff"]{fill:#0f172a}` scoped to
 * that SVG, repaints it: author CSS beats presentation attributes. When the drawings differ in
 * anything else, or one light colour becomes two dark ones, there is no such map and the block
 * keeps both drawings.
 */

const PAINT = / (fill|stroke)="([^"]*)"/g;

/** Paint values a CSS rule can carry as written (colours, `none`, `url(#…)`); any other makes no map. */
const SAFE_VALUE = /^[#\w(),.%\s-]+$/;

/** Light value → dark value for each paint attribute that changes; undefined when the drawings differ otherwise. */
export function paintMap(light: string, dark: string): Map<string, string> | undefined {
  const a = light.split(PAINT);
  const b = dark.split(PAINT);
  if (a.length !== b.length) return undefined;
  const map = new Map<string, string>();
  // split() with two groups: text, name, value, text, name, value, …, text.
  for (let i = 0; i < a.length; i += 3) {
    if (a[i] !== b[i]) return undefined;
    if (i + 2 >= a.length) break;
    if (a[i + 1] !== b[i + 1]) return undefined;
    const key = `${a[i + 1]}\0${a[i + 2]}`;
    const seen = map.get(key);
    if (seen !== undefined && seen !== b[i + 2]) return undefined;
    if (seen === undefined && a[i + 2] !== b[i + 2] && !(SAFE_VALUE.test(a[i + 2]) && SAFE_VALUE.test(b[i + 2]))) return undefined;
    map.set(key, b[i + 2]);
  }
  for (const [key, to] of map) if (key.slice(key.indexOf('\0') + 1) === to) map.delete(key);
  return map;
}

/**
 * The `<style>` that repaints the SVG marked `data-jf-dark="<scope>"` when the page is dark: on an
 * ancestor's `.dark` or `[data-theme=dark]` (`class`), or the reader's system setting (`media`).
 */
export function darkStyle(map: Map<string, string>, scope: string, scheme: 'class' | 'media'): string {
  const root = scheme === 'class' ? `:is(.dark,[data-theme=dark]) [data-jf-dark="${scope}"]` : `[data-jf-dark="${scope}"]`;
  const rules: string[] = [];
  for (const [key, to] of map) {
    const [name, from] = key.split('\0');
    rules.push(`${root} [${name}="${from}"]{${name}:${to}}`);
  }
  const css = rules.join('');
  return `<style>${scheme === 'class' ? css : `@media (prefers-color-scheme:dark){${css}}`}</style>`;
}
