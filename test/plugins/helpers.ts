import { spawn } from 'node:child_process';
import { BIN, ROOT } from '../support/cli.js';

export interface Run { code: number | null; stdout: string; stderr: string }

/** Runs a command as a child process without blocking the test runner's event loop. */
export function run(command: string, args: string[], options: { cwd?: string; env?: Record<string, string>; timeoutMs?: number } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd ?? ROOT, env: { ...process.env, NO_COLOR: '1', ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 150_000);
    child.once('error', reject);
    child.once('close', (code) => { clearTimeout(timer); resolve({ code, stdout, stderr }); });
  });
}

/** The built CLI, as a user runs it. */
export const jfAsync = (args: string[], options: { cwd?: string } = {}): Promise<Run> => run(process.execPath, [BIN, ...args], options);
