import type { Diagnostic, Severity } from '../diagnostics/diagnostic.js';
import type { Path, SourceDocument, SourceSpan } from '../load/document.js';
import type { Limits } from '../load/limits.js';
import type { Theme } from '../render/themes.js';
import type { Scene } from '../scene/types.js';

export type DiagramKind = 'flow' | 'journey' | 'lifecycle';

/** Fields every document has (SPEC §1). */
export interface CommonModel {
  kind: DiagramKind;
  id: string;
  title: string;
  description: string;
  theme: string;
}

/**
 * Where a `ref` / `flow` link points, once checked to exist inside the tree being built; absPath is
 * absent when the compile has no file access (the path was then checked by its text only).
 */
export type ReferenceCheck = { ok: true; absPath?: string; relative: string } | { ok: false; reason: string };

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

/** Everything a diagram kind brings: schema, model builder, rules, layout and Mermaid writer. */
export interface KindDefinition<M extends CommonModel = CommonModel> {
  kind: DiagramKind;
  /** Elements counted against Limits.maxElements, by JSON path of their arrays. */
  countedArrays: readonly string[][];
  buildModel(doc: SourceDocument, common: CommonModel): M;
  rules: ReadonlyArray<Rule<M>>;
  layout(model: M, env: LayoutEnv): Promise<Scene>;
  toMermaid(model: M): Promise<string>;
}

export interface CompileContext {
  limits: Limits;
  /** Root of the folder tree being built: references may not leave it. */
  root: string;
}

export type { Diagnostic };
