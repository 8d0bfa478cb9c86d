/*
 * Folders of the repository that are npm packages of their own, with their own lock file, kept out
 * of the project's install (test/mermaid12, editors/vscode). The first test that needs one runs
 * `npm ci` there (asynchronously, once, shared by every vitest worker through a lock folder); later
 * runs find it installed.
 */
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

const INSTALL_TIMEOUT_MS = 170_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function alive(pid: number): boolean {
  try { process.kill(pid, 0); return true; } catch (err) { return (err as NodeJS.ErrnoException).code === 'EPERM'; }
}

/** npm itself: the one that runs `npm test` when there is one, else the first on PATH. */
function npmCommand(): [string, string[]] {
  const cli = process.env.npm_execpath;
  return cli && /npm-cli\.[cm]?js$/.test(cli) ? [process.execPath, [cli]] : [process.platform === 'win32' ? 'npm.cmd' : 'npm', []];
}

function runNpmCi(root: string, what: string): Promise<void> {
  const [cmd, pre] = npmCommand();
  const args = [...pre, 'ci', '--prefix', root, '--loglevel=error', '--ignore-scripts', '--no-audit', '--no-fund', '--no-update-notifier'];
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: root, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, npm_config_loglevel: 'error' } });
    let stderr = '';
    child.stderr.on('data', (d) => { stderr += String(d); });
    const timer = setTimeout(() => child.kill('SIGTERM'), INSTALL_TIMEOUT_MS);
    child.once('error', (err) => { clearTimeout(timer); reject(err); });
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve();
      else reject(new Error(`could not install ${what} for the tests (npm ci --prefix ${root} ${signal ? `killed by ${signal}` : `exited ${code}`}): ${stderr.trim().split('\n').slice(-3).join(' | ')}`));
    });
  });
}

/** Takes the install lock, or says who holds it. A lock left by a dead process is taken over. */
function tryLock(busy: string): boolean {
  try {
    fs.mkdirSync(busy);
    fs.writeFileSync(path.join(busy, 'pid'), String(process.pid));
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    let pid = NaN;
    try { pid = Number(fs.readFileSync(path.join(busy, 'pid'), 'utf8')); } catch { /* being written: wait */ }
    let age = 0;
    try { age = Date.now() - fs.statSync(busy).mtimeMs; } catch { return false; }
    if ((Number.isInteger(pid) && pid > 0 && !alive(pid)) || (!pid && age > 10_000)) fs.rmSync(busy, { recursive: true, force: true });
    return false;
  }
}

/**
 * Installs the npm package at `root` from its lock file unless it is installed already: by an
 * earlier run of this (a marker holding the lock file's hash) or, when `installedElsewhere` says
 * so, by someone else (CI's own `npm ci --prefix`). Rejects with one line naming npm's complaint.
 */
export async function installNpmFolder(root: string, what: string, installedElsewhere: () => boolean = () => false): Promise<void> {
  const marker = path.join(root, 'node_modules', '.journeyflow-installed');
  const busy = path.join(root, '.installing');
  const hash = crypto.createHash('sha256').update(fs.readFileSync(path.join(root, 'package-lock.json'))).digest('hex');
  const installed = () => { try { return fs.readFileSync(marker, 'utf8') === hash; } catch { return installedElsewhere(); } };
  const deadline = Date.now() + INSTALL_TIMEOUT_MS + 10_000;
  while (!installed()) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for another test process to install ${what} into ${root}`);
    if (!tryLock(busy)) { await sleep(250); continue; }
    try {
      if (!installed()) {
        await runNpmCi(root, what);
        fs.writeFileSync(marker, hash);
      }
    } finally {
      fs.rmSync(busy, { recursive: true, force: true });
    }
  }
}
