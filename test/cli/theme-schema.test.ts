/*
 * Theme files are checked against schemas/theme.schema.json with the diagnostics diagrams get:
 * file:line:col, rule `schema`, "did you mean"; a typo is an error, not a silently ignored key.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkSource, drawDocument } from '../../src/compile.js';
import { BUILTIN_THEMES } from '../../src/render/themes.js';
import { fixture, jf, ROOT } from '../support/cli.js';

const FLOW = 'kind: flow\ntheme: brand.yaml\nnodes:\n  - { id: s, type: start, label: 开始 }\n  - { id: e, type: end, label: 结束 }\nedges:\n  - s -> e\n';
const SCHEMA = JSON.parse(fs.readFileSync(path.join(ROOT, 'schemas', 'theme.schema.json'), 'utf8'));

function check(themeText: string) {
  const dir = fixture({ 'x.flow.yaml': FLOW, 'brand.yaml': themeText });
  const absPath = path.join(dir, 'x.flow.yaml');
  const result = checkSource(FLOW, { file: 'x.flow.yaml', absPath, root: dir });
  const themeFile = path.relative(process.cwd(), path.join(dir, 'brand.yaml'));
  return { ...result, absPath, dir, themeFile };
}

describe('theme files: a JSON Schema and the diagrams\' diagnostics', () => {
  it('reports `backgroud:` at its line and column with "did you mean"', () => {
    const { diagnostics, documents, themeFile } = check('extends: default\nbackgroud: "#102030"\n');
    expect(diagnostics).toMatchObject([{ file: themeFile, line: 2, column: 1, rule: 'schema', severity: 'error', path: '/backgroud' }]);
    expect(diagnostics[0].message).toBe('unknown field "backgroud"; did you mean "background"?');
    expect(documents[0].ok).toBe(false);
  });

  it('refuses colours that are not literals, and values that are not colours, each at its line', () => {
    const { diagnostics, themeFile } = check('node:\n  fill: "#zzz"\n  stroke: 12\ndecision:\n  stroke: var(--brand)\nseries: [red, "url(#x)"]\nshadow: "#000"\n');
    const at = diagnostics.map((d) => `${d.file === themeFile ? 'theme' : d.file}:${d.line}:${d.column} ${d.rule} ${d.path}`);
    expect(at).toEqual([
      'theme:2:9 schema /node/fill',
      'theme:3:11 schema /node/stroke',
      'theme:5:11 schema /decision/stroke',
      'theme:6:15 schema /series/1',
      'theme:7:1 schema /shadow',
    ]);
    expect(diagnostics[0].message).toMatch(/"fill" "#zzz" is not valid: a literal colour/);
    expect(diagnostics[1].message).toBe('"stroke" must be a string, got number 12');
  });

  it('accepts hex, rgb(), hsl() and named colours, and draws with them', async () => {
    const { diagnostics, documents, absPath, dir } = check('extends: dark\nbackground: "hsl(210, 40%, 12%)"\nterminal: { fill: "rgb(10, 20, 30)", stroke: rebeccapurple }\nseries: ["#abc", "#a1b2c3d4"]\n');
    expect(diagnostics).toEqual([]);
    const { svg } = await drawDocument(documents[0], { absPath, root: dir });
    expect(svg).toContain('hsl(210, 40%, 12%)');
    expect(svg).toContain('rgb(10, 20, 30)');
    expect(svg).toContain(BUILTIN_THEMES.dark.edge);
  });

  it('names every key of the Theme and only those (the schema documents what a theme can set)', () => {
    const keys = (v: object) => Object.keys(v).filter((k) => k !== 'name').sort();
    expect(keys(SCHEMA.properties).filter((k) => k !== 'extends')).toEqual(keys(BUILTIN_THEMES.default));
    for (const [key, value] of Object.entries(BUILTIN_THEMES.default)) {
      if (value && typeof value === 'object' && !Array.isArray(value)) expect(Object.keys(SCHEMA.properties[key].properties).sort(), key).toEqual(Object.keys(value).sort());
      expect(SCHEMA.properties[key].description, key).toBeTruthy();
    }
  });

  it('knows the CSS colour names of the kept `color-name` list, and no other words', () => {
    const names = Object.keys(createRequire(import.meta.url)('color-name')).concat('transparent');
    const colour = new RegExp(SCHEMA.$defs.colour.pattern);
    for (const name of names) expect(colour.test(name), name).toBe(true);
    for (const word of ['blu', 'background', 'var(--brand)', 'inherit', 'currentColor']) expect(colour.test(word), word).toBe(false);
  });

  it('is printed by `journeyflow schema theme`', async () => {
    const r = await jf(['schema', 'theme']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(SCHEMA);
  });
});
