/*
 * Stock Mermaid 12 for the tests that read our Mermaid output back with it (browser render, the
 * journey and stateDiagram grammars). It is not a devDependency of the project: Mermaid 12 pulls
 * chevrotain 13 and commander 15, which declare Node >= 22, so every `npm install` on Node 20
 * printed EBADENGINE warnings for a package only three test files use. This folder is its own tiny
 * package with its own lock file; the first test that needs it runs `npm ci` here (asynchronously,
 * once, shared by every vitest worker through a lock folder) and later runs find it installed.
 */
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const MERMAID12_ROOT = path.dirname(fileURLToPath(import.meta.url));
const LOCK_FILE = path.join(MERMAID12_ROOT, 'package-lock.json');
/** Written last by a finished install: the hash of the lock file it installed. */
const MARKER = path.join(MERMAID12_ROOT, 'node_modules', '.journeyflow-installed');
/** Held (created atomically) by the one process that installs; holds its pid. */
const BUSY = path.join(MERMAID12_ROOT, '.installing');
const INSTALL_TIMEOUT_MS = 170_000;

const lockHash = () => crypto.createHash('sha256').update(fs.readFileSync(LOCK_FILE)).digest('hex');
const installed = (hash: string) => { try { return fs.readFileSync(MARKER, 'utf8') === hash; } catch { return false; } };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function alive(pid: number): boolean {
  try { process.kill(pid, 0); return true; } catch (err) { return (err as NodeJS.ErrnoException).code === 'EPERM'; }
}

/** npm itself: the one that runs `npm test` when there is one, else the first on PATH. */
function npmCommand(): [string, string[]] {
  const cli = process.env.npm_execpath;
  return cli && /npm-cli\.[cm]?js$/.test(cli) ? [process.execPath, [cli]] : [process.platform === 'win32' ? 'npm.cmd' : 'npm', []];
}

function runNpmCi(): Promise<void> {
  const [cmd, pre] = npmCommand();
  const args = [...pre, 'ci', '--prefix', MERMAID12_ROOT, '--loglevel=error', '--ignore-scripts', '--no-audit', '--no-fund', '--no-update-notifier'];
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: MERMAID12_ROOT, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, npm_config_loglevel: 'error' } });
    let stderr = '';
    child.stderr.on('data', (d) => { stderr += String(d); });
    const timer = setTimeout(() => child.kill('SIGTERM'), INSTALL_TIMEOUT_MS);
    child.once('error', (err) => { clearTimeout(timer); reject(err); });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`could not install Mermaid 12 for the tests (npm ci --prefix test/mermaid12 ${signal ? `killed by ${signal}` : `exited ${code}`}): ${stderr.trim().split('\n').slice(-3).join(' | ')}`));
    });
  });
}

/** Takes the install lock, or says who holds it. A lock left by a dead process is taken over. */
function tryLock(): boolean {
  try {
    fs.mkdirSync(BUSY);
    fs.writeFileSync(path.join(BUSY, 'pid'), String(process.pid));
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    let pid = NaN;
    try { pid = Number(fs.readFileSync(path.join(BUSY, 'pid'), 'utf8')); } catch { /* being written: wait */ }
    let age = 0;
    try { age = Date.now() - fs.statSync(BUSY).mtimeMs; } catch { return false; }
    if ((Number.isInteger(pid) && pid > 0 && !alive(pid)) || (!pid && age > 10_000)) fs.rmSync(BUSY, { recursive: true, force: true });
    return false;
  }
}

/**
 * The folder of the installed `mermaid@12` package (test/mermaid12/node_modules/mermaid), installed
 * first if needed. Rejects with one line naming npm's complaint when the install fails.
 */
export async function mermaid12Dir(): Promise<string> {
  const dir = path.join(MERMAID12_ROOT, 'node_modules', 'mermaid');
  const hash = lockHash();
  const deadline = Date.now() + INSTALL_TIMEOUT_MS + 10_000;
  while (!installed(hash)) {
    if (Date.now() > deadline) throw new Error('gave up waiting for another test process to install Mermaid 12 into test/mermaid12');
    if (!tryLock()) { await sleep(250); continue; }
    try {
      if (!installed(hash)) {
        await runNpmCi();
        fs.writeFileSync(MARKER, hash);
      }
    } finally {
      fs.rmSync(BUSY, { recursive: true, force: true });
    }
  }
  return dir;
}
