import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { findChromium } from '../../src/render/mermaid-engine.js';
import { jf, tmpDir } from '../support/cli.js';

const chromium = findChromium();

describe.skipIf(!chromium && !process.env.CI)('build --engine mermaid', () => {
  it('renders the emitted Mermaid through mermaid-cli, with one browser for several diagrams', async () => {
    const out = tmpDir();
    const r = await jf(['build', 'examples/after-sales.flow.yaml', 'examples/ecommerce-tiers.lifecycle.yaml', '-o', out, '--engine', 'mermaid', '-f', 'svg,png']);
    expect(r.code, r.stderr).toBe(0);
    const svg = fs.readFileSync(path.join(out, 'after-sales.flow.svg'), 'utf8');
    expect(svg).toContain('aria-roledescription="flowchart-v2"');
    expect(svg).toContain('客服中心');
    expect(fs.readFileSync(path.join(out, 'ecommerce-tiers.lifecycle.svg'), 'utf8')).toContain('aria-roledescription="stateDiagram"');
    expect(fs.readFileSync(path.join(out, 'after-sales.flow.png')).subarray(1, 4).toString()).toBe('PNG');
  });

  it('says in one line what is wrong when the configured Chromium is missing, and writes nothing', async () => {
    const out = tmpDir();
    const r = await jf(['build', 'examples/after-sales.flow.yaml', '-o', out, '--engine', 'mermaid'], { env: { CHROME_PATH: '/nonexistent/chrome' } });
    expect(r.code).toBe(2);
    expect(r.stderr.trim()).toBe('journeyflow: CHROME_PATH is set to /nonexistent/chrome, which does not exist; point it at a Chrome/Chromium binary or unset it');
    expect(fs.readdirSync(out)).toEqual([]);
  });
});
