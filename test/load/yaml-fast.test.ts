/**
 * The quick YAML reader (src/load/yaml-fast.ts) either declines or reads exactly what the yaml
 * library reads: on every example and shared case, on a generated repository, and on random
 * documents built from the pieces that trip YAML readers up (indentation, `: ` and ` #` inside
 * values, quotes, brackets, numbers that are not quite numbers). And a document it read still gets
 * its diagnostics at the yaml library's positions.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { parseAllDocuments } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { checkSource } from '../../src/api/index.js';
import { readPlainYaml } from '../../src/load/yaml-fast.js';
// @ts-expect-error: a plain .mjs module of the benchmarks
import { generateRepo } from '../../bench/repo-gen.mjs';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** What yaml makes of the text when it reads it as one document without an error, else undefined. */
function yamlValue(text: string): { value: unknown } | undefined {
  const docs = parseAllDocuments(text, { prettyErrors: false, uniqueKeys: false, strict: true });
  if (!Array.isArray(docs) || docs.length !== 1 || docs[0].errors.length) return undefined;
  return { value: docs[0].toJS() };
}

/** The reader's promise: it declines, or yaml reads the same value without an error. */
function agrees(text: string): { read: boolean; ok: boolean } {
  const fast = readPlainYaml(text, 48);
  if (fast === undefined) return { read: false, ok: true };
  const full = yamlValue(text);
  return { read: true, ok: full !== undefined && isDeepStrictEqual(full.value, fast) };
}

const yamlFiles = (dir: string): string[] => fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => /\.ya?ml$/.test(f)).map((f) => path.join(dir, f));

describe('the quick YAML reader', () => {
  const repo = fs.mkdtempSync(path.join(os.tmpdir(), 'jf-yaml-fast-'));
  afterAll(() => fs.rmSync(repo, { recursive: true, force: true }));

  it('reads every example, shared case and generated diagram as yaml does (declining a few)', () => {
    generateRepo(repo, { count: 40, seed: 5 });
    const files = [...yamlFiles(path.join(ROOT, 'examples')), ...yamlFiles(path.join(ROOT, 'test', 'cases')), ...yamlFiles(repo)];
    const results = files.map((f) => ({ f, ...agrees(fs.readFileSync(f, 'utf8')) }));
    expect(results.filter((r) => !r.ok).map((r) => r.f)).toEqual([]);
    // The reader is worth having only if it reads the usual diagram file.
    expect(results.filter((r) => r.read).length).toBeGreaterThan(files.length * 0.8);
  });

  it('declines what it does not read', () => {
    for (const text of [
      'a: 1\n---\nb: 2\n', 'a: &x 1\nb: *x\n', 'a: !!str 1\n', 'a: |\n  text\n', 'a: "esc\\"aped"\n', 'a: one\n  two\n',
      'a: 1\na: 2\n', 'a:\n\t- 1\n', '1: one\n', 'a: b: c\n', '- 1\n- 2\n', 'a: [1, 2,]\n', 'a: { b }\n', '<<: 1\n', '',
    ]) expect(readPlainYaml(text, 48), JSON.stringify(text)).toBeUndefined();
    expect(readPlainYaml(`a:${'\n  b:'.repeat(60)} 1\n`, 48)).toBeUndefined();
  });

  it('on random documents, declines or reads exactly what yaml reads', () => {
    const word = fc.constantFrom('id', 'label', 'a', 'b-c', 'x_y', '客户', 'Step 1', 'true', 'null', '~', '12', '-3', '0x1F', '0o17', '1e3', '.5', '+1', '1.', '.inf', '.NaN',
      'http://x.org/a', 'a:b', 'a #b', 'a#b', "it's", '"q"', "'s'", "'it''s'", '""', '-', '- x', '?x', ':x', 'a, b', '[x]', '{y}', '@z', '%p', '`t', '&a', '*a', '!t', '|', '>', 'a: b', 'x ', ' y', '#c',
      '1_000', '0b1', '+.5', '-.inf', '1e', 'Yes', 'on', 'NULL', 'True', '2024-01-01', '.', '-.5e3', '"a"b', "'a'b", '[a]b', '{a}b', 'x]', 'x}', 'a:', ' :', 'k:k', '-k', '?k', '1.5', 'a ,b', 'a,b', 'é', '😀', '\\', 'a\\b');
    const scalar = fc.oneof(word, fc.tuple(word, word).map(([a, b]) => `${a} ${b}`), word.map((w) => `"${w}"`), word.map((w) => `'${w}'`));
    const flow: fc.Arbitrary<string> = fc.letrec((tie) => ({
      value: fc.oneof({ depthSize: 'small' }, scalar, tie('seq'), tie('map')),
      seq: fc.array(tie('value'), { maxLength: 3 }).map((xs) => `[${xs.join(', ')}]`),
      map: fc.array(fc.tuple(word, tie('value')), { maxLength: 3 }).map((xs) => `{ ${xs.map(([k, v]) => `${k}: ${v}`).join(', ')} }`),
    })).value as fc.Arbitrary<string>;
    // Well-formed blocks (maps, sequences, compact maps in items), then a few lines knocked out of shape.
    const key = fc.oneof({ weight: 4, arbitrary: fc.constantFrom('id', 'label', 'a', 'b-c', 'x_y', '客户', 'Step 1', 'k') }, { weight: 1, arbitrary: word });
    const inline = fc.oneof(scalar, flow);
    type Block = (indent: number) => fc.Arbitrary<string[]>;
    const block: (depth: number) => Block = (depth) => (indent) => {
      const pad = ' '.repeat(indent);
      const nested = (extra: number): fc.Arbitrary<string[]> => (depth > 2 ? inline.map((v) => [`${pad}${' '.repeat(extra)}${v}`]).map(() => []) : block(depth + 1)(indent + extra));
      const entry = fc.oneof(
        fc.tuple(key, inline).map(([k, v]) => [`${pad}${k}: ${v}`]),
        fc.tuple(key, nested(2)).map(([k, lines]) => [`${pad}${k}:`, ...lines]),
      );
      const item = fc.oneof(
        inline.map((v) => [`${pad}- ${v}`]),
        fc.tuple(key, inline, fc.array(fc.tuple(key, inline), { maxLength: 2 })).map(([k, v, more]) => [`${pad}- ${k}: ${v}`, ...more.map(([k2, v2]) => `${pad}  ${k2}: ${v2}`)]),
      );
      return fc.oneof(fc.array(entry, { minLength: 1, maxLength: 4 }), fc.array(item, { minLength: 1, maxLength: 4 })).map((xs) => xs.flat());
    };
    const shaken = (lines: string[]) => fc.array(fc.tuple(fc.nat(), fc.constantFrom(' ', '', '#', ': ', '\t', '- ', '"', "'", '[', ' # c')), { maxLength: 2 })
      .map((hits) => {
        const out = [...lines];
        for (const [at, bit] of hits) { const i = at % out.length; out[i] = at % 2 ? bit + out[i] : out[i] + bit; }
        return out;
      });
    const doc = block(0)(2).chain(shaken).map((lines) => `kind: flow\nnodes:\n${lines.join('\n')}\n`);
    let read = 0;
    fc.assert(fc.property(doc, (text) => {
      const r = agrees(text);
      if (r.read) read++;
      return r.ok;
    }), { numRuns: 3000, seed: 23 });
    // The random documents exercise the reader, not only its refusals.
    expect(read).toBeGreaterThan(300);
  });

  it('gives a document it read its diagnostics at the yaml library\'s positions', () => {
    const text = 'kind: flow\n# a comment\nnodes:\n  - { id: s, type: start }\n  - { id: e, type: stop }\nedges:\n  - s -> e\n';
    expect(readPlainYaml(text, 48)).toBeDefined();
    const found = checkSource(text, { file: 'x.flow.yaml' }).diagnostics.map((d) => `${d.line}:${d.column}-${d.endLine}:${d.endColumn} ${d.rule} ${d.path}`);
    // The same text with an anchor is declined by the quick reader and read by yaml from the start.
    const declined = text.replace('kind: flow', 'kind: &k flow');
    expect(readPlainYaml(declined, 48)).toBeUndefined();
    expect(found).toEqual(['5:20-5:24 schema /nodes/1/type']);
    expect(checkSource(declined, { file: 'x.flow.yaml' }).diagnostics.map((d) => `${d.line}:${d.column}-${d.endLine}:${d.endColumn} ${d.rule} ${d.path}`)).toEqual(found);
  });
});
