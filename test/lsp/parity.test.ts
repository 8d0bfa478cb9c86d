/**
 * The server says what `journeyflow validate` says, file for file, and the kinds' symbol tables
 * cover what their rules check: in every example and shared case that passes, every id used is
 * declared, and every declared id the rules know is found.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indexBuffer } from '../../src/lsp/symbols.js';
import { BIN, ROOT } from '../support/cli.js';
import { startClient, type TestClient } from './client.js';

const FOLDERS = ['examples', 'test/cases/good', 'test/cases/bad'].map((f) => path.join(ROOT, f));
/** `journeyflow validate --format json` of one file, run as a user would (exit 1 when it has errors). */
function validate(file: string): Promise<string> {
  return new Promise((resolve) => execFile(process.execPath, [BIN, 'validate', file, '--format', 'json'], { cwd: ROOT }, (_err, stdout) => resolve(stdout)));
}

const FILES = FOLDERS.flatMap((dir) => fs.readdirSync(dir).filter((f) => f.endsWith('.yaml')).map((f) => path.join(dir, f)));

describe('journeyflow lsp: parity with journeyflow validate', () => {
  let client: TestClient;
  beforeAll(async () => { client = await startClient(ROOT); });
  afterAll(async () => { await client.close(); });

  it.each(FILES.map((f) => [path.relative(ROOT, f), f]))('%s: the same problems at the same places', async (_name, file) => {
    const expected = JSON.parse(await validate(file)) as Array<{ line: number; column: number; endLine: number; rule: string; message: string; severity: string }>;
    const got = await client.diagnostics(await client.open(file, fs.readFileSync(file, 'utf8')), 1);
    expect(got.map((d) => [d.range.start.line + 1, d.range.start.character + 1, d.range.end.line + 1, d.code, d.message, d.severity === 1 ? 'error' : 'warning']))
      .toEqual(expected.map((d) => [d.line, d.column, d.endLine, d.rule, d.message, d.severity]));
  });

  it('finds a declaration for every id used in the diagrams that validate', () => {
    const valid = FILES.filter((f) => !f.includes(`${path.sep}bad${path.sep}`));
    let uses = 0;
    for (const file of valid) {
      for (const doc of indexBuffer(fs.readFileSync(file, 'utf8')).documents) {
        const declared = new Set(doc.declarations.map((d) => `${d.type}\u0000${d.id}`));
        for (const r of doc.references.filter((x) => x.type !== 'file')) {
          uses++;
          expect(declared.has(`${r.type}\u0000${r.id}`), `${path.relative(ROOT, file)}: ${r.type} ${r.id}`).toBe(true);
        }
      }
    }
    // The examples do join nodes, lanes, channels, personas, states and segments by id.
    expect(uses).toBeGreaterThan(100);
  });
});
