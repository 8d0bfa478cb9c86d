/*
 * Every registered kind is complete (issue 16): it has a schema, examples, golden cases, a README
 * section showing it, and a row in the README's rules table for each of its rules. A kind added to
 * the registry without one of these fails here, naming what is missing.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { KIND_DEFINITIONS } from '../../src/kinds/registry.js';
import { ROOT } from '../support/cli.js';

const README = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');

/** The README's `## ` sections by heading. */
const SECTIONS = README.split(/^(?=## )/m).map((text) => ({ heading: text.split('\n')[0], text }));

/** Rows of the table in the `## Rules` section: the rule ids of the first cell, and the kinds of the second. */
function ruleRows(): Array<{ ids: string[]; kinds: string[] }> {
  const rules = SECTIONS.find((s) => s.heading.trim() === '## Rules');
  if (!rules) return [];
  return rules.text.split('\n').filter((l) => l.startsWith('| `')).map((line) => {
    const [ids, kinds] = line.split('|').slice(1, 3);
    return { ids: [...ids.matchAll(/`([^`]+)`/g)].map((m) => m[1]), kinds: kinds.split(',').map((k) => k.trim()) };
  });
}

describe('every registered kind is complete', () => {
  it('the registry has kinds (sanity)', () => {
    expect(KIND_DEFINITIONS.length).toBeGreaterThanOrEqual(3);
  });

  it('every schema in schemas/ is a registered kind\'s, or the theme files\' (theme.schema.json)', () => {
    const kinds = KIND_DEFINITIONS.map((d) => `${d.kind}.schema.json`);
    const others = fs.readdirSync(path.join(ROOT, 'schemas')).filter((f) => !kinds.includes(f));
    expect(others).toEqual(['theme.schema.json']);
  });

  for (const definition of KIND_DEFINITIONS) {
    const kind = definition.kind;
    describe(kind, () => {
      it(`has a JSON Schema: schemas/${kind}.schema.json`, () => {
        expect(fs.existsSync(path.join(ROOT, 'schemas', `${kind}.schema.json`))).toBe(true);
      });

      it(`has at least one example: examples/*.${kind}.yaml`, () => {
        const examples = fs.readdirSync(path.join(ROOT, 'examples')).filter((f) => f.endsWith(`.${kind}.yaml`) || f.endsWith(`.${kind}.yml`));
        expect(examples.length).toBeGreaterThan(0);
      });

      it(`has golden cases under test/golden/${kind}/`, () => {
        const folder = path.join(ROOT, 'test', 'golden', kind);
        const cases = fs.existsSync(folder) ? fs.readdirSync(folder).filter((f) => fs.statSync(path.join(folder, f)).isDirectory()) : [];
        expect(cases.length, 'run UPDATE_GOLDEN=1 npx vitest run test/golden to write them').toBeGreaterThan(0);
      });

      it('has a README section that shows a document of the kind', () => {
        const showing = SECTIONS.filter((s) => new RegExp(`^kind: ${kind}\\s*$`, 'm').test(s.text));
        expect(showing.map((s) => s.heading), `a "## …" section of README.md with a \`kind: ${kind}\` example`).not.toEqual([]);
      });

      it('has every rule in the README rules table, with the kind (or "all") in its kinds column', () => {
        const rows = ruleRows();
        const missing = definition.rules.map((r) => r.id).filter((id) => !rows.some((row) => row.ids.includes(id) && (row.kinds.includes(kind) || row.kinds.includes('all'))));
        expect(missing, 'rules of this kind missing from the "## Rules" table of README.md').toEqual([]);
      });

      it('has its templates made from examples of the repository', () => {
        const files = Object.values(definition.templates).flatMap((t) => t.files.map(([source]) => source));
        expect(files.filter((f) => !fs.existsSync(path.join(ROOT, 'examples', f)))).toEqual([]);
      });
    });
  }
});
