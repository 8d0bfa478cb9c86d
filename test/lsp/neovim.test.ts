/**
 * The language server against a client no one here wrote: Neovim's built-in LSP client, headless,
 * driven by test/lsp/nvim/check.lua. Without `nvim` the suite is skipped on a developer machine
 * and fails on CI (process.env.CI), like the browser suite without Chromium.
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, fixture, ROOT } from '../support/cli.js';

const NVIM = spawnSync('nvim', ['--version'], { encoding: 'utf8' }).status === 0 ? 'nvim' : undefined;
const NO_NVIM_REASON = 'no `nvim` on PATH; install Debian\'s `neovim` (apt-get install -y neovim)';
const SKIP = !NVIM && !process.env.CI;
if (SKIP) console.warn(`[neovim suite skipped] ${NO_NVIM_REASON}`);

const FLOW = `kind: flow
title: 售后
lanes:
  - { id: customer, label: 客户 }
nodes:
  - { id: report, type: start, label: 客户报修, lane: customer }
  - { id: record, label: 客服记录, lane: customer }
  - { id: done, type: end, label: 完成, lane: customer }
edges:
  - report -> record -> done
  - { from: record, to: dnoe, label: 完成后 }
`;

interface Seen {
  error?: string;
  diagnostics: Array<{ lnum: number; col: number; end_col: number; message: string; code?: string }>;
  completion: Array<{ label: string; detail?: string }>;
  definition: [number, number];
  lines: string[];
}

function runNeovim(file: string, outFile: string): Promise<{ code: number | null; stderr: string }> {
  if (!NVIM) throw new Error(`the neovim suite cannot run: ${NO_NVIM_REASON} (CI is set, so this fails instead of skipping)`);
  const child = spawn(NVIM, ['--headless', '-u', 'NONE', '-i', 'NONE', '-n', '-c', `luafile ${path.join(ROOT, 'test', 'lsp', 'nvim', 'check.lua')}`], {
    cwd: path.dirname(file),
    env: { ...process.env, JF_FILE: file, JF_OUT: outFile, JF_NODE: process.execPath, JF_BIN: BIN },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += String(d); });
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, stderr })));
}

describe.skipIf(SKIP)('journeyflow lsp in Neovim\'s built-in client', () => {
  it('gets the unknown edge target at its line and column, completes after `->`, jumps to the node, renames chain uses', async () => {
    const dir = fixture({ 'after-sales.flow.yaml': FLOW });
    const file = path.join(dir, 'after-sales.flow.yaml');
    const outFile = path.join(dir, 'seen.json');
    const run = await runNeovim(file, outFile);
    const seen = JSON.parse(fs.readFileSync(outFile, 'utf8')) as Seen;
    expect(seen.error, run.stderr).toBeUndefined();
    expect(run.code).toBe(0);

    const line = FLOW.split('\n')[10];
    const unknown = seen.diagnostics.find((d) => d.code === 'unknown-reference');
    // Neovim keeps columns in bytes: the server's UTF-16 columns came through the client's conversion.
    expect(unknown).toMatchObject({ lnum: 10, col: Buffer.byteLength(line.slice(0, line.indexOf('dnoe'))), end_col: Buffer.byteLength(line.slice(0, line.indexOf('dnoe') + 4)) });
    expect(unknown!.message).toMatch(/"dnoe" is not a node/);

    expect(seen.completion).toEqual(expect.arrayContaining([{ label: 'record', detail: '客服记录' }, { label: 'done', detail: '完成' }]));
    // (1-based line, 0-based byte column) of `record` in `{ id: record`.
    expect(seen.definition).toEqual([7, FLOW.split('\n')[6].indexOf('record')]);
    expect(seen.lines.slice(6, 11)).toEqual([
      '  - { id: intake, label: 客服记录, lane: customer }',
      '  - { id: done, type: end, label: 完成, lane: customer }',
      'edges:',
      '  - report -> intake -> done',
      '  - { from: intake, to: dnoe, label: 完成后 }',
    ]);
  });
});
