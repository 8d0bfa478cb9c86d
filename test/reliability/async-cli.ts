import { spawn } from 'node:child_process';
import { BIN } from '../support/cli.js';

export interface AsyncRun { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }

/** Runs the built CLI in a child process without blocking the test's event loop (a hard timeout kills it). */
export function jfAsync(args: string[], options: { cwd?: string; input?: string; timeoutMs?: number; env?: Record<string, string> } = {}): Promise<AsyncRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: options.cwd, env: { ...process.env, NO_COLOR: '1', JOURNEYFLOW_DEBUG: '', ...options.env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60000);
    child.on('close', (code, signal) => { clearTimeout(timer); resolve({ code, signal, stdout, stderr }); });
    child.stdin.end(options.input ?? '');
  });
}

/** A small valid flow whose start label is `label`. */
export const tinyFlow = (label = 'Start', title = 'tiny') =>
  `kind: flow\ntitle: ${JSON.stringify(title)}\nnodes:\n  - { id: s, type: start, label: ${JSON.stringify(label)} }\n  - { id: e, type: end, label: End }\nedges:\n  - s -> e\n`;
