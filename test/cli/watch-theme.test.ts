/*
 * `build --watch` and theme files: the theme loader keeps no state between builds, and the watcher
 * rebuilds the diagrams when a theme file they use is saved (a document's own `theme:` file inside
 * the watched folder, or one given with -t anywhere).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveTheme } from '../../src/validate/theme.js';
import { BIN, fixture } from '../support/cli.js';

const FLOW = 'kind: flow\ntheme: brand.yaml\nnodes:\n  - { id: s, type: start, label: 开始 }\n  - { id: e, type: end }\nedges:\n  - s -> e\n';
const theme = (background: string) => `extends: default\nbackground: "${background}"\n`;
const children: ChildProcess[] = [];
afterEach(() => { for (const c of children.splice(0)) c.kill('SIGTERM'); });

/** Polls until `check` holds; the deadline only bounds a hang, it is not a timing assertion. */
async function until(check: () => boolean, what: string, ms = 30000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) { if (check()) return; await new Promise((r) => setTimeout(r, 25)); }
  throw new Error(`never happened: ${what}`);
}

function watch(args: string[], cwd: string): () => string {
  const child = spawn(process.execPath, [BIN, 'build', ...args, '--watch'], { cwd, env: { ...process.env, NO_COLOR: '1' } });
  children.push(child);
  let err = '';
  child.stderr.on('data', (d) => { err += String(d); });
  return () => err;
}

const svgHas = (file: string, text: string) => fs.existsSync(file) && fs.readFileSync(file, 'utf8').includes(text);

describe('theme files are never cached between builds', () => {
  it('resolveTheme reads an edited theme file anew', () => {
    const dir = fixture({ 'brand.yaml': theme('#fffbe6'), 'a.flow.yaml': FLOW });
    const from = path.join(dir, 'a.flow.yaml');
    expect(resolveTheme('brand.yaml', from, dir).theme?.background).toBe('#fffbe6');
    fs.writeFileSync(path.join(dir, 'brand.yaml'), theme('#e6f0ff'));
    expect(resolveTheme('brand.yaml', from, dir).theme?.background).toBe('#e6f0ff');
  });

  it('build --watch rebuilds the diagrams when the theme file a document names is saved', async () => {
    const dir = fixture({ 'brand.yaml': theme('#fffbe6'), 'a.flow.yaml': FLOW });
    const stderr = watch(['.', '-o', 'out'], dir);
    const svg = path.join(dir, 'out', 'a.flow.svg');
    await until(() => /watching/.test(stderr()), `the watcher to start (${stderr()})`);
    expect(svgHas(svg, '#fffbe6')).toBe(true);
    fs.writeFileSync(path.join(dir, 'brand.yaml'), theme('#e6f0ff'));
    await until(() => svgHas(svg, '#e6f0ff'), 'the SVG to take the edited background');
    expect(svgHas(svg, '#fffbe6')).toBe(false);
  });

  it('build --watch -t <file> rebuilds when that theme file, outside the inputs, is saved', async () => {
    const dir = fixture({ 'themes/brand.yaml': theme('#fffbe6'), 'src/a.flow.yaml': FLOW.replace('theme: brand.yaml\n', '') });
    const stderr = watch(['src', '-o', 'out', '-t', 'themes/brand.yaml'], dir);
    const svg = path.join(dir, 'out', 'a.flow.svg');
    await until(() => /watching/.test(stderr()), `the watcher to start (${stderr()})`);
    expect(svgHas(svg, '#fffbe6')).toBe(true);
    fs.writeFileSync(path.join(dir, 'themes', 'brand.yaml'), theme('#e6f0ff'));
    await until(() => svgHas(svg, '#e6f0ff'), 'the SVG to take the edited background');
  });
});
