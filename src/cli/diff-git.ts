/**
 * The old side of `journeyflow diff --git <rev>`: a file's text at a revision, read with
 * `git show <rev>:<path>` in the file's own repository (no checkout, nothing written).
 */
import fs from 'node:fs';
import path from 'node:path';
import { UsageError } from './inputs.js';
import { showControls } from '../diagnostics/terminal-text.js';
import { importPackage } from '../runtime/import-package.js';

interface GitResult { ok: boolean; stdout: string; stderr: string; tooLarge?: boolean }

async function git(args: string[], cwd: string, maxBuffer = 1024 * 1024): Promise<GitResult> {
  // Loaded here, not at the top: only `diff --git` runs git, and node:child_process (with the
  // modules it pulls in) would otherwise be loaded by every start of the CLI bundle.
  const { execFile } = await importPackage<typeof import('node:child_process')>('node:child_process');
  return new Promise((resolve) => {
    execFile('git', args, { cwd, maxBuffer, encoding: 'utf8', windowsHide: true }, (err, stdout, stderr) => {
      const e = err as (NodeJS.ErrnoException & { code?: string | number }) | null;
      if (e?.code === 'ENOENT') { resolve({ ok: false, stdout: '', stderr: 'git is not installed (or not on PATH)' }); return; }
      resolve({ ok: !e, stdout: String(stdout ?? ''), stderr: String(stderr ?? ''), tooLarge: e?.code === 'ERR_CHILD_PROCESS_STDIO_MAXBUFFER' });
    });
  });
}

const roots = new Map<string, Promise<string>>();
const revisions = new Map<string, Promise<void>>();

/** The top folder of the repository holding `dir` (a usage error outside any repository). */
function repoRoot(dir: string): Promise<string> {
  let hit = roots.get(dir);
  if (!hit) {
    hit = git(['rev-parse', '--show-toplevel'], dir).then((r) => {
      if (!r.ok) throw new UsageError(`--git: ${dir} is not inside a git repository (${r.stderr.trim().split('\n')[0] || 'git rev-parse failed'})`);
      return r.stdout.trim();
    });
    roots.set(dir, hit);
  }
  return hit;
}

function checkRevision(root: string, rev: string): Promise<void> {
  const key = `${root}\u0000${rev}`;
  let hit = revisions.get(key);
  if (!hit) {
    hit = git(['rev-parse', '--verify', '--quiet', `${rev}^{commit}`], root).then((r) => {
      // One commit, named once: rev-parse answers a negated `^HEAD` too, with a line of its own.
      if (!r.ok || !/^[0-9a-f]{40,64}$/.test(r.stdout.trim())) throw new UsageError(`--git: unknown revision "${showControls(rev)}" in ${root}`);
    });
    revisions.set(key, hit);
  }
  return hit;
}

export interface OldSide {
  /** The file's text at the revision; undefined when the file did not exist there (all added). */
  text?: string;
  /** How diagnostics name the old side: `<rev>:<path in repo>`. */
  display: string;
  tooLarge?: boolean;
}

/** Reads `absPath` as it was at `rev`, in the repository that holds it. */
export async function readAtRevision(absPath: string, rev: string, maxBytes: number): Promise<OldSide> {
  if (rev.startsWith('-')) throw new UsageError(`--git: a revision cannot start with "-": ${showControls(rev)}`);
  // `^REV` (exclude) and `A..B` (a range) name sets of commits, not the one commit a file is read at.
  if (rev.startsWith('^') || rev.includes('..')) throw new UsageError(`--git: "${showControls(rev)}" names a set of commits (^ or ..), not one revision; name one commit, e.g. HEAD or main`);
  const root = await repoRoot(path.dirname(absPath));
  await checkRevision(root, rev);
  let real = absPath;
  try { real = fs.realpathSync(absPath); } catch { /* keep as given */ }
  const rel = path.relative(root, real).split(path.sep).join('/');
  if (rel.startsWith('..')) throw new UsageError(`--git: ${absPath} is outside the repository ${root}`);
  const display = `${rev}:${rel}`;
  const exists = await git(['cat-file', '-e', `${rev}:${rel}`], root);
  if (!exists.ok) return { display };
  const r = await git(['show', `${rev}:${rel}`], root, maxBytes + 1);
  if (r.tooLarge) return { display, tooLarge: true };
  if (!r.ok) throw new UsageError(`--git: cannot read ${display}: ${r.stderr.trim()}`);
  return { text: r.stdout, display };
}
