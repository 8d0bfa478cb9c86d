/**
 * The part of the `vscode` extension API that the journeyflow extension and the
 * vscode-languageclient bundled in it touch, implemented after VS Code's documented behaviour
 * (vscode.d.ts 1.90) so the packed extension can be driven without VS Code, which cannot be
 * downloaded here. Uri is vscode-uri, VS Code's own implementation published apart (a development
 * dependency of editors/vscode, so import this module once that folder is installed). What VS Code
 * would render (diagnostics, webviews, output) is recorded for the test to read.
 */
import { createRequire } from 'node:module';
import { TextDocument as Text } from 'vscode-languageserver-textdocument';
import type * as VscodeUri from 'vscode-uri';
import { ROOT } from '../support/cli.js';

const { URI, Utils } = createRequire(`${ROOT}/editors/vscode/package.json`)('vscode-uri') as typeof VscodeUri;
type URI = VscodeUri.URI;

type Listener<T> = (e: T) => unknown;

export class Disposable {
  static from(...items: Array<{ dispose(): unknown }>): Disposable { return new Disposable(() => items.forEach((i) => i.dispose())); }
  constructor(private readonly onDispose: () => unknown) {}
  dispose(): void { this.onDispose(); }
}

export class EventEmitter<T> {
  private listeners: Array<Listener<T>> = [];
  readonly event = (listener: Listener<T>, thisArg?: unknown, disposables?: Disposable[]): Disposable => {
    const bound: Listener<T> = (e) => listener.call(thisArg, e);
    this.listeners.push(bound);
    const d = new Disposable(() => { this.listeners = this.listeners.filter((l) => l !== bound); });
    disposables?.push(d);
    return d;
  };
  fire(e: T): void { [...this.listeners].forEach((l) => l(e)); }
  dispose(): void { this.listeners = []; }
}

export class CancellationError extends Error {}
export class CancellationTokenSource {
  private readonly emitter = new EventEmitter<void>();
  token = { isCancellationRequested: false, onCancellationRequested: this.emitter.event };
  cancel(): void { this.token.isCancellationRequested = true; this.emitter.fire(); }
  dispose(): void { this.emitter.dispose(); }
}

export class Position {
  constructor(readonly line: number, readonly character: number) {}
  isEqual(o: Position): boolean { return o.line === this.line && o.character === this.character; }
}
export class Range {
  readonly start: Position;
  readonly end: Position;
  constructor(a: Position | number, b: Position | number, c?: number, d?: number) {
    this.start = typeof a === 'number' ? new Position(a, b as number) : a;
    this.end = typeof a === 'number' ? new Position(c!, d!) : (b as Position);
  }
}
export class Selection extends Range {
  constructor(readonly anchor: Position, readonly active: Position) { super(anchor, active); }
}
export class Location { constructor(readonly uri: URI, readonly range: Range) {} }
export enum DiagnosticSeverity { Error = 0, Warning = 1, Information = 2, Hint = 3 }
export enum DiagnosticTag { Unnecessary = 1, Deprecated = 2 }
export class DiagnosticRelatedInformation { constructor(readonly location: Location, readonly message: string) {} }
export class Diagnostic {
  code?: string | number | { value: string | number; target: URI };
  source?: string;
  tags?: DiagnosticTag[];
  relatedInformation?: DiagnosticRelatedInformation[];
  constructor(readonly range: Range, readonly message: string, readonly severity = DiagnosticSeverity.Error) {}
}
export class MarkdownString { constructor(public value = '', public supportThemeIcons = false) {} isTrusted?: boolean; supportHtml?: boolean; baseUri?: URI }
export class TextEdit { constructor(readonly range: Range, readonly newText: string) {} }
/** Text edits and file renames in order, as VS Code applies them. */
export class WorkspaceEdit {
  readonly operations: Array<{ uri: URI; edit: TextEdit } | { rename: { from: URI; to: URI } }> = [];
  replace(uri: URI, range: Range, newText: string): void { this.operations.push({ uri, edit: new TextEdit(range, newText) }); }
  insert(uri: URI, at: Position, newText: string): void { this.replace(uri, new Range(at, at), newText); }
  delete(uri: URI, range: Range): void { this.replace(uri, range, ''); }
  set(uri: URI, edits: TextEdit[]): void { edits.forEach((edit) => this.operations.push({ uri, edit })); }
  renameFile(from: URI, to: URI): void { this.operations.push({ rename: { from, to } }); }
  get size(): number { return new Set(this.operations.map((o) => ('uri' in o ? o.uri.toString() : o.rename.from.toString()))).size; }
}
// Classes vscode-languageclient subclasses when it loads; their constructors keep what vscode.d.ts says they take.
export class CompletionItem { constructor(public label: string | { label: string }, public kind?: number) {} }
/** Hierarchical kinds ("refactor.extract"), as vscode.d.ts defines them. */
export class CodeActionKind {
  static readonly Empty = new CodeActionKind('');
  static readonly QuickFix = new CodeActionKind('quickfix');
  static readonly Refactor = new CodeActionKind('refactor');
  static readonly RefactorExtract = new CodeActionKind('refactor.extract');
  static readonly RefactorInline = new CodeActionKind('refactor.inline');
  static readonly RefactorRewrite = new CodeActionKind('refactor.rewrite');
  static readonly Source = new CodeActionKind('source');
  static readonly SourceOrganizeImports = new CodeActionKind('source.organizeImports');
  static readonly SourceFixAll = new CodeActionKind('source.fixAll');
  constructor(readonly value: string) {}
  append(part: string): CodeActionKind { return new CodeActionKind(this.value ? `${this.value}.${part}` : part); }
  contains(other: CodeActionKind): boolean { return this.value === other.value || other.value.startsWith(`${this.value}.`) || !this.value; }
  intersects(other: CodeActionKind): boolean { return this.contains(other) || other.contains(this); }
}
export class CodeAction { edit?: WorkspaceEdit; diagnostics?: Diagnostic[]; isPreferred?: boolean; constructor(public title: string, public kind?: unknown) {} }
export class CodeLens { constructor(public range: Range, public command?: unknown) {} }
export class DocumentLink { constructor(public range: Range, public target?: URI) {} }
export class InlayHint { constructor(public position: Position, public label: string | unknown[], public kind?: number) {} }
export class SymbolInformation { constructor(public name: string, public kind: number, public containerName: string, public location: Location) {} }
export class CallHierarchyItem { constructor(public kind: number, public name: string, public detail: string, public uri: URI, public range: Range, public selectionRange: Range) {} }
export class TypeHierarchyItem { constructor(public kind: number, public name: string, public detail: string, public uri: URI, public range: Range, public selectionRange: Range) {} }
export enum ViewColumn { Active = -1, Beside = -2, One = 1, Two = 2 }
export enum ProgressLocation { SourceControl = 1, Window = 10, Notification = 15 }
export enum FileType { Unknown = 0, File = 1, Directory = 2, SymbolicLink = 64 }
export enum TextDocumentSaveReason { Manual = 1, AfterDelay = 2, FocusOut = 3 }
export class TabInputText { constructor(readonly uri: URI) {} }
export class TabInputTextDiff { constructor(readonly original: URI, readonly modified: URI) {} }
export class TabInputCustom { constructor(readonly uri: URI, readonly viewType: string) {} }
export const Uri = Object.assign(URI, { joinPath: Utils.joinPath });

/** A text document as VS Code keeps it: versioned, edited through the fake workspace. */
export class FakeTextDocument {
  private text: Text;
  isClosed = false;
  isDirty = false;
  readonly eol = 1;
  constructor(readonly uri: URI, readonly languageId: string, content: string) { this.text = Text.create(uri.toString(), languageId, 1, content); }
  get version(): number { return this.text.version; }
  get fileName(): string { return this.uri.fsPath; }
  get isUntitled(): boolean { return this.uri.scheme === 'untitled'; }
  get lineCount(): number { return this.text.lineCount; }
  getText(range?: Range): string { return this.text.getText(range); }
  positionAt(offset: number): Position { const p = this.text.positionAt(offset); return new Position(p.line, p.character); }
  offsetAt(p: Position): number { return this.text.offsetAt(p); }
  /** Replaces a range (VS Code's TextDocumentContentChangeEvent for it comes back). */
  apply(range: Range, newText: string): { range: Range; rangeOffset: number; rangeLength: number; text: string } {
    const rangeOffset = this.offsetAt(range.start);
    const rangeLength = this.offsetAt(range.end) - rangeOffset;
    this.text = Text.update(this.text, [{ range, text: newText }], this.text.version + 1);
    this.isDirty = true;
    return { range, rangeOffset, rangeLength, text: newText };
  }
}

export interface FakeWebviewPanel {
  viewType: string;
  title: string;
  options: Record<string, unknown>;
  webview: { html: string; options: Record<string, unknown>; cspSource: string };
  revealed: number;
  disposed: boolean;
}

type Selector = string | { language?: string; scheme?: string; pattern?: string } | ReadonlyArray<string | { language?: string; scheme?: string; pattern?: string }>;

function matchScore(selector: Selector, doc: { uri: URI; languageId: string }): number {
  if (Array.isArray(selector)) return Math.max(0, ...selector.map((s) => matchScore(s, doc)));
  const s = typeof selector === 'string' ? { language: selector } : (selector as { language?: string; scheme?: string; pattern?: string });
  if (s.language && s.language !== '*' && s.language !== doc.languageId) return 0;
  if (s.scheme && s.scheme !== '*' && s.scheme !== doc.uri.scheme) return 0;
  if (s.pattern) return 0; // no selector of ours uses one; refuse rather than guess
  return s.language === doc.languageId ? 10 : 5;
}

/** A fake VS Code: the `vscode` module's exports, plus handles for the test. */
export function fakeVscode(options: { folders: string[]; settings?: Record<string, unknown>; trusted?: boolean }) {
  const events = {
    open: new EventEmitter<FakeTextDocument>(), close: new EventEmitter<FakeTextDocument>(),
    change: new EventEmitter<{ document: FakeTextDocument; contentChanges: unknown[]; reason: undefined }>(),
    save: new EventEmitter<FakeTextDocument>(), willSave: new EventEmitter<unknown>(),
    activeEditor: new EventEmitter<unknown>(), selection: new EventEmitter<unknown>(),
    willRename: new EventEmitter<{ files: Array<{ oldUri: URI; newUri: URI }>; waitUntil(p: Thenable<WorkspaceEdit>): void }>(),
    never: new EventEmitter<never>(),
  };
  const documents: FakeTextDocument[] = [];
  const diagnostics = new Map<string, Diagnostic[]>();
  const commands = new Map<string, (...args: unknown[]) => unknown>();
  const panels: FakeWebviewPanel[] = [];
  const output: string[] = [];
  const messages: string[] = [];
  const registered: string[] = [];
  let activeTextEditor: { document: FakeTextDocument; selection: Selection } | undefined;

  const languages = new Proxy({
    match: (selector: Selector, doc: FakeTextDocument) => matchScore(selector, doc),
    createDiagnosticCollection: (name: string) => ({
      name,
      set: (uri: URI, list: Diagnostic[] | undefined) => { diagnostics.set(uri.toString(), list ?? []); },
      delete: (uri: URI) => { diagnostics.delete(uri.toString()); },
      get: (uri: URI) => diagnostics.get(uri.toString()),
      has: (uri: URI) => diagnostics.has(uri.toString()),
      clear: () => diagnostics.clear(),
      forEach: (f: (uri: URI, d: Diagnostic[]) => void) => diagnostics.forEach((d, u) => f(URI.parse(u), d)),
      dispose: () => diagnostics.clear(),
    }),
  } as Record<string, unknown>, {
    // Every languages.register…Provider: recorded, and disposable as in VS Code.
    get: (target, name: string) => name in target ? target[name] : name.startsWith('register') ? () => { registered.push(name); return new Disposable(() => {}); } : undefined,
  });

  const settings = options.settings ?? {};
  const outputChannel = (name: string) => ({
    name, append: (s: string) => output.push(s), appendLine: (s: string) => output.push(`${s}\n`), replace: (s: string) => output.push(s),
    clear() {}, show() {}, hide() {}, dispose() {},
  });
  const vscode = {
    version: '1.90.0',
    Uri, Disposable, EventEmitter, CancellationError, CancellationTokenSource, Position, Range, Selection, Location,
    Diagnostic, DiagnosticSeverity, DiagnosticTag, DiagnosticRelatedInformation, MarkdownString, TextEdit, WorkspaceEdit,
    CompletionItem, CodeAction, CodeActionKind, CodeLens, DocumentLink, InlayHint, SymbolInformation, CallHierarchyItem, TypeHierarchyItem,
    ViewColumn, ProgressLocation, FileType, TextDocumentSaveReason, TabInputText, TabInputTextDiff, TabInputCustom,
    env: { appName: 'Visual Studio Code (journeyflow test double)', language: 'en', openExternal: async () => true },
    commands: {
      registerCommand: (id: string, run: (...args: unknown[]) => unknown) => { commands.set(id, run); return new Disposable(() => commands.delete(id)); },
      executeCommand: async (id: string, ...args: unknown[]) => { const run = commands.get(id); if (!run) throw new Error(`command '${id}' not found`); return run(...args); },
    },
    languages,
    window: {
      get activeTextEditor() { return activeTextEditor; },
      get visibleTextEditors() { return activeTextEditor ? [activeTextEditor] : []; },
      tabGroups: { all: [], onDidChangeTabs: events.never.event, onDidChangeTabGroups: events.never.event },
      onDidChangeActiveTextEditor: events.activeEditor.event,
      onDidChangeVisibleTextEditors: events.never.event,
      onDidChangeTextEditorSelection: events.selection.event,
      createOutputChannel: outputChannel,
      showErrorMessage: async (m: string) => { messages.push(`error: ${m}`); return undefined; },
      showWarningMessage: async (m: string) => { messages.push(`warning: ${m}`); return undefined; },
      showInformationMessage: async (m: string) => { messages.push(`info: ${m}`); return undefined; },
      withProgress: async (_o: unknown, task: (p: unknown, t: unknown) => unknown) => task({ report() {} }, new CancellationTokenSource().token),
      createWebviewPanel: (viewType: string, title: string, _show: unknown, panelOptions: Record<string, unknown> = {}) => {
        const dispose = new EventEmitter<void>();
        const panel: FakeWebviewPanel & Record<string, unknown> = {
          viewType, title, options: panelOptions, revealed: 0, disposed: false,
          webview: { html: '', options: panelOptions, cspSource: 'vscode-webview://fake' },
          reveal: () => { panel.revealed++; },
          onDidDispose: dispose.event,
          onDidChangeViewState: events.never.event,
          dispose: () => { if (!panel.disposed) { panel.disposed = true; dispose.fire(); } },
        };
        panels.push(panel);
        return panel;
      },
    },
    workspace: {
      get textDocuments() { return documents.filter((d) => !d.isClosed); },
      get workspaceFolders() { return options.folders.map((f, index) => ({ uri: URI.file(f), name: f, index })); },
      isTrusted: options.trusted ?? true,
      notebookDocuments: [],
      getConfiguration: (section?: string) => ({
        get: (key: string, fallback?: unknown) => settings[section ? `${section}.${key}` : key] ?? fallback,
        has: (key: string) => (section ? `${section}.${key}` : key) in settings,
        inspect: () => undefined, update: async () => {},
      }),
      getWorkspaceFolder: (uri: URI) => vscode.workspace.workspaceFolders.find((f) => uri.fsPath.startsWith(f.uri.fsPath)),
      onDidOpenTextDocument: events.open.event, onDidCloseTextDocument: events.close.event,
      onDidChangeTextDocument: events.change.event, onDidSaveTextDocument: events.save.event, onWillSaveTextDocument: events.willSave.event,
      onDidChangeConfiguration: events.never.event, onDidChangeWorkspaceFolders: events.never.event,
      onWillRenameFiles: events.willRename.event, onDidRenameFiles: events.never.event,
      onWillCreateFiles: events.never.event, onDidCreateFiles: events.never.event, onWillDeleteFiles: events.never.event, onDidDeleteFiles: events.never.event,
      onDidOpenNotebookDocument: events.never.event, onDidCloseNotebookDocument: events.never.event,
      onDidChangeNotebookDocument: events.never.event, onDidSaveNotebookDocument: events.never.event,
      applyEdit: async () => true,
    },
  };

  const test = {
    diagnostics, panels, output, messages, registered,
    /** Opens a document and makes it the active editor, as clicking it in the explorer does. */
    open(file: string, text: string, languageId = 'yaml'): FakeTextDocument {
      const doc = new FakeTextDocument(URI.file(file), languageId, text);
      documents.push(doc);
      events.open.fire(doc);
      activeTextEditor = { document: doc, selection: new Selection(new Position(0, 0), new Position(0, 0)) };
      events.activeEditor.fire(activeTextEditor);
      return doc;
    },
    /** Types `text` in place of `range` of an open document. */
    edit(doc: FakeTextDocument, range: Range, text: string): void {
      events.change.fire({ document: doc, contentChanges: [doc.apply(range, text)], reason: undefined });
    },
    /** What VS Code does before moving files in its explorer: asks every listener for edits, and waits for them. */
    async willRename(files: Array<{ from: string; to: string }>): Promise<WorkspaceEdit[]> {
      const waits: Array<Thenable<WorkspaceEdit>> = [];
      events.willRename.fire({ files: files.map((f) => ({ oldUri: URI.file(f.from), newUri: URI.file(f.to) })), waitUntil: (p) => { waits.push(p); } });
      return (await Promise.all(waits)).filter((e) => !!e);
    },
    run: (id: string, ...args: unknown[]) => vscode.commands.executeCommand(id, ...args),
  };
  return { vscode, test };
}
