import { spawn } from 'node:child_process';
import { BIN, ROOT } from '../support/cli.js';

export interface Ran { code: number | null; stdout: string; stderr: string }

/** Runs a command to its end without blocking the test worker (vitest reports through it meanwhile). */
export function run(cmd: string, args: string[], options: { cwd?: string; env?: Record<string, string | undefined> } = {}): Promise<Ran> {
  return new Promise((resolve, reject) => {
    // An undefined value removes that variable for the child.
    const env = Object.fromEntries(Object.entries({ ...process.env, NO_COLOR: '1', ...options.env }).filter(([, v]) => v !== undefined)) as Record<string, string>;
    const child = spawn(cmd, args, { cwd: options.cwd ?? ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => { stdout += String(d); });
    child.stderr.on('data', (d) => { stderr += String(d); });
    child.once('error', reject);
    child.once('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The CLI as a user runs it (bin/journeyflow.js), or another copy of the launcher. */
export const runCli = (args: string[], options: { cwd?: string; env?: Record<string, string | undefined>; bin?: string } = {}): Promise<Ran> =>
  run(process.execPath, [options.bin ?? BIN, ...args], options);
