import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findChromium } from '../../src/render/mermaid-engine.js';
import { ROOT, tmpDir } from '../support/cli.js';
import { runCli } from '../runtime/spawn.js';

const chromium = findChromium();

describe.skipIf(!chromium && !process.env.CI)('build --engine mermaid', () => {
  it('renders the emitted Mermaid through mermaid-cli, with one browser for several diagrams', async () => {
    const out = tmpDir();
    const r = await runCli(['build', 'examples/after-sales.flow.yaml', 'examples/ecommerce-tiers.lifecycle.yaml', '-o', out, '--engine', 'mermaid', '-f', 'svg,png']);
    expect(r.code, r.stderr).toBe(0);
    const svg = fs.readFileSync(path.join(out, 'after-sales.flow.svg'), 'utf8');
    expect(svg).toContain('aria-roledescription="flowchart-v2"');
    expect(svg).toContain('客服中心');
    expect(fs.readFileSync(path.join(out, 'ecommerce-tiers.lifecycle.svg'), 'utf8')).toContain('aria-roledescription="stateDiagram"');
    expect(fs.readFileSync(path.join(out, 'after-sales.flow.png')).subarray(1, 4).toString()).toBe('PNG');
  });

  it('says in one line what is wrong when the configured Chromium is missing, and writes nothing', async () => {
    const out = tmpDir();
    const r = await runCli(['build', 'examples/after-sales.flow.yaml', '-o', out, '--engine', 'mermaid'], { env: { CHROME_PATH: '/nonexistent/chrome' } });
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe('journeyflow: CHROME_PATH is set to /nonexistent/chrome, which does not exist; point it at a Chrome/Chromium binary or unset it');
    expect(fs.readdirSync(out)).toEqual([]);
  });
});

/** Node looks for a package in every parent's node_modules: a folder none of whose parents holds mermaid-cli. */
function folderOutsideAnyInstall(): string | undefined {
  const reachable = (dir: string): boolean => {
    for (let d = dir; ; d = path.dirname(d)) {
      if (fs.existsSync(path.join(d, 'node_modules', '@mermaid-js', 'mermaid-cli'))) return true;
      if (path.dirname(d) === d) return false;
    }
  };
  const base = [os.tmpdir(), '/var/tmp', os.homedir()].find((d) => d && fs.existsSync(d) && !reachable(d));
  return base && fs.mkdtempSync(path.join(base, 'jf-nomermaid-'));
}

describe('build --engine mermaid without the optional package', () => {
  it('says in one line how to install it, and writes nothing', async (ctx) => {
    // A copy of the package whose node_modules lacks mermaid-cli and puppeteer, as in a project that
    // added journeyflow with optional dependencies omitted (or whose puppeteer install failed).
    const pkg = folderOutsideAnyInstall();
    if (!pkg) return ctx.skip('every candidate temporary folder sees an installed mermaid-cli in a parent node_modules');
    for (const dir of ['bin', 'dist']) fs.cpSync(path.join(ROOT, dir), path.join(pkg, dir), { recursive: true });
    fs.copyFileSync(path.join(ROOT, 'package.json'), path.join(pkg, 'package.json'));
    for (const linked of ['schemas', 'fonts']) fs.symlinkSync(path.join(ROOT, linked), path.join(pkg, linked));
    fs.mkdirSync(path.join(pkg, 'node_modules'));
    for (const name of fs.readdirSync(path.join(ROOT, 'node_modules'))) {
      if (name !== '@mermaid-js' && name !== 'puppeteer') fs.symlinkSync(path.join(ROOT, 'node_modules', name), path.join(pkg, 'node_modules', name));
    }
    const out = tmpDir();
    const r = await runCli(['build', path.join(ROOT, 'examples', 'after-sales.flow.yaml'), '-o', out, '--engine', 'mermaid'], { bin: path.join(pkg, 'bin', 'journeyflow.js'), cwd: pkg });
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe('journeyflow: --engine mermaid needs the optional package @mermaid-js/mermaid-cli: run `PUPPETEER_SKIP_DOWNLOAD=1 npm install @mermaid-js/mermaid-cli`');
    expect(fs.readdirSync(out)).toEqual([]);
    fs.rmSync(pkg, { recursive: true, force: true });
  });
});
