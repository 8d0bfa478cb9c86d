import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { tmpDir } from '../support/cli.js';
import { jfAsync, tinyFlow } from './async-cli.js';
import { listFiles, STACK } from './helpers.js';

const run = promisify(execFile);
const mkfifo = async (p: string) => { try { await run('mkfifo', [p]); return true; } catch { return false; } };

/** A project folder (the working folder of the run) and a folder outside it. */
function project(files: Record<string, string>) {
  const root = tmpDir('jf-confine-');
  const work = path.join(root, 'work');
  const elsewhere = path.join(root, 'elsewhere');
  fs.mkdirSync(elsewhere, { recursive: true });
  fs.mkdirSync(work, { recursive: true });
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(work, name)), { recursive: true });
    fs.writeFileSync(path.join(work, name), text);
  }
  return { work, elsewhere };
}

describe('writes stay in the real -o folder', () => {
  it('a symlinked sub-folder of -o that leads outside gets a diagnostic, and nothing is written through it', async () => {
    const { work, elsewhere } = project({ 'diagrams/top.flow.yaml': tinyFlow(), 'diagrams/sub/inner.flow.yaml': tinyFlow('Inner') });
    fs.mkdirSync(path.join(work, 'docs/img'), { recursive: true });
    fs.symlinkSync(elsewhere, path.join(work, 'docs/img/sub')); // committed in a pull request
    const r = await jfAsync(['build', 'diagrams', '-o', 'docs/img', '-f', 'svg,mmd', '--format', 'json'], { cwd: work });
    expect(r.stdout + r.stderr).not.toMatch(STACK);
    expect(r.code).toBe(1);
    expect(listFiles(elsewhere)).toEqual([]);
    expect(listFiles(path.join(work, 'docs/img')).filter((f) => !f.startsWith('sub'))).toEqual(['.journeyflow-manifest.json', 'top.flow.mmd', 'top.flow.svg']);
    const diags = JSON.parse(r.stderr.slice(r.stderr.indexOf('['), r.stderr.lastIndexOf(']') + 1));
    expect(diags[0]).toMatchObject({ file: 'diagrams/sub/inner.flow.yaml', rule: 'output-outside', severity: 'error', line: 1, column: 1 });
    expect(diags[0].message).toMatch(/leads outside the output folder/);
  });

  it('a missing sub-folder below such a link is not created outside either', async () => {
    const { work, elsewhere } = project({ 'd/a/b/deep.flow.yaml': tinyFlow() });
    fs.mkdirSync(path.join(work, 'out'));
    fs.symlinkSync(elsewhere, path.join(work, 'out/a'));
    const r = await jfAsync(['build', 'd', '-o', 'out'], { cwd: work });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('[output-outside]');
    expect(fs.readdirSync(elsewhere)).toEqual([]);
  });
});

describe('check reads only regular files, within the size it expects', () => {
  it('an expected output that is a symlink to /dev/zero, or a FIFO, is stale, never read', async () => {
    const { work } = project({ 'a.flow.yaml': tinyFlow(), 'b.flow.yaml': tinyFlow('B') });
    fs.symlinkSync('/dev/zero', path.join(work, 'a.flow.svg'));
    const fifo = await mkfifo(path.join(work, 'b.flow.svg'));
    const r = await jfAsync(['check', '.'], { cwd: work, timeoutMs: 30000 });
    expect(r.signal).toBeNull(); // not killed by the timeout: nothing blocked or streamed forever
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('stale:   a.flow.svg');
    if (fifo) expect(r.stdout).toContain('stale:   b.flow.svg');
  });

  it('an input that is a FIFO planted in a folder is a diagnostic, not a hang', async () => {
    const { work } = project({ 'ok.flow.yaml': tinyFlow() });
    if (!(await mkfifo(path.join(work, 'pipe.flow.yaml')))) return;
    const r = await jfAsync(['validate', 'ok.flow.yaml', 'pipe.flow.yaml'], { cwd: work, timeoutMs: 30000 });
    expect(r.signal).toBeNull();
    expect(r.code).not.toBe(0);
    expect(r.stdout + r.stderr).not.toMatch(STACK);
  });
});

describe('inputs that lead outside the tree they were named in are refused unless --allow-outside', () => {
  it('a symlink expanded by the shell (diagrams/*.yaml) pointing out of the tree is not read', async () => {
    const { work, elsewhere } = project({ 'diagrams/ok.flow.yaml': tinyFlow() });
    fs.writeFileSync(path.join(elsewhere, 'outside.yaml'), tinyFlow('SECRET-FROM-OUTSIDE'));
    fs.symlinkSync('../../elsewhere/outside.yaml', path.join(work, 'diagrams/leak.flow.yaml'));
    const r = await jfAsync(['build', 'diagrams/ok.flow.yaml', 'diagrams/leak.flow.yaml', '-f', 'mmd', '-o', 'out', '--format', 'json'], { cwd: work });
    expect(r.code).toBe(1);
    const diags = JSON.parse(r.stderr.slice(r.stderr.indexOf('['), r.stderr.lastIndexOf(']') + 1));
    expect(diags[0]).toMatchObject({ file: 'diagrams/leak.flow.yaml', rule: 'input-outside', line: 1, column: 1 });
    expect(diags[0].message).toMatch(/--allow-outside/);
    expect(listFiles(path.join(work, 'out'))).toEqual(['.journeyflow-manifest.json', 'ok.flow.mmd']);
    const allowed = await jfAsync(['build', 'diagrams/leak.flow.yaml', '-f', 'mmd', '-o', 'out', '--allow-outside'], { cwd: work });
    expect(allowed.code, allowed.stderr).toBe(0);
    expect(fs.readFileSync(path.join(work, 'out/leak.flow.mmd'), 'utf8')).toContain('SECRET-FROM-OUTSIDE');
  });

  it('a symlink to /etc/passwd is refused by validate and check as well', async () => {
    const { work } = project({});
    fs.symlinkSync('/etc/passwd', path.join(work, 'passwd.flow.yaml'));
    for (const cmd of ['validate', 'check']) {
      const r = await jfAsync([cmd, 'passwd.flow.yaml'], { cwd: work });
      expect(r.code, cmd).toBe(1);
      expect(r.stdout + r.stderr, cmd).toContain('[input-outside]');
      expect(r.stdout + r.stderr, cmd).not.toContain('root:');
    }
  });
});

describe('low items', () => {
  it('an alias to an anchor of another document is a YAML mistake, not an "alias bomb"', async () => {
    const { work } = project({ 'two.flow.yaml': `${tinyFlow()}x: &a 1\n---\n${tinyFlow()}y: *a\n` });
    const r = await jfAsync(['validate', 'two.flow.yaml', '--format', 'json'], { cwd: work });
    expect(r.code).toBe(1);
    expect(r.stdout).not.toMatch(/alias bomb/);
    expect(JSON.parse(r.stdout).some((d: { rule: string; message: string }) => d.rule === 'yaml-syntax' && /alias/i.test(d.message))).toBe(true);
  });

  it("diff --git '^HEAD' is refused as a revision (it names a set of commits)", async () => {
    const { work } = project({ 'a.flow.yaml': tinyFlow() });
    const git = (...args: string[]) => run('git', ['-c', 'user.email=t@t', '-c', 'user.name=t', ...args], { cwd: work });
    await git('init', '-q');
    await git('add', '.');
    await git('commit', '-qm', 'one');
    const r = await jfAsync(['diff', '--git', '^HEAD', 'a.flow.yaml'], { cwd: work });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/names a set of commits/);
    expect(r.stdout).not.toMatch(/added/i);
  });
});

describe('a full disk names the output', () => {
  // A real full file system: a tiny tmpfs (needs root and mount; skipped elsewhere).
  it.skipIf(process.getuid?.() !== 0)('ENOSPC says which output could not be written, exit 2, no temporary left', async () => {
    const mnt = tmpDir('jf-full-');
    try { await run('mount', ['-t', 'tmpfs', '-o', 'size=8k', 'tmpfs', mnt]); } catch { return; } // no mount here: nothing to test
    try {
      const { work } = project({ 'big.flow.yaml': tinyFlow('x'.repeat(3000), 'y'.repeat(3000)) });
      const r = await jfAsync(['build', 'big.flow.yaml', '-o', path.join(mnt, 'out')], { cwd: work });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`cannot write ${path.join(mnt, 'out', 'big.flow.svg')}: the disk is full`);
      expect(listFiles(mnt)).toEqual([]);
    } finally {
      await run('umount', [mnt]);
    }
  });
});
