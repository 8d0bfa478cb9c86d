/*
 * Golden files: every example, every conformance case and every diff pair, compared byte for byte
 * with what was accepted before. The invariants tests elsewhere (no overlap, nodes in lanes …) let
 * many regressions through; these catch any change in the scene, the SVG, the Mermaid or the text
 * picture. After a deliberate change, look at the differences and accept them with
 * `UPDATE_GOLDEN=1 npm test` (or `UPDATE_GOLDEN=1 npx vitest run test/golden`).
 */
import fs from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { checkSource, drawDocument } from '../../src/compile.js';
import { KIND_NAMES } from '../../src/kinds/registry.js';
import { ROOT, SHARED_CASES, tmpDir } from '../support/cli.js';

const GOLDEN = path.join(ROOT, 'test', 'golden');
const UPDATE = process.env.UPDATE_GOLDEN === '1';
const DIFF_CASES = path.join(SHARED_CASES, 'diff');

interface GoldenCase { name: string; kind: string; file: string; root: string }

/** `after-sales.flow.yaml` → name `after-sales`, kind `flow`. */
function casesIn(dir: string): GoldenCase[] {
  const ofAKind = new RegExp(`\\.(${KIND_NAMES.join('|')})\\.ya?ml$`);
  return fs.readdirSync(dir).filter((f) => ofAKind.test(f)).sort().map((f) => {
    const [, name, kind] = /^(.*)\.([a-z]+)\.ya?ml$/.exec(f)!;
    return { name, kind, file: path.join(dir, f), root: dir };
  });
}

const BUILD_CASES = [...casesIn(path.join(ROOT, 'examples')), ...casesIn(path.join(SHARED_CASES, 'good'))];

/** Runs the CLI in this process (so the source, not dist/, is what is compared) and returns its exit code and stderr. */
async function cli(args: string[]): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  const sink = new Writable({ write(_c, _e, done) { done(); } });
  const errors = new Writable({ write(c, _e, done) { stderr += String(c); done(); } });
  const code = await main(['node', 'journeyflow', ...args], sink, errors);
  return { code, stderr };
}

/** Compares one produced text with its golden file, or writes it when accepting. */
function expectGolden(folder: string, file: string, actual: string): void {
  const target = path.join(folder, file);
  if (UPDATE) {
    fs.mkdirSync(folder, { recursive: true });
    if (!fs.existsSync(target) || fs.readFileSync(target, 'utf8') !== actual) fs.writeFileSync(target, actual);
    return;
  }
  expect(fs.existsSync(target), `${path.relative(ROOT, target)} is missing; run UPDATE_GOLDEN=1 npm test to write it`).toBe(true);
  const expected = fs.readFileSync(target, 'utf8');
  // toBe on the whole text prints a readable line diff when they differ.
  expect(actual, `${path.relative(ROOT, target)} differs; if the change is intended, accept it with UPDATE_GOLDEN=1 npm test`).toBe(expected);
}

describe('golden files: build', () => {
  it('every golden case has a distinct name per kind', () => {
    const keys = BUILD_CASES.map((c) => `${c.kind}/${c.name}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  for (const c of BUILD_CASES) {
    it(`${c.kind}/${c.name}: scene, SVG, Mermaid and text picture`, async () => {
      const folder = path.join(GOLDEN, c.kind, c.name);
      const source = fs.readFileSync(c.file, 'utf8');
      const checked = checkSource(source, { file: path.basename(c.file), absPath: c.file, root: c.root });
      expect(checked.documents.length).toBeGreaterThan(0);
      const several = checked.documents.length > 1;
      for (const doc of checked.documents) {
        expect(doc.ok, JSON.stringify(checked.diagnostics)).toBe(true);
        const { scene } = await drawDocument(doc, { absPath: c.file, root: c.root });
        expectGolden(folder, several ? `${doc.model.id}.scene.json` : 'scene.json', JSON.stringify(scene, null, 1) + '\n');
      }
      const out = tmpDir('jf-golden-');
      const r = await cli(['build', c.file, '-o', out, '-f', 'svg,mmd,txt', '-j', '1', '-q']);
      expect(r.code, r.stderr).toBe(0);
      // Every output, not the build manifest journeyflow keeps beside them (test/cli/incremental.test.ts).
      const written = fs.readdirSync(out).filter((f) => f !== '.journeyflow-manifest.json').sort();
      expect(written.length).toBeGreaterThanOrEqual(3);
      for (const f of written) expectGolden(folder, f, fs.readFileSync(path.join(out, f), 'utf8'));
      fs.rmSync(out, { recursive: true, force: true });
    });
  }
});

describe('golden files: diff', () => {
  const pairs = fs.readdirSync(DIFF_CASES).filter((f) => f.includes('.old.')).sort();
  it('has a diff pair for every kind', () => {
    expect(new Set(pairs.map((f) => f.split('.')[2]))).toEqual(new Set(KIND_NAMES));
  });

  for (const oldFile of pairs) {
    const name = oldFile.split('.')[0];
    it(`diff/${name}: marked SVG, text picture and Markdown summary`, async () => {
      const out = tmpDir('jf-golden-diff-');
      const r = await cli(['diff', path.join(DIFF_CASES, oldFile), path.join(DIFF_CASES, oldFile.replace('.old.', '.new.')), '-o', out, '-f', 'svg,txt,md']);
      expect(r.code, r.stderr).toBe(0);
      const written = fs.readdirSync(out).sort();
      expect(written.map((f) => path.extname(f))).toEqual(['.md', '.svg', '.txt']);
      for (const f of written) expectGolden(path.join(GOLDEN, 'diff', name), f, fs.readFileSync(path.join(out, f), 'utf8'));
      fs.rmSync(out, { recursive: true, force: true });
    });
  }
});
