import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { sha256, type OutputRecord } from '../../src/cli/manifest.js';
import { checkOutputsElsewhere, checkOutputsHere, THREAD_WORTH_BYTES, worthAThread, type OutputCheck } from '../../src/cli/verify-thread.js';
import { tmpDir } from '../support/cli.js';

/** Checks of outputs with these recorded sizes (the files need not exist: only the records are read). */
const sized = (...sizes: number[]): OutputCheck[] => sizes.map((size, i) => [`/nowhere/out-${i}.svg`, { size, sha256: '0'.repeat(64) }]);

describe('worthAThread: the verify thread only for outputs of 64 MB or more', () => {
  it('is 64 MB', () => {
    expect(THREAD_WORTH_BYTES).toBe(64 * 1024 * 1024);
  });

  it('not below the threshold, one byte short included', () => {
    expect(worthAThread([])).toBe(false);
    expect(worthAThread(sized(THREAD_WORTH_BYTES - 1))).toBe(false);
    // A one-edit rebuild of 500 diagrams: ~20 MB of outputs to hash.
    expect(worthAThread(sized(...Array.from({ length: 500 }, () => 40_000)))).toBe(false);
  });

  it('from the threshold on, reached by one output or by many together', () => {
    expect(worthAThread(sized(THREAD_WORTH_BYTES))).toBe(true);
    expect(worthAThread(sized(THREAD_WORTH_BYTES / 2, THREAD_WORTH_BYTES / 2))).toBe(true);
    expect(worthAThread(sized(...Array.from({ length: 1024 }, () => 64 * 1024)))).toBe(true);
    expect(worthAThread(sized(THREAD_WORTH_BYTES / 2, THREAD_WORTH_BYTES / 2 - 1))).toBe(false);
  });
});

describe('checking outputs here and on the thread', () => {
  it('gives the same answers: intact, changed, missing', async () => {
    const dir = tmpDir('jf-verify-');
    const write = (name: string, text: string): [string, OutputRecord] => {
      const file = path.join(dir, name);
      fs.writeFileSync(file, text);
      return [file, { size: Buffer.byteLength(text), sha256: sha256(text) }];
    };
    const intact = write('intact.svg', '<svg/>');
    const changed = write('changed.svg', '<svg/>');
    fs.writeFileSync(changed[0], '<svg></svg>');
    const missing: OutputCheck = [path.join(dir, 'missing.svg'), { size: 6, sha256: sha256('<svg/>') }];
    const checks: OutputCheck[] = [intact, changed, missing];
    expect(checkOutputsHere(checks)).toEqual([true, false, false]);
    expect(await checkOutputsElsewhere(checks)).toEqual([true, false, false]);
  });
});
