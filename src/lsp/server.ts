/**
 * `journeyflow lsp`: a Language Server Protocol server over stdio. A thin adapter: diagnostics come
 * from checkSource (src/compile.ts), ids from the kinds' `symbols`; this file only wires requests.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  CodeActionKind, createConnection, DidChangeWatchedFilesNotification, ProposedFeatures, ResponseError, ErrorCodes, TextDocuments, TextDocumentSyncKind,
  type Connection, type InitializeParams, type ServerCapabilities, type TextDocumentPositionParams,
} from 'vscode-languageserver/node.js';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { completeAt } from './completion.js';
import { diagnose } from './diagnostics.js';
import { codeActionsFor } from './actions.js';
import { foldingOf, outlineOf } from './outline.js';
import { previewAt } from './preview.js';
import { editForMoves, fileRenameAt, NAMED_FILES_GLOB } from './file-rename.js';
import { bufferView, diskView, type BufferView } from './buffer.js';
import { definitionAt, hoverAt, referencesAt, renameAt, renameRangeAt, type Workspace } from './navigation.js';

/** How long typing must pause before a buffer is checked again (initializationOptions.debounceMs). */
const DEFAULT_DEBOUNCE_MS = 150;

/** The file of a `file:` URI; undefined for other schemes (unsaved buffers) and URIs no path can name. */
function fsPathOf(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try { return fileURLToPath(uri); } catch { return undefined; }
}

/** Views of open buffers, made once per version of each. */
class Buffers {
  private readonly views = new Map<string, { version: number; view: BufferView }>();
  constructor(private readonly documents: TextDocuments<TextDocument>) {}

  view(uri: string): BufferView | undefined {
    const doc = this.documents.get(uri);
    if (!doc) return undefined;
    const cached = this.views.get(uri);
    if (cached && cached.version === doc.version) return cached.view;
    const view = bufferView(uri, fsPathOf(uri), doc.getText());
    this.views.set(uri, { version: doc.version, view });
    return view;
  }

  forget(uri: string): void { this.views.delete(uri); }

  /** Files of the open buffers. */
  openPaths(): string[] { return this.documents.all().map((d) => fsPathOf(d.uri)).filter((p): p is string => !!p); }

  /** The open buffer of a file, else the file as it is on disk. */
  fileView(absPath: string): BufferView | undefined {
    const open = this.documents.all().find((d) => fsPathOf(d.uri) === absPath);
    return (open && this.view(open.uri)) || diskView(absPath);
  }
}

function workspaceOf(params: InitializeParams, buffers: Buffers): Workspace {
  const folders = (params.workspaceFolders ?? []).map((f) => fsPathOf(f.uri)).filter((p): p is string => !!p);
  const root = params.rootUri ? fsPathOf(params.rootUri) : undefined;
  const roots = folders.length ? folders : root ? [root] : [];
  return {
    // Without a workspace, the folder of every open diagram is searched.
    roots: () => (roots.length ? roots : [...new Set(buffers.openPaths().map((p) => path.dirname(p)))]),
    view: (absPath) => buffers.fileView(absPath),
  };
}

/** Checks each buffer once typing pauses; one timer per buffer, so buffers never wait on each other. */
function diagnosticsOn(connection: Connection, documents: TextDocuments<TextDocument>, buffers: Buffers, delay: () => number): void {
  const timers = new Map<string, NodeJS.Timeout>();
  const publish = (uri: string) => {
    timers.delete(uri);
    try {
      const view = buffers.view(uri);
      if (view) void connection.sendDiagnostics({ uri, version: documents.get(uri)?.version, diagnostics: diagnose(view) });
    } catch (err) {
      // A timer's exception would end the server; the editor keeps it and hears what went wrong.
      connection.console.error(`journeyflow: cannot check ${uri}: ${(err as Error)?.message ?? String(err)}`);
    }
  };
  const schedule = (uri: string, wait: number) => {
    clearTimeout(timers.get(uri));
    timers.set(uri, setTimeout(() => publish(uri), wait));
  };
  // A newly opened buffer is checked at once; edits wait for a pause in typing.
  const checked = new Set<string>();
  documents.onDidChangeContent((e) => {
    schedule(e.document.uri, checked.has(e.document.uri) ? delay() : 0);
    checked.add(e.document.uri);
  });
  // A buffer's check read the files it names (a theme, data files, `ref` targets): when one changes
  // on disk, the open diagrams naming it are checked again, and no other.
  const recheckNaming = (files: string[]) => {
    const names = files.map((f) => path.basename(f));
    for (const doc of documents.all()) {
      if (!checked.has(doc.uri) || !names.some((name) => doc.getText().includes(name))) continue;
      buffers.forget(doc.uri);
      schedule(doc.uri, delay());
    }
  };
  documents.onDidSave((e) => { const file = fsPathOf(e.document.uri); if (file) recheckNaming([file]); });
  connection.onDidChangeWatchedFiles((p) => recheckNaming(p.changes.map((c) => fsPathOf(c.uri)).filter((f): f is string => !!f)));
  documents.onDidClose((e) => {
    checked.delete(e.document.uri);
    clearTimeout(timers.get(e.document.uri));
    timers.delete(e.document.uri);
    buffers.forget(e.document.uri);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });
}

/** What the server can do, as initialize answers it. */
const CAPABILITIES: ServerCapabilities = {
  textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
  completionProvider: { triggerCharacters: [' ', '>', ',', '[', '{', ':', '/'] },
  definitionProvider: true,
  referencesProvider: true,
  renameProvider: { prepareProvider: true },
  hoverProvider: true,
  codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
  documentSymbolProvider: true,
  foldingRangeProvider: true,
  workspace: {
    // Moving a diagram, theme or data file (or a folder of them) rewrites the paths it breaks.
    fileOperations: {
      willRename: { filters: [{ scheme: 'file', pattern: { glob: NAMED_FILES_GLOB, matches: 'file' } }, { scheme: 'file', pattern: { glob: '**/*', matches: 'folder' } }] },
    },
  },
};

/** What the server needs to know of the client and the workspace it serves. */
interface Session { workspace: Workspace; canRenameFiles: boolean }

/** The requests that read a buffer: each finds the buffer's view and hands it to its feature. */
function featuresOn(connection: Connection, documents: TextDocuments<TextDocument>, buffers: Buffers, session: () => Session): void {
  const workspace = () => session().workspace;
  const at = (p: TextDocumentPositionParams) => {
    const view = buffers.view(p.textDocument.uri);
    const doc = documents.get(p.textDocument.uri);
    return view && doc ? { view, offset: doc.offsetAt(p.position) } : undefined;
  };
  connection.onCompletion((p) => { const a = at(p); return a ? completeAt(a.view.symbols, a.offset, a.view.fsPath, a.view.range) : []; });
  connection.onDefinition((p) => { const a = at(p); return a ? definitionAt(a.view, a.offset) : []; });
  connection.onReferences((p) => { const a = at(p); return a ? referencesAt(a.view, a.offset, p.context.includeDeclaration, workspace()) : []; });
  connection.onHover((p) => { const a = at(p); return (a && hoverAt(a.view, a.offset)) ?? null; });
  connection.onPrepareRename((p) => { const a = at(p); return (a && renameRangeAt(a.view, a.offset)) ?? null; });
  connection.onRenameRequest((p) => {
    const a = at(p);
    const result = a && (fileRenameAt(a.view, a.offset, p.newName, workspace(), session().canRenameFiles) ?? renameAt(a.view, a.offset, p.newName));
    if (result && 'refused' in result) return new ResponseError(ErrorCodes.InvalidRequest, result.refused);
    return result?.edit ?? null;
  });
  connection.workspace.onWillRenameFiles((p) => {
    const moves = p.files.map((f) => ({ from: fsPathOf(f.oldUri), to: fsPathOf(f.newUri) })).filter((m): m is { from: string; to: string } => !!m.from && !!m.to);
    return editForMoves(workspace(), moves);
  });
  connection.onCodeAction((p) => { const view = buffers.view(p.textDocument.uri); return view ? codeActionsFor(view, p.context.diagnostics) : []; });
  connection.onDocumentSymbol((p) => { const view = buffers.view(p.textDocument.uri); return view ? outlineOf(view) : []; });
  connection.onFoldingRanges((p) => { const view = buffers.view(p.textDocument.uri); return view ? foldingOf(view) : []; });
  // A custom request an editor's preview pane sends: the SVG of the document under the cursor.
  connection.onRequest('journeyflow/preview', async (p: TextDocumentPositionParams) => {
    const a = at({ textDocument: p.textDocument, position: p.position ?? { line: 0, character: 0 } });
    return a ? previewAt(a.view, a.offset) : { error: `${p.textDocument.uri} is not open` };
  });
}

/**
 * Runs the server on stdin/stdout (or the given streams: the tests talk to it in their own
 * process) until the client says exit.
 */
export function runLsp(input: NodeJS.ReadableStream = process.stdin, output: NodeJS.WritableStream = process.stdout): Promise<number> {
  // Someone who typed the command sees why nothing happens; an editor never has a terminal here.
  if (input === process.stdin && process.stdin.isTTY) process.stderr.write('journeyflow lsp: a language server speaking LSP on stdin/stdout; an editor starts it (README: "Editor (language server)")\n');
  const connection = createConnection(ProposedFeatures.all, input, output);
  const documents = new TextDocuments(TextDocument);
  const buffers = new Buffers(documents);
  let debounce = DEFAULT_DEBOUNCE_MS;
  let watchFiles = false;
  let session: Session = { workspace: { roots: () => [], view: diskView }, canRenameFiles: false };
  connection.onInitialize((params) => {
    const wanted = Number((params.initializationOptions as { debounceMs?: unknown } | null)?.debounceMs);
    if (Number.isFinite(wanted) && wanted >= 0) debounce = wanted;
    const edits = params.capabilities.workspace?.workspaceEdit;
    session = { workspace: workspaceOf(params, buffers), canRenameFiles: !!edits?.documentChanges && !!edits.resourceOperations?.includes('rename') };
    watchFiles = !!params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    return { capabilities: CAPABILITIES, serverInfo: { name: 'journeyflow' } };
  });
  // Files changed outside the editor (a theme or data file written by a script, a branch checked out).
  connection.onInitialized(() => { if (watchFiles) void connection.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: NAMED_FILES_GLOB }] }); });
  diagnosticsOn(connection, documents, buffers, () => debounce);
  featuresOn(connection, documents, buffers, () => session);
  documents.listen(connection);
  return new Promise((resolve) => {
    connection.onExit(() => resolve(0));
    connection.listen();
  });
}
