#!/usr/bin/env node
// The language server's typing latency (issue 22): `journeyflow lsp` in a child process, a
// 500-node flow open, one-character edits; the time from sending didChange to receiving the
// diagnostics of that version (debounce set to 0, so this is the check itself plus the protocol).
// Not a test: nothing here fails. `--quick` types fewer keystrokes.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter, PublishDiagnosticsNotification } from 'vscode-languageserver/node.js';
import { generateFlow } from './generate.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(ROOT, 'bin', 'journeyflow.js');
const KEYSTROKES = process.argv.includes('--quick') ? 20 : 100;
const WARM_UP = 10;
const TARGET_MS = 50;

const child = spawn(process.execPath, [BIN, 'lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
const connection = createProtocolConnection(new StreamMessageReader(child.stdout), new StreamMessageWriter(child.stdin));
const waiting = new Map();
connection.onNotification(PublishDiagnosticsNotification.type, (p) => { waiting.get(p.version)?.(); waiting.delete(p.version); });
connection.listen();
await connection.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: {}, initializationOptions: { debounceMs: 0 } });
await connection.sendNotification('initialized', {});

const text = generateFlow(500);
const uri = pathToFileURL(path.join(ROOT, 'bench-500.flow.yaml')).href;
const published = (version) => new Promise((resolve) => waiting.set(version, resolve));
let done = published(1);
await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
await done;

// Each keystroke types one more character at the end of the title line.
const titleEnd = { line: text.split('\n').findIndex((l) => l.startsWith('title:')), character: text.split('\n').find((l) => l.startsWith('title:')).length };
const times = [];
for (let v = 2; v < 2 + WARM_UP + KEYSTROKES; v++) {
  done = published(v);
  const t = performance.now();
  await connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [{ range: { start: titleEnd, end: titleEnd }, text: 'x' }] });
  await done;
  if (v >= 2 + WARM_UP) times.push(performance.now() - t);
  titleEnd.character++;
}
await connection.sendRequest('shutdown');
await connection.sendNotification('exit');

const sorted = [...times].sort((a, b) => a - b);
const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
console.log(`journeyflow lsp — ${KEYSTROKES} keystrokes after ${WARM_UP} warm-up, debounce 0`);
const verdict = at(0.5) <= TARGET_MS ? 'met' : 'not met';
console.log(`a keystroke in a 500-node flow → diagnostics published: median ${at(0.5).toFixed(1)} ms, p90 ${at(0.9).toFixed(1)} ms, max ${sorted[sorted.length - 1].toFixed(1)} ms (goal ≤ ${TARGET_MS} ms warm, median: ${verdict})`);
