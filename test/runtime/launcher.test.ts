import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, tmpDir } from '../support/cli.js';
import { runCli } from './spawn.js';

/** A copy of bin/ (and package.json) with no dist/ beside it: a clone after `npm install --ignore-scripts`. */
function unbuiltCopy(withModules: boolean): string {
  const pkg = tmpDir('jf-unbuilt-');
  fs.cpSync(path.join(ROOT, 'bin'), path.join(pkg, 'bin'), { recursive: true });
  fs.copyFileSync(path.join(ROOT, 'package.json'), path.join(pkg, 'package.json'));
  if (withModules) fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(pkg, 'node_modules'));
  return pkg;
}

const noStackTrace = (stderr: string) => expect(stderr, 'no stack trace').not.toMatch(/^\s+at |Error:|node:internal/m);

describe('the launcher without a build', () => {
  it('says in one line to run `npm run build` when dist/ is missing, and writes nothing', async () => {
    const pkg = unbuiltCopy(true);
    const out = path.join(tmpDir(), 'out');
    const r = await runCli(['build', path.join(ROOT, 'examples'), '-o', out], { bin: path.join(pkg, 'bin', 'journeyflow.js'), cwd: pkg });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^journeyflow: not built yet \(no dist\/ in .*`npm install --ignore-scripts` skips the build\): run `npm run build`\n$/);
    noStackTrace(r.stderr);
    expect(fs.existsSync(out)).toBe(false);
  });

  it('says in one line which module is missing when dist/ is incomplete', async () => {
    const pkg = unbuiltCopy(true);
    // A dist/ with the CLI's entry but not the modules it imports (an interrupted or partial build).
    fs.mkdirSync(path.join(pkg, 'dist', 'cli'), { recursive: true });
    fs.copyFileSync(path.join(ROOT, 'dist', 'cli', 'main.js'), path.join(pkg, 'dist', 'cli', 'main.js'));
    const r = await runCli(['validate', path.join(ROOT, 'examples')], { bin: path.join(pkg, 'bin', 'journeyflow.js'), cwd: pkg });
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^journeyflow: cannot start: .*[\\/]dist[\\/]runtime[\\/]code-cache\.js is missing; run `npm run build` in /);
    noStackTrace(r.stderr);
  });
});
