/**
 * A real LSP client for the tests, talking JSON-RPC to the server over streams: by default to the
 * server of src/lsp running in this process (so the tests prove the source and count in coverage),
 * or, with `{ process: true }`, to `node bin/journeyflow.js lsp --stdio` spawned as an editor would.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { PassThrough } from 'node:stream';
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
  /** Every publication for `uri` received so far, in order. */
  publications(uri: string): PublishDiagnosticsParams[];
  stderr(): string;
  close(): Promise<void>;
}

interface Transport { reader: NodeJS.ReadableStream; writer: NodeJS.WritableStream; stderr: () => string; end: () => Promise<void> }

/** The built CLI in a child process; it ends when told to exit. */
function processTransport(): Transport {
  const child: ChildProcess = spawn(process.execPath, [BIN, 'lsp', '--stdio'], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d) => { stderr += String(d); });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return { reader: child.stdout!, writer: child.stdin!, stderr: () => stderr, end: () => exited };
}

/**
 * The server in this process. vscode-languageserver ends the process on `exit` or when its input
 * closes, so the test side says `shutdown` and then just stops talking; the idle server goes with
 * the test worker.
 */
async function inProcessTransport(): Promise<Transport> {
  const { runLsp } = await import('../../src/lsp/server.js');
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  void runLsp(toServer, toClient);
  return { reader: toClient, writer: toServer, stderr: () => '', end: async () => {} };
}

export async function startClient(rootDir: string, initializationOptions: Record<string, unknown> = { debounceMs: 20 }, capabilities: Record<string, unknown> = {}, options: { process?: boolean } = {}): Promise<TestClient> {
  const transport = options.process ? processTransport() : await inProcessTransport();
  const connection = createProtocolConnection(new StreamMessageReader(transport.reader), new StreamMessageWriter(transport.writer));
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
    publications: (uri) => published.filter((p) => p.uri === uri),
    async diagnostics(uri, version) {
      return (await this.published(uri, (p) => version === undefined || p.version === version)).diagnostics;
    },
    stderr: transport.stderr,
    async close() {
      await connection.sendRequest('shutdown');
      if (options.process) await connection.sendNotification('exit');
      await transport.end();
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
