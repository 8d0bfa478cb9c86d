import path from 'node:path';
import type { Diagnostic } from './diagnostics/diagnostic.js';
import { hasErrors, sortDiagnostics } from './diagnostics/diagnostic.js';
import type { SourceDocument } from './load/document.js';
import { resolveLimits, type Limits } from './load/limits.js';
import { checkReference, checkReferenceText, defaultIdFor } from './load/references.js';
import { loadYaml } from './load/yaml.js';
import { KIND_NAMES, kindDefinition, listText, type DiagramKind } from './kinds/registry.js';
import type { CommonModel, KindDefinition, ReferenceCheck, RuleContext } from './kinds/types.js';
import { renderSvg } from './render/svg.js';
import { builtinTheme, type ThemeResult } from './render/theme-file.js';
import { resolveTheme } from './validate/theme.js';
import type { Scene } from './scene/types.js';
import { validateSchema } from './validate/schema.js';
import { detectLocale, isLocale, readableTexts, type Locale } from './model/locale.js';
import { checkBounds } from './validate/bounds.js';
import { layoutFailure } from './layout/budget.js';
import { atDataOrigin, bindData, type DataSource } from './validate/data.js';
import { readParquetAhead, type DataTables } from './load/data/read.js';

export interface CompileOptions {
  /** File name shown in diagnostics. */
  file?: string;
  /** Absolute path of the input (for relative references); omit for text that has no file. */
  absPath?: string;
  /** Folder tree that references may not leave; default: the input's folder or the working directory. */
  root?: string;
  /** Theme name or file that overrides the documents' own `theme`. */
  theme?: string;
  limits?: Partial<Limits>;
  strict?: boolean;
  /**
   * Where a subprocess `ref` or a step's `flow` link points (the referenced file has been checked:
   * it exists inside `root`). Default: the referenced file's SVG beside it, relative to this file.
   * Docs-site plugins and `serve` point links at what they publish instead.
   */
  link?: (target: { absPath: string; relative: string }) => string | undefined;
  /**
   * false: the compile reads and checks no file, for text from a network request. A `ref` or `flow`
   * path is then checked by its text only (relative, inside the tree) and drawn without a link; a
   * theme file, named by the document or by `theme` above, is refused. Default true.
   */
  fileAccess?: boolean;
  /** Language of captions, legends and tooltips for every document, over the documents' own `locale`. */
  locale?: Locale;
  /** Check a document with YAML syntax errors as the parser repaired it (the language server). Default false. */
  recoverYaml?: boolean;
  /**
   * Data files read before the check, by absolute path: Parquet, which is read asynchronously
   * (readDataAhead below; `compile` and the CLI fill it). CSV and JSON files are read by the check.
   */
  dataTables?: DataTables;
}

/** A document that passed loading: its kind, model (when schema-valid) and where it came from. */
export interface CheckedDocument {
  doc: SourceDocument;
  kind: DiagramKind;
  definition: KindDefinition<CommonModel>;
  model: CommonModel;
  ok: boolean;
}

export interface CheckResult {
  documents: CheckedDocument[];
  diagnostics: Diagnostic[];
  /**
   * Absolute paths of every file besides the input that the compile resolved (subprocess `ref` and
   * step `flow` targets, theme files, data files), each once: an incremental build rebuilds the
   * input when one of them changes.
   */
  dependencies: string[];
}

function commonOf(doc: SourceDocument, locale: Locale | undefined): CommonModel {
  const v = doc.value as Record<string, unknown>;
  return {
    kind: v.kind as DiagramKind,
    // `<stdin>` and `<input>` name text that has no file, so its id does not come from a file name.
    id: typeof v.id === 'string' ? v.id : defaultIdFor(/^<\w+>$/.test(doc.file) ? undefined : doc.file, KIND_NAMES),
    title: typeof v.title === 'string' ? v.title : '',
    description: typeof v.description === 'string' ? v.description : '',
    theme: typeof v.theme === 'string' ? v.theme : 'default',
    locale: locale ?? (isLocale(v.locale) ? v.locale : detectLocale(readableTexts(v))),
    legend: v.legend !== false,
  };
}

/**
 * A theme given by the caller (-t) is trusted and resolved from the working directory; a document's
 * own `theme` file is resolved from the document and may not leave the tree.
 */
function themeFor(options: CompileOptions, documentTheme: string, root: string): ThemeResult {
  if (options.fileAccess === false) return builtinTheme(options.theme ?? documentTheme);
  if (options.theme !== undefined) return resolveTheme(options.theme, path.join(process.cwd(), 'cli'), path.parse(process.cwd()).root);
  return resolveTheme(documentTheme, options.absPath, root);
}

/** Where a document's data files come from: the tree around the input, or nowhere without file access. */
function dataSource(definition: KindDefinition<CommonModel>, options: CompileOptions, root: string, limits: Limits): DataSource {
  return {
    kind: definition.kind,
    data: definition.data,
    limits,
    ahead: options.dataTables,
    resolve: (file) => {
      if (options.fileAccess === false) return { ok: false, reason: 'is not read here: this compile has no file access (write the figures into the document)' };
      const ref = checkReference(file, options.absPath, root);
      return ref.ok ? { ok: true, absPath: ref.absPath } : ref;
    },
  };
}

/**
 * Reads ahead the Parquet data files the documents of `source` name, for `options.dataTables`: the
 * check itself is synchronous, and DuckDB reads asynchronously. Text that names no Parquet file
 * costs one search of the text.
 */
export async function readDataAhead(source: string, options: CompileOptions = {}): Promise<DataTables | undefined> {
  if (options.fileAccess === false || !/\.parquet\b/i.test(source)) return undefined;
  const limits = resolveLimits(options.limits);
  const root = options.root ?? (options.absPath ? path.dirname(options.absPath) : process.cwd());
  const files = loadYaml(source, options.file ?? '<input>', options.absPath, limits).documents.flatMap((doc) => {
    const data = (doc.value as { data?: unknown } | null)?.data;
    return Array.isArray(data) ? data.flatMap((e) => {
      const ref = typeof e?.file === 'string' ? checkReference(e.file, options.absPath, root) : undefined;
      return ref?.ok ? [ref.absPath] : [];
    }) : [];
  });
  return files.length ? readParquetAhead(files, limits) : undefined;
}

/**
 * How references are checked: against the file system, or by their text alone when there is no
 * file access. Every file found is added to `dependencies`.
 */
function referenceChecker(options: CompileOptions, root: string, dependencies: string[]): (target: string) => ReferenceCheck {
  if (options.fileAccess === false) return checkReferenceText;
  return (target) => {
    const ref = checkReference(target, options.absPath, root);
    if (ref.ok) dependencies.push(ref.absPath);
    return ref;
  };
}

/** What every document of one input is checked with. */
interface InputContext {
  options: CompileOptions;
  limits: Limits;
  root: string;
  /** Diagnostics of the whole input so far (a theme file's errors are reported once). */
  diagnostics: Diagnostic[];
  dependencies: string[];
}

/** Load, schema, data binding and semantic rules for every document of one input; no layout is loaded. */
export function checkSource(source: string, options: CompileOptions = {}): CheckResult {
  const file = options.file ?? '<input>';
  const limits = resolveLimits(options.limits);
  const root = options.root ?? (options.absPath ? path.dirname(options.absPath) : process.cwd());
  const loaded = loadYaml(source, file, options.absPath, limits, options.recoverYaml);
  const input: InputContext = { options, limits, root, diagnostics: [...loaded.diagnostics], dependencies: [] };
  const diagnostics = input.diagnostics;
  const documents: CheckedDocument[] = [];
  const seenIds = new Map<string, SourceDocument>();
  for (const doc of loaded.documents) {
    const value = doc.value;
    if (!value || typeof value !== 'object' || Array.isArray(value)) {
      diagnostics.push(doc.diagnostic([], 'schema', `a diagram document must be a map with a \`kind\` field (${listText()})`));
      continue;
    }
    const kindValue = (value as Record<string, unknown>).kind;
    const definition = kindDefinition(kindValue);
    if (!definition) {
      const where = kindValue === undefined ? doc.diagnostic([], 'schema', `missing required field "kind"; expected ${listText()}`)
        : doc.diagnostic(['kind'], 'schema', `"kind" is ${JSON.stringify(kindValue)}; expected one of ${KIND_NAMES.join(', ')}`);
      diagnostics.push(where);
      continue;
    }
    const bounds = checkBounds(doc, definition.countedArrays, limits);
    if (bounds.length) { diagnostics.push(...bounds); continue; }
    const schemaErrors = validateSchema(definition.kind, doc);
    diagnostics.push(...schemaErrors);
    const common = commonOf(doc, options.locale);
    // Without an id of its own a document's outputs would overwrite another's: it is not drawn.
    const idErrors: Diagnostic[] = [];
    if (doc.count > 1 && typeof (value as Record<string, unknown>).id !== 'string') {
      idErrors.push(doc.diagnostic([], 'schema', 'this file holds several documents, so each needs its own `id`'));
    }
    const earlier = seenIds.get(common.id);
    if (earlier && doc.count > 1) idErrors.push(doc.diagnostic(['id'], 'duplicate-id', `document id "${common.id}" is already used by document ${earlier.index + 1} of this file`));
    seenIds.set(common.id, doc);
    diagnostics.push(...idErrors);
    const failed = { doc, kind: definition.kind as DiagramKind, definition, model: common, ok: false };
    documents.push(schemaErrors.length ? failed : checkDocument(doc, definition, common, idErrors, input) ?? failed);
  }
  return { documents, diagnostics: sortDiagnostics(diagnostics), dependencies: [...new Set(input.dependencies)].sort() };
}

/**
 * Binds a schema-valid document's data, builds its model and runs the kind's rules and the theme
 * check; undefined when a bound value broke the schema (the document is then not drawn).
 */
function checkDocument(source: SourceDocument, definition: KindDefinition<CommonModel>, common: CommonModel, idErrors: Diagnostic[], input: InputContext): CheckedDocument | undefined {
  const { options, root, diagnostics } = input;
  const bound = bindData(source, dataSource(definition, options, root, input.limits));
  diagnostics.push(...bound.diagnostics);
  input.dependencies.push(...bound.files);
  if (bound.failed) return undefined;
  const doc = bound.doc;
  const model = definition.buildModel(doc, common);
  const ruleDiagnostics: Diagnostic[] = [];
  let currentRule = '';
  let currentSeverity: 'error' | 'warning' = 'error';
  const ctx: RuleContext = {
    doc,
    report: (p, message, o = {}) => {
      const d = o.span ? doc.diagnosticAt(o.span, p, currentRule, message, o.severity ?? currentSeverity) : doc.diagnostic(p, currentRule, message, o.severity ?? currentSeverity, o.key);
      ruleDiagnostics.push(atDataOrigin(d, bound.origins));
    },
    checkReference: referenceChecker(options, root, input.dependencies),
  };
  for (const rule of definition.rules) {
    currentRule = rule.id;
    currentSeverity = rule.severity;
    rule.check(model, ctx);
  }
  const themeName = options.theme ?? common.theme;
  const theme = themeFor(options, common.theme, root);
  if (theme.file) input.dependencies.push(theme.file);
  // A theme file with errors is reported at its own lines (once, however many documents use it).
  if (!theme.ok && theme.diagnostics) ruleDiagnostics.push(...theme.diagnostics.filter((d) => !diagnostics.some((o) => o.file === d.file && o.line === d.line && o.column === d.column && o.message === d.message)));
  else if (!theme.ok) ruleDiagnostics.push(options.theme ? { ...doc.diagnostic([], 'unknown-reference', `theme "${themeName}" ${theme.reason}`) } : doc.diagnostic(['theme'], 'unknown-reference', `theme "${themeName}" ${theme.reason}`));
  diagnostics.push(...ruleDiagnostics);
  return { doc, kind: definition.kind as DiagramKind, definition, model, ok: theme.ok && !hasErrors([...idErrors, ...bound.diagnostics, ...ruleDiagnostics], options.strict) };
}

export interface RenderedDiagram {
  id: string;
  kind: DiagramKind;
  scene: Scene;
  svg: string;
  mermaid: string;
}

/** Layout and SVG of one checked document (loads ELK on first use). */
export async function drawDocument(checked: CheckedDocument, options: CompileOptions = {}): Promise<{ scene: Scene; svg: string }> {
  const scene = await layoutDocument(checked, options);
  return { scene, svg: renderSvg(scene) };
}

/** The laid-out scene of one checked document, for callers that draw it themselves (the docs plugins give it their own ids). */
export async function layoutDocument(checked: CheckedDocument, options: CompileOptions = {}): Promise<Scene> {
  const root = options.root ?? (options.absPath ? path.dirname(options.absPath) : process.cwd());
  const themeResult = themeFor(options, checked.model.theme, root);
  const theme = themeResult.ok ? themeResult.theme : resolveTheme('default', undefined, root).theme!;
  const env = {
    theme,
    linkFor: (target: string) => {
      // Without file access nothing says the linked diagram exists, so no link is drawn.
      if (options.fileAccess === false) return undefined;
      const ref = checkReference(target, options.absPath, root);
      if (!ref.ok) return undefined;
      return options.link ? options.link(ref) : ref.relative.replace(/\.ya?ml$/i, '.svg');
    },
  };
  return checked.definition.layout(checked.model, env);
}

/**
 * The diagnostic of a document whose layout failed: past the budget, at the array to reduce (its
 * key), else at the document. `hint` is what the caller's user can do besides splitting.
 */
export function layoutDiagnostic(checked: CheckedDocument, err: unknown, hint = ''): Diagnostic {
  const failure = layoutFailure(err, hint);
  return checked.doc.diagnostic([...failure.path], failure.rule, failure.message, 'error', failure.path.length > 0);
}

/** Layout, SVG and Mermaid of one checked document. */
export async function renderDocument(checked: CheckedDocument, options: CompileOptions = {}): Promise<RenderedDiagram> {
  const drawn = await drawDocument(checked, options);
  return { id: checked.model.id, kind: checked.kind, ...drawn, mermaid: await checked.definition.toMermaid(checked.model) };
}

export interface CompileResult {
  diagrams: Array<{ id: string; kind: DiagramKind; svg: string; mermaid: string }>;
  diagnostics: Diagnostic[];
}

/** The library entry: YAML text in, SVG and Mermaid of every valid document out, with all diagnostics. */
export async function compile(source: string, options: CompileOptions = {}): Promise<CompileResult> {
  const checked = checkSource(source, { ...options, dataTables: options.dataTables ?? (await readDataAhead(source, options)) });
  const diagrams: CompileResult['diagrams'] = [];
  for (const c of checked.documents) {
    if (!c.ok) continue;
    let r: RenderedDiagram;
    try {
      r = await renderDocument(c, options);
    } catch (err) {
      // As in build: a diagram past the layout budget (or one ELK fails on) is a diagnostic, not a throw.
      checked.diagnostics.push(layoutDiagnostic(c, err));
      continue;
    }
    diagrams.push({ id: r.id, kind: r.kind, svg: r.svg, mermaid: r.mermaid });
  }
  return { diagrams, diagnostics: checked.diagnostics };
}
