import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { BIN, jfProcess, type CliResult, type ProcessResult } from '../support/cli.js';

/** A CLI run, in a process of its own (with a signal) or in-process (no signal). */
export type Run = (ProcessResult | CliResult) & { signal?: NodeJS.Signals | null };

/** Memory cap for every CLI process here: a run that needs more dies with a V8 "heap out of memory" abort. */
export const HEAP_MB = 512;

/**
 * Runs the built CLI in its own process under a 512 MB heap. The timeout only bounds a hang (a run
 * that reads a FIFO, loops or swaps): it is far above any normal run, and a killed run shows as
 * signal SIGKILL, which expectCleanEnd rejects.
 */
export function jfCapped(args: string[], options: { cwd?: string; input?: string; timeoutMs?: number } = {}): Promise<ProcessResult> {
  return jfProcess(args, { timeoutMs: 240000, ...options, nodeArgs: [`--max-old-space-size=${HEAP_MB}`], env: { JOURNEYFLOW_DEBUG: '' } });
}

/** A stack trace line ("    at fn (file.js:1:2)") or a V8 fatal error. */
export const STACK = /^\s+at .+(:\d+:\d+\)?|\(native\)|<anonymous>\)?)$|FATAL ERROR|heap out of memory|node:internal|Error: .*\n\s+at /m;

/** Ended by itself (not killed: no signal, within memory), with exit 0 or 1 and no stack trace. */
export function expectCleanEnd(r: Run): void {
  const where = `exit ${r.code} signal ${r.signal}\n${r.stderr.slice(0, 2000)}`;
  expect(r.signal ?? null, where).toBeNull();
  expect([0, 1], where).toContain(r.code);
  expect(r.stdout + r.stderr, where).not.toMatch(STACK);
}

export interface JsonDiagnostic { file: string; line: number; column: number; endLine: number; endColumn: number; severity: string; rule: string; message: string; path: string }

/** Every diagnostic names a position (line, column ≥ 1), a rule and a message. */
export function expectWellFormed(diagnostics: JsonDiagnostic[], lines?: number): void {
  for (const d of diagnostics) {
    const what = JSON.stringify(d).slice(0, 300);
    expect(Number.isInteger(d.line) && d.line >= 1, what).toBe(true);
    expect(Number.isInteger(d.column) && d.column >= 1, what).toBe(true);
    if (lines !== undefined) expect(d.line, what).toBeLessThanOrEqual(lines + 1);
    expect(typeof d.rule === 'string' && /^[a-z][a-z-]*$/.test(d.rule), what).toBe(true);
    expect(typeof d.message === 'string' && d.message.length > 0, what).toBe(true);
    expect(['error', 'warning'], what).toContain(d.severity);
  }
}

/** Diagnostics of a `--format json` run. */
export function jsonDiagnostics(r: Run): JsonDiagnostic[] {
  // validate prints them on standard output, build on standard error (its output may be a diagram).
  const text = r.stdout.trim().startsWith('[') ? r.stdout : r.stderr;
  expect(text.trim().startsWith('['), r.stdout.slice(0, 300) + r.stderr.slice(0, 300)).toBe(true);
  return JSON.parse(text) as JsonDiagnostic[];
}

/** All files under a folder, relative, sorted. A running build renames its temporaries away while we look: those are skipped. */
export function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true }) as string[]).map(String).filter((f) => fs.lstatSync(path.join(dir, f), { throwIfNoEntry: false })?.isFile()).sort();
}

/** Starts the CLI without waiting (for interrupting it). */
export function jfStart(args: string[], cwd?: string) {
  const child = spawn(process.execPath, [BIN, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  child.stdout.resume();
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stderr })));
  return { child, done };
}

/** A valid flow: start, `n` activities in a row, end. */
export function chainFlow(n: number, label: (i: number) => string = (i) => `step ${i}`, title = 'chain'): string {
  const out = ['kind: flow', `title: ${JSON.stringify(title)}`, 'nodes:', '  - { id: s, type: start, label: Start }'];
  for (let i = 0; i < n; i++) out.push(`  - { id: n${i}, label: ${JSON.stringify(label(i))} }`);
  out.push('  - { id: e, type: end, label: End }', 'edges:', `  - s -> n0`);
  for (let i = 0; i < n - 1; i++) out.push(`  - n${i} -> n${i + 1}`);
  out.push(`  - n${n - 1} -> e`);
  return out.join('\n') + '\n';
}
