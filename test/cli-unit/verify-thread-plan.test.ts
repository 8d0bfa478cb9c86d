/**
 * The incremental build's verify thread, reached in process: outputs of a few small diagrams are
 * never worth a thread (verify-thread.test.ts), so worthAThread is made to say yes here, and the
 * one-edit rebuild must check the other outputs on the thread and still find the ones changed on
 * disk, as the in-thread check does (test/cli/incremental.test.ts).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import type { OutputCheck } from '../../src/cli/verify-thread.js';
import { writeTree } from '../support/inprocess.js';

const threads = vi.hoisted(() => ({ started: 0 }));
vi.mock('../../src/cli/verify-thread.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/cli/verify-thread.js')>();
  return {
    ...real,
    // Any output at all is worth a thread here (none is not: a first build has nothing to check).
    worthAThread: (outputs: readonly OutputCheck[]) => outputs.length > 0,
    checkOutputsElsewhere: (outputs: readonly OutputCheck[]) => { threads.started++; return real.checkOutputsElsewhere(outputs); },
  };
});

const flow = (label: string) => `kind: flow\ntitle: ${label}\nnodes:\n  - { id: s, type: start, label: ${label} }\n  - { id: e, type: end, label: 结束 }\nedges:\n  - s -> e\n`;
const dir = writeTree(fs.mkdtempSync(path.join(os.tmpdir(), 'jf-verify-plan-')), { 'a.flow.yaml': flow('甲'), 'b.flow.yaml': flow('乙'), 'c.flow.yaml': flow('丙') });
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
// Test files share their worker's modules: the CLI is loaded afresh, so that plan.ts imports the mock.
let cli: typeof import('../support/inprocess.js').cli;
beforeAll(async () => {
  vi.resetModules();
  ({ cli } = await import('../support/inprocess.js'));
});

it.runIf(os.availableParallelism() > 1)('checks the unchanged inputs\' outputs on the thread while the edited one compiles, and rebuilds those changed on disk', async () => {
  const first = await cli(['build', '.', '-o', 'out', '-j', '2'], dir);
  expect(first.code, first.stderr).toBe(0);
  const clean = Object.fromEntries(['a', 'b', 'c'].map((n) => [n, fs.readFileSync(path.join(dir, 'out', `${n}.flow.svg`), 'utf8')]));
  fs.writeFileSync(path.join(dir, 'a.flow.yaml'), flow('甲二'));
  fs.writeFileSync(path.join(dir, 'out', 'b.flow.svg'), '<svg/>');
  const r = await cli(['build', '.', '-o', 'out', '-j', '2'], dir);
  expect(r.code, r.stderr).toBe(0);
  expect(threads.started).toBe(1);
  expect(r.stderr).toContain('2 file(s) written from 3 input(s), 1 up to date');
  expect(fs.readFileSync(path.join(dir, 'out', 'b.flow.svg'), 'utf8')).toBe(clean.b);
  expect(fs.readFileSync(path.join(dir, 'out', 'c.flow.svg'), 'utf8')).toBe(clean.c);
  expect(fs.readFileSync(path.join(dir, 'out', 'a.flow.svg'), 'utf8')).not.toBe(clean.a);
});
