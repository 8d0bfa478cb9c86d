/**
 * A real LSP client for the tests: spawns `node bin/journeyflow.js lsp --stdio` (the built CLI, as
 * an editor would) and talks JSON-RPC to it over the child's stdin/stdout.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import {
  createProtocolConnection, StreamMessageReader, StreamMessageWriter, PublishDiagnosticsNotification,
  type Diagnostic, type ProtocolConnection, type PublishDiagnosticsParams, type Range, type ServerCapabilities, type TextEdit,
} from 'vscode-languageserver/node.js';
import { BIN, ROOT } from '../support/cli.js';

export interface TestClient {
  connection: ProtocolConnection;
  /** What the server answered to initialize. */
  capabilities: ServerCapabilities;
  open(file: string, text: string): Promise<string>;
  change(uri: string, version: number, changes: Array<{ range?: { start: { line: number; character: number }; end: { line: number; character: number } }; text: string }>): Promise<void>;
  /** The first diagnostics published for `uri` (at `version`, when given) from now or already received. */
  diagnostics(uri: string, version?: number): Promise<Diagnostic[]>;
  /** The first publication for `uri` that `match` accepts, from now or already received. */
  published(uri: string, match: (p: PublishDiagnosticsParams) => boolean): Promise<PublishDiagnosticsParams>;
  stderr(): string;
  close(): Promise<void>;
}

export async function startClient(rootDir: string, initializationOptions: Record<string, unknown> = { debounceMs: 20 }, capabilities: Record<string, unknown> = {}): Promise<TestClient> {
  const child: ChildProcess = spawn(process.execPath, [BIN, 'lsp', '--stdio'], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d) => { stderr += String(d); });
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const published: PublishDiagnosticsParams[] = [];
  const waiters: Array<() => void> = [];
  connection.onNotification(PublishDiagnosticsNotification.type, (p) => { published.push(p); waiters.splice(0).forEach((w) => w()); });
  connection.listen();
  const rootUri = pathToFileURL(rootDir).href;
  const { capabilities: serverCapabilities } = await connection.sendRequest('initialize', { processId: process.pid, rootUri, workspaceFolders: [{ uri: rootUri, name: 'test' }], capabilities, initializationOptions }) as { capabilities: ServerCapabilities };
  await connection.sendNotification('initialized', {});
  const versions = new Map<string, number>();
  return {
    connection,
    capabilities: serverCapabilities,
    async open(file, text) {
      const uri = pathToFileURL(file).href;
      versions.set(uri, 1);
      await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
      return uri;
    },
    async change(uri, version, contentChanges) {
      versions.set(uri, version);
      await connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges });
    },
    published(uri, match) {
      return new Promise((resolve) => {
        const check = () => { const hit = published.find((p) => p.uri === uri && match(p)); if (hit) resolve(hit); else waiters.push(check); };
        check();
      });
    },
    async diagnostics(uri, version) {
      return (await this.published(uri, (p) => version === undefined || p.version === version)).diagnostics;
    },
    stderr: () => stderr,
    async close() {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      await connection.sendRequest('shutdown');
      await connection.sendNotification('exit');
      await exited;
      connection.dispose();
    },
  };
}

/** The LSP position of the `n`-th (0-based) occurrence of `needle` in `text`, plus `shift` characters. */
export function positionOf(text: string, needle: string, shift = 0, n = 0): { line: number; character: number } {
  let at = -1;
  for (let i = 0; i <= n; i++) { at = text.indexOf(needle, at + 1); if (at === -1) throw new Error(`"${needle}" (#${n}) not in the text`); }
  const offset = at + shift;
  const before = text.slice(0, offset);
  const line = before.split('\n').length - 1;
  return { line, character: offset - (before.lastIndexOf('\n') + 1) };
}

/** Applies non-overlapping edits to a text (as a client does with a rename's WorkspaceEdit). */
export function applyEdits(text: string, edits: TextEdit[]): string {
  const lines = text.split('\n');
  const offset = (p: Range['start']) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  return [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start))
    .reduce((t, e) => t.slice(0, offset(e.range.start)) + e.newText + t.slice(offset(e.range.end)), text);
}
