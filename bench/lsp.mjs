#!/usr/bin/env node
// The language server's typing latency (issue 22): `journeyflow lsp` in a child process, a
// 500-node flow open, one-character edits; the time from sending didChange to receiving the
// diagnostics of that version (debounce set to 0, so this is the check itself plus the protocol).
// Not a test: nothing here fails. `--quick` types fewer keystrokes; `--editor` also asks, after each
// keystroke, what VS Code asks after each change (outline and folding ranges) and waits for those
// answers too; `--cpu-prof <dir>` writes a V8
// CPU profile of the server process there (open it in Chrome DevTools or speedscope).
// The machine is shared, so wall time says as much about the neighbours as about the server: the
// server's own CPU time per keystroke is printed too, read from /proc/<pid>/stat (Linux) as its
// user + system time over all keystrokes, which no waiting for a core can inflate.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createProtocolConnection, StreamMessageReader, StreamMessageWriter, PublishDiagnosticsNotification } from 'vscode-languageserver/node.js';
import { generateFlow } from './generate.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(ROOT, 'bin', 'journeyflow.js');
const KEYSTROKES = process.argv.includes('--quick') ? 20 : 100;
const EDITOR = process.argv.includes('--editor');
const WARM_UP = 10;
const TARGET_MS = 50;
const profileDir = process.argv.includes('--cpu-prof') ? path.resolve(process.argv[process.argv.indexOf('--cpu-prof') + 1] ?? '.') : undefined;

/** User + system CPU time of a process so far, in ms (undefined where there is no /proc). */
function cpuMs(pid) {
  try {
    // Fields after the command name (which is in parentheses and may hold spaces): utime is the 12th, stime the 13th.
    const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /s, '').split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return undefined;
  }
}
/** The kernel's clock ticks per second, in which /proc counts CPU time (100 on every Linux build in use). */
const CLOCK_TICKS = 100;

const nodeFlags = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
const child = spawn(process.execPath, [...nodeFlags, BIN, 'lsp', '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
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
let cpuBefore;
for (let v = 2; v < 2 + WARM_UP + KEYSTROKES; v++) {
  done = published(v);
  if (v === 2 + WARM_UP) cpuBefore = cpuMs(child.pid);
  const t = performance.now();
  await connection.sendNotification('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [{ range: { start: titleEnd, end: titleEnd }, text: 'x' }] });
  const asked = EDITOR ? ['textDocument/documentSymbol', 'textDocument/foldingRange'].map((m) => connection.sendRequest(m, { textDocument: { uri } })) : [];
  await Promise.all([done, ...asked]);
  if (v >= 2 + WARM_UP) times.push(performance.now() - t);
  titleEnd.character++;
}
const cpuAfter = cpuMs(child.pid);
await connection.sendRequest('shutdown');
await connection.sendNotification('exit');

const sorted = [...times].sort((a, b) => a - b);
const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
console.log(`journeyflow lsp — ${KEYSTROKES} keystrokes after ${WARM_UP} warm-up, debounce 0${EDITOR ? ', each followed by documentSymbol and foldingRange requests' : ''}`);
const verdict = at(0.5) <= TARGET_MS ? 'met' : 'not met';
const load = os.loadavg().map((l) => l.toFixed(2)).join(', ');
console.log(`load average ${load} on ${os.availableParallelism()} cores`);
console.log(`a keystroke in a 500-node flow → diagnostics published${EDITOR ? ', outline and folding answered' : ''}: median ${at(0.5).toFixed(1)} ms, p90 ${at(0.9).toFixed(1)} ms, max ${sorted[sorted.length - 1].toFixed(1)} ms (goal ≤ ${TARGET_MS} ms warm, median: ${verdict})`);
if (cpuBefore !== undefined && cpuAfter !== undefined) {
  console.log(`server CPU time per keystroke (user + system, mean of ${KEYSTROKES}): ${((cpuAfter - cpuBefore) / KEYSTROKES).toFixed(1)} ms`);
}
// V8 writes the profile as the server exits.
if (profileDir) { if (child.exitCode === null) await new Promise((resolve) => child.once('exit', resolve)); console.log(`CPU profile of the server in ${profileDir}`); }
