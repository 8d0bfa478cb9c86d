/**
 * The kind contract: everything the rest of the program knows about a diagram kind is a member of
 * `KindDefinition`, and the types those members speak in are declared here (or in neutral modules
 * such as src/scene and src/load). Nothing outside src/kinds/<kind>/ imports a kind's own files; the
 * registry (src/kinds/registry.ts) is the one place that gathers the definitions.
 */
import type { Diagnostic, Severity } from '../diagnostics/diagnostic.js';
import type { Path, SourceDocument, SourceSpan } from '../load/document.js';
import type { ReferenceCheck } from '../load/references.js';
import type { KindData } from '../load/data/types.js';
import type { Theme } from '../render/themes.js';
import type { Scene } from '../scene/types.js';
import type { Locale } from '../model/locale.js';

/** Fields every document has (SPEC §1). `kind` is the registered name; each kind narrows it to its own. */
export interface CommonModel {
  kind: string;
  id: string;
  title: string;
  description: string;
  theme: string;
  /** The reader's language of captions, legends and tooltips: the caller's override, the document's `locale`, else its labels' language. */
  locale: Locale;
  /** Whether the picture carries a legend of its encoded marks (`legend: false` turns it off). */
  legend: boolean;
}

export type { ReferenceCheck, KindData };

export interface RuleContext {
  doc: SourceDocument;
  report(path: Path, message: string, options?: { key?: boolean; span?: SourceSpan; severity?: Severity }): void;
  /** Resolves a file named by the document, relative to it, refusing anything outside the tree. */
  checkReference(target: string): ReferenceCheck;
}

/** One semantic rule: an id users can search for, a one-line description, and the check itself. */
export interface Rule<M> {
  id: string;
  severity: Severity;
  description: string;
  check(model: M, ctx: RuleContext): void;
}

export interface LayoutEnv {
  theme: Theme;
  /** Turns a checked reference into the relative URL of the referenced diagram's SVG. */
  linkFor(target: string): string | undefined;
}

/** Requests a caller may make of a kind's layout on top of the ordinary drawing. */
export interface LayoutOptions {
  /**
   * Makes the boxes of these elements (`data-id` of their `jf-node` group) `by` units wider, their
   * content staying centred, so a diff badge fits inside beside the text. A kind whose boxes cannot
   * grow ignores it and says so with `diffPicture.badgesOnBorder`.
   */
  widenBoxes?: { ids: ReadonlySet<string>; by: number };
}

/* ---- The semantic diff's vocabulary (SPEC §6.2), shared by the kinds' diffs and src/diff/. ---- */

export type Mark = 'added' | 'removed' | 'changed';

/** What a diff entry is about: `diagram` for the document's own fields, else one of the kind's `diffElements`. */
export type ElementType = string;

/** An element type a kind's diff reports; summaries name it in the diagram's language (src/model/locale.ts `diff.elements`). */
export interface DiffElement {
  type: ElementType;
}

/** One field that differs: its key, its name in the diagram's language, and the old and new value as shown to a reader. */
export interface FieldChange {
  field: string;
  name: string;
  before: string;
  after: string;
}

/** One element added, removed or changed, in the order a reader would meet it. */
export interface DiffEntry {
  change: Mark;
  element: ElementType;
  /** Stable key: the id, `from → to`, or `stage/step`. */
  id: string;
  /** The element's label (new one when it exists). */
  label: string;
  /** What changed (changed entries only). */
  fields: FieldChange[];
}

/** How one scene group is marked: the change, and the text its tooltip gains (old values). */
export interface ElementMark {
  mark: Mark;
  note: string;
}

/** Marks to put on the laid-out union model, keyed the way scene groups are keyed. */
export interface SceneMarks {
  /** `data-id` of `jf-node` groups (flow nodes, journey steps, lifecycle states). */
  nodes: Map<string, ElementMark>;
  /** `from\u0000to\u0000n` (n-th edge with that from/to) of `jf-edge` groups. */
  edges: Map<string, ElementMark>;
  /** `data-id` of `jf-lane` / `jf-stage` groups. */
  groups: Map<string, ElementMark>;
}

/** What a kind's diff returns: the entries, a model holding old and new elements, and the marks. */
export interface KindDiff<M extends CommonModel = CommonModel> {
  entries: DiffEntry[];
  /** The new model with removed elements merged back in at stable places, so they can be drawn. */
  union: M;
  marks: SceneMarks;
}

/** A finished comparison of two versions of one diagram; `D` adds what the kind's own diff returned beyond KindDiff. */
export type DiagramDiff<M extends CommonModel = CommonModel, D extends KindDiff<M> = KindDiff<M>> = D & {
  kind: string;
  id: string;
  title: string;
  /** The two models compared; `old` is the kind's empty model when the diagram is new (and `new` when it was deleted). */
  old: M;
  new: M;
  /** The kind's element types, in the order summaries count them (after `diagram`). */
  elements: readonly DiffElement[];
};

/** One entry of the diff picture's legend: a mark's swatch, or a line sample for a kind's own overlay. */
export interface LegendEntry { mark?: Mark; text: string; line?: { colour: string; dash: string } }

/** What the diff picture needs from a kind beyond `layout(…, { widenBoxes })`. */
export interface DiffPictureHooks<M extends CommonModel, D extends KindDiff<M>> {
  /** True when the kind ignores `widenBoxes`: badges then sit on a box's top border, off its text. */
  badgesOnBorder: boolean;
  /**
   * Draws kind-specific extras into the laid-out, marked union scene (in place), e.g. a journey's
   * old emotion curves; returns the legend entries they need (none when it drew nothing).
   */
  decorate?(scene: Scene, diff: DiagramDiff<M, D>, env: LayoutEnv): Promise<LegendEntry[]>;
}

/** A `journeyflow init` template: maintained files of examples/ copied as `target`. */
export interface KindTemplate {
  description: string;
  files: ReadonlyArray<readonly [source: string, target: string]>;
}

/* ---- Where a kind's ids are declared and used, for the language server (src/lsp/). ---- */

/** A JSON path into a document where `*` matches any sequence index or map key. */
export type PathPattern = ReadonlyArray<string | number>;

/** Entries (maps with an `id`) that each declare one element of a type. */
export interface SymbolDeclaration {
  /** Element type, as messages and the diff name it ("node"). */
  type: string;
  at: PathPattern;
  /** Field holding the name shown beside the id (default `label`). */
  label?: string;
  /** Fields a hover shows below the label, in this order. */
  details: readonly string[];
}

/**
 * Places that name an element by id. `value`: the scalar is the id; `key`: every key of the map is
 * one; `chain`: a chain string `a -> b -> c`. Type `file` names a file path relative to the
 * document, holding a diagram of kind `fileKind`.
 */
export interface SymbolReference {
  type: string;
  at: PathPattern;
  form: 'value' | 'key' | 'chain';
  fileKind?: string;
}

/** The ids of a kind as an editor sees them: declarations, references and fields with a fixed set of values. */
export interface KindSymbols {
  declarations: readonly SymbolDeclaration[];
  references: readonly SymbolReference[];
  values: ReadonlyArray<{ at: PathPattern; values: readonly string[] }>;
  /**
   * Quick fixes that answer a rule's diagnostic by adding one entry to a top-level list ("add an end
   * node"); the entry's `id` is made unique in the document.
   */
  additions: ReadonlyArray<{ rule: string; title: string; list: string; entry: Readonly<Record<string, string>> }>;
}

/**
 * Everything a diagram kind brings, and the only way into it. Members that need layout, text or
 * diff code load it on first use (`async (…) => (await import('./x.js')).fn(…)`), so `validate`
 * loads only the model and the rules.
 */
export interface KindDefinition<M extends CommonModel = CommonModel, D extends KindDiff<M> = KindDiff<M>> {
  /**
   * The `kind:` value that selects this definition. Also names the kind's schema
   * (`schemas/<kind>.schema.json`), its examples (`examples/*.<kind>.yaml`), the suffix stripped from
   * file names for default ids, and its golden folder (`test/golden/<kind>/`).
   */
  kind: M['kind'];
  /** The diagrams of this kind as a plural phrase for help texts, e.g. "process flowcharts". */
  summary: string;
  /** `journeyflow init` templates this kind contributes, by template name (listed in registry order). */
  templates: Readonly<Record<string, KindTemplate>>;
  /** Elements counted against Limits.maxElements, by JSON path of their arrays. */
  countedArrays: readonly string[][];
  /** Turns a schema-valid document into the typed model every later member reads. */
  buildModel(doc: SourceDocument, common: CommonModel): M;
  /**
   * Which elements data files may set (by id), and the columns each takes: `data: [{ file }]`
   * binding (src/validate/data.ts) and `journeyflow data template` read only this.
   */
  data: KindData;
  /** Semantic rules, run in this order; the README's rules table lists each id. */
  rules: ReadonlyArray<Rule<M>>;
  /** Measures, places and styles the model into a positioned scene (loads ELK on first use). */
  layout(model: M, env: LayoutEnv, options?: LayoutOptions): Promise<Scene>;
  /** The closest stock Mermaid diagram, as text ending in a newline. */
  toMermaid(model: M): Promise<string>;
  /** The plain-text picture (`-f txt`), one string per line; wide characters count as two columns. */
  toText(model: M): Promise<string[]>;
  /** A model of the same id and fields with no elements: the other side of a diagram only one version has. */
  emptyModel(like: M): M;
  /** Matches the elements of two versions (by id) into entries, a union model and scene marks. */
  diff(before: M, after: M): Promise<D>;
  /** Element types `diff` reports, in the order summaries count them. */
  diffElements: readonly DiffElement[];
  /** The union diagram as text with +, - and ~ marks; the caller adds the summary lines. */
  diffToText(diff: DiagramDiff<M, D>): Promise<string[]>;
  /** What the diff picture needs beyond the layout. */
  diffPicture: DiffPictureHooks<M, D>;
  /** Where ids are declared and used: completion, definition, references, rename and hover in editors. */
  symbols: KindSymbols;
}

export type { Diagnostic };
