import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkSource, compile } from '../../src/compile.js';
import { diffModels } from '../../src/diff/index.js';
import { ROOT, tmpDir } from '../support/cli.js';
import { expectWellFormed, jsonDiagnostics } from './helpers.js';
import { expectAnswered, jfAsync } from './run-async.js';

// Issue 24, finding 6: names that are properties of every plain object ("constructor",
// "__proto__", "toString" …) must never be looked up as keys of one. Each looked-up field of each
// kind takes such a name (an id and every reference to it, emotion persona keys, funnel segment
// keys, the theme), and the document goes through validate, build (compile, txt, Mermaid) and diff.

const NAMES = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'prototype', 'isPrototypeOf', '__defineGetter__', 'propertyIsEnumerable', 'toLocaleString'];

/** Example files and the ids in them that are looked up elsewhere in the document (whole words). */
const FIELDS: Array<[string, string[]]> = [
  ['after-sales.flow.yaml', ['customer', 'service', 'tech', 'report', 'record', 'accepted', 'survey', 'done']],
  ['subscription.journey.yaml', ['chen', 'zhao', 'app', 'mini', 'courier', 'discover', 'signup']],
  ['first-purchase.funnel.yaml', ['online', 'store', 'visit', 'browse', 'order', 'pay']],
  ['b2b-account.lifecycle.yaml', ['lead', 'trial', 'onboarding', 'active', 'churned']],
];
const read = (file: string) => fs.readFileSync(path.join(ROOT, 'examples', file), 'utf8');
const rename = (text: string, id: string, name: string) => text.replace(new RegExp(`(?<![\\w-])${id}(?![\\w-])`, 'g'), name);

const sample = fc.record({
  field: fc.integer({ min: 0, max: FIELDS.length - 1 }).chain((f) => fc.record({ f: fc.constant(f), ids: fc.subarray(FIELDS[f][1], { minLength: 1 }) })),
  names: fc.shuffledSubarray(NAMES, { minLength: 8, maxLength: 8 }),
  theme: fc.option(fc.constantFrom(...NAMES), { nil: undefined }),
  themeIn: fc.constantFrom('document', 'option'),
});

type Sample = typeof sample extends fc.Arbitrary<infer T> ? T : never;

function mutate(s: Sample) {
  const [file] = FIELDS[s.field.f];
  let text = read(file);
  s.field.ids.forEach((id: string, i: number) => { text = rename(text, id, s.names[i]); });
  if (s.theme && s.themeIn === 'document') text = /^theme:/m.test(text) ? text.replace(/^theme: .*$/m, `theme: ${s.theme}`) : text.replace(/^kind: (\w+)$/m, `kind: $1\ntheme: ${s.theme}`);
  return { file, text, optionTheme: s.theme && s.themeIn === 'option' ? s.theme : undefined };
}

describe('property: object-prototype names as ids, keys and themes (issue 24, finding 6)', () => {
  it('validate, compile, txt, Mermaid and diff answer with diagnostics, never a throw (120 seeded runs)', async () => {
    await fc.assert(fc.asyncProperty(sample, async (s) => {
      const { file, text, optionTheme } = mutate(s);
      // Where the example lives, so its `ref`s resolve.
      const options = { theme: optionTheme, file, absPath: path.join(ROOT, 'examples', file) };
      const checked = checkSource(text, options);
      expectWellFormed(checked.diagnostics, text.split('\n').length);
      // A renamed id is still an id: no new error besides the refused theme.
      expect(checked.diagnostics.filter((d) => d.severity === 'error' && !/theme/.test(d.message))).toEqual([]);
      if (s.theme) expect(checked.diagnostics.map((d) => d.rule)).toContain('unknown-reference');
      const result = await compile(text, options);
      expectWellFormed(result.diagnostics);
      if (!s.theme) expect(result.diagrams).toHaveLength(1);
      const original = checkSource(read(file), { file, absPath: options.absPath });
      for (const doc of checked.documents) {
        expect((await doc.definition.toText(doc.model)).join('\n')).not.toMatch(/function |\[object |undefined|NaN/);
        expect(await doc.definition.toMermaid(doc.model)).not.toMatch(/function |\[object |undefined|NaN/);
        const d = await diffModels(doc.definition, original.documents[0].model, doc.model);
        expect(Array.isArray(d.entries)).toBe(true);
      }
    }), { seed: 24, numRuns: 120 });
  });

  it('build -t NAME and md with such names answer with a diagnostic (CLI)', async () => {
    const dir = tmpDir('jf-proto-');
    const flow = rename(rename(read('after-sales.flow.yaml'), 'customer', 'constructor'), 'report', '__proto__');
    fs.writeFileSync(path.join(dir, 'a.flow.yaml'), flow);
    fs.writeFileSync(path.join(dir, 'onsite-repair.flow.yaml'), read('onsite-repair.flow.yaml'));
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      const r = await jfAsync(['build', '--format', 'json', '-t', name, '-o', path.join(dir, 'out'), path.join(dir, 'a.flow.yaml')]);
      expectAnswered(r);
      expect(r.code).toBe(1);
      expect(jsonDiagnostics(r)).toEqual([expect.objectContaining({ rule: 'unknown-reference', message: expect.stringContaining(`theme "${name}"`) })]);
    }
    const ok = await jfAsync(['build', '-f', 'svg,mmd,txt', '-o', path.join(dir, 'out'), path.join(dir, 'a.flow.yaml')]);
    expectAnswered(ok);
    expect(ok.code, ok.stderr).toBe(0);
    fs.writeFileSync(path.join(dir, 'doc.md'), `# Doc\n\n\`\`\`journeyflow\n${flow.replace(/^kind: flow$/m, 'kind: flow\ntheme: toString')}\`\`\`\n`);
    const md = await jfAsync(['md', path.join(dir, 'doc.md')], { cwd: dir });
    expectAnswered(md);
    expect(md.code).toBe(1);
    expect(md.stdout + md.stderr).toMatch(/theme "toString"/);
  });
});
