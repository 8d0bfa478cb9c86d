import path from 'node:path';

/**
 * Options of both docs-site plugins (markdown-it and rehype). Names follow rehype-mermaid
 * (`strategy`, `dark`, `errorFallback`) and @beoe's plugins (`fsPath`, `webPath`, `cache`,
 * `class`) where those exist, so a site moving between them keeps its configuration.
 */
export interface JourneyflowPluginOptions {
  /**
   * `inline-svg` (default): the SVG in the page, links work. `img-svg`: an `<img>` with the SVG as
   * a data URL (no file, no links). `file`: the SVG written under `fsPath`, shown as an `<img>`.
   */
  strategy?: 'inline-svg' | 'img-svg' | 'file';
  /** Theme for light mode; default: each diagram's own `theme` (else `default`). */
  theme?: string;
  /**
   * A second theme drawn for dark mode (`true` means `dark`). Images get a `<picture>` with a
   * `prefers-color-scheme: dark` source; inline SVGs get both drawings, switched by
   * `journeyflow/plugins.css` on `.dark` (VitePress), `[data-theme=dark]` (Docusaurus, Starlight)
   * or the reader's system preference (`darkScheme: 'media'`).
   */
  dark?: string | boolean;
  /** What switches inline SVGs to the dark drawing: a class on an ancestor (default) or the media query. */
  darkScheme?: 'class' | 'media';
  /**
   * By default a block with errors fails the build with file:line:col of the Markdown. `true`
   * shows the diagnostics in the page instead (for dev servers); a function returns the HTML to show.
   */
  errorFallback?: boolean | ((error: BlockError) => string | undefined);
  /** Folder that Markdown files, `src=` includes and `ref`/`flow` links may not leave; default: the working directory. */
  root?: string;
  /** Folder `src=` paths are resolved from; default: the Markdown file's folder. */
  srcDir?: string;
  /** Folder the `file` strategy and linked diagrams are written to; default: `<root>/public/journeyflow`. */
  fsPath?: string;
  /** URL under which `fsPath` is served; default: `/journeyflow`. */
  webPath?: string;
  /** Folder of the content-hash cache, or `false`; default: `node_modules/.cache/journeyflow` in the working directory. */
  cache?: string | false;
  /** Extra class names on each diagram's container. */
  class?: string;
  /**
   * Click-to-enlarge without script: a button on the diagram opens it over the whole window at its
   * natural size (a CSS checkbox toggle in `journeyflow/plugins.css`; without that file no button
   * shows). `true`: every diagram; a number: diagrams at least that many pixels wide.
   */
  zoom?: boolean | number;
  /** Warnings count as errors. */
  strict?: boolean;
}

/** A block that could not be drawn: `message` starts with file:line:col of the Markdown (or of the included YAML). */
export interface BlockError {
  message: string;
  file: string;
  line: number;
  column: number;
  /** The diagnostics with code frames, as `journeyflow validate` prints them. */
  details: string;
}

export interface ResolvedOptions {
  strategy: 'inline-svg' | 'img-svg' | 'file';
  theme?: string;
  dark?: string;
  darkScheme: 'class' | 'media';
  root: string;
  srcDir?: string;
  fsPath: string;
  webPath: string;
  cache?: string;
  className?: string;
  /** Diagrams at least this wide get the enlarge button; undefined: none. */
  zoomFrom?: number;
  strict: boolean;
}

const STRATEGIES = ['inline-svg', 'img-svg', 'file'] as const;

/** Checks and completes the user's options; a wrong value is a configuration error with a clear message. */
export function resolveOptions(o: JourneyflowPluginOptions = {}): ResolvedOptions {
  const strategy = o.strategy ?? 'inline-svg';
  if (!STRATEGIES.includes(strategy)) throw new Error(`journeyflow: strategy "${String(strategy)}" is not one of ${STRATEGIES.join(', ')}`);
  if (o.darkScheme !== undefined && o.darkScheme !== 'class' && o.darkScheme !== 'media') throw new Error(`journeyflow: darkScheme must be "class" or "media"`);
  if (o.zoom !== undefined && typeof o.zoom !== 'boolean' && !(typeof o.zoom === 'number' && o.zoom >= 0)) throw new Error('journeyflow: zoom must be true, false or a width in pixels (≥ 0)');
  const root = path.resolve(o.root ?? process.cwd());
  const webPath = '/' + (o.webPath ?? '/journeyflow').replace(/^\/+|\/+$/g, '');
  return {
    strategy,
    theme: o.theme,
    dark: o.dark === true ? 'dark' : o.dark || undefined,
    darkScheme: o.darkScheme ?? 'class',
    root,
    srcDir: o.srcDir === undefined ? undefined : path.resolve(root, o.srcDir),
    fsPath: path.resolve(root, o.fsPath ?? path.join('public', 'journeyflow')),
    webPath: webPath === '/' ? '' : webPath,
    cache: o.cache === false ? undefined : path.resolve(o.cache ?? path.join(process.cwd(), 'node_modules', '.cache', 'journeyflow')),
    className: o.class,
    zoomFrom: o.zoom === true ? 0 : typeof o.zoom === 'number' ? o.zoom : undefined,
    strict: o.strict ?? false,
  };
}

/** What the rendering depends on besides the YAML: part of the cache key. */
export function optionsKey(o: ResolvedOptions): string {
  return JSON.stringify([o.strategy, o.theme ?? null, o.dark ?? null, o.darkScheme, o.root, o.srcDir ?? null, o.fsPath, o.webPath, o.className ?? null, o.zoomFrom ?? null, o.strict]);
}
