import { spawn } from 'node:child_process';
import { expect } from 'vitest';
import { BIN } from '../support/cli.js';
import { HEAP_MB, STACK, type Run } from './helpers.js';

/**
 * Runs the built CLI as a child process without blocking the test thread, under the same 512 MB
 * heap as jfCapped. `killAfterMs` only stops a hung run (it then fails on its signal); no test
 * here asserts a duration.
 */
export function jfAsync(args: string[], options: { cwd?: string; input?: string; killAfterMs?: number; env?: Record<string, string> } = {}): Promise<Run> {
  const t0 = Date.now();
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [`--max-old-space-size=${HEAP_MB}`, BIN, ...args], {
      cwd: options.cwd, stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1', JOURNEYFLOW_DEBUG: '', ...options.env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => { stdout += d; });
    child.stderr.setEncoding('utf8').on('data', (d: string) => { stderr += d; });
    const timer = setTimeout(() => child.kill('SIGKILL'), options.killAfterMs ?? 90000);
    child.on('close', (code, signal) => { clearTimeout(timer); resolve({ code, signal, stdout, stderr, ms: Date.now() - t0 }); });
    child.stdin.end(options.input ?? '');
  });
}

/** Ended by itself with exit 0 or 1 and no stack trace (no duration is asserted). */
export function expectAnswered(r: Run): void {
  const where = `exit ${r.code} signal ${r.signal}\n${r.stderr.slice(0, 2000)}`;
  expect(r.signal, where).toBeNull();
  expect([0, 1], where).toContain(r.code);
  expect(r.stdout + r.stderr, where).not.toMatch(STACK);
}
