/*
 * jf() runs the CLI in the test's own process (test/support/cli.ts). Each run must see what a new
 * process would: its own stdin, cwd and environment, and no state left by an earlier run.
 */
import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { fixture, jf, PURE_STATE, ROOT, RUN_STATE } from '../support/cli.js';

const flow = (title: string, extra = '') => `kind: flow\ntitle: ${title}\n${extra}nodes:\n  - { id: s, type: start }\n  - { id: e, type: end }\nedges:\n  - s -> e\n`;

/** Top-level declarations of a module that can hold state: let/var, or a const bound to an empty Map, Set, array or object. */
function moduleState(file: string): string[] {
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
  const found: string[] = [];
  for (const statement of source.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    const list = statement.declarationList;
    const constant = (list.flags & ts.NodeFlags.Const) !== 0;
    for (const d of list.declarations) {
      const init = d.initializer;
      const emptyCollection = !!init && ((ts.isNewExpression(init) && !init.arguments?.length) || (ts.isArrayLiteralExpression(init) && !init.elements.length) || (ts.isObjectLiteralExpression(init) && !init.properties.length));
      if (!constant || emptyCollection) found.push(d.name.getText(source));
    }
  }
  return found;
}

describe('the CLI run in-process', () => {
  it('reads the given standard input, and a run without input reads nothing (not the runner\'s stdin)', async () => {
    const given = await jf(['build', '-', '-o', '-', '-f', 'mmd'], { input: flow('第一') });
    expect(given.code, given.stderr).toBe(0);
    expect(given.stdout).toContain('第一');
    // Empty input: nothing to report, nothing left over from the run before.
    const none = await jf(['validate', '-', '--format', 'json']);
    expect(none.code, none.stderr).toBe(0);
    expect(JSON.parse(none.stdout)).toEqual([]);
  });

  it('runs in the given folder with the given environment, and restores both afterwards', async () => {
    const dir = fixture({ 'a.flow.yaml': flow('a') });
    const cwd = process.cwd();
    const before = { NO_COLOR: process.env.NO_COLOR, JF_HARNESS_PROBE: process.env.JF_HARNESS_PROBE };
    const r = await jf(['build', 'a.flow.yaml', '-o', 'out'], { cwd: dir, env: { JF_HARNESS_PROBE: 'set' } });
    expect(r.code, r.stderr).toBe(0);
    expect(fs.existsSync(path.join(dir, 'out', 'a.flow.svg'))).toBe(true);
    expect(process.cwd()).toBe(cwd);
    expect({ NO_COLOR: process.env.NO_COLOR, JF_HARNESS_PROBE: process.env.JF_HARNESS_PROBE }).toEqual(before);
  });

  it('leaves no signal listener behind (the Ctrl-C cleanup of written files)', async () => {
    const counts = () => ['SIGINT', 'SIGTERM'].map((s) => process.listenerCount(s));
    const before = counts();
    const dir = fixture({ 'a.flow.yaml': flow('a') });
    for (let i = 0; i < 3; i++) expect((await jf(['build', dir])).code).toBe(0);
    expect(counts()).toEqual(before);
  });

  it('starts each run without the caches of the last one: a theme file edited between runs is read again', async () => {
    const dir = fixture({ 'brand.yaml': 'extends: default\nbackground: "#fffbe6"\n', 'a.flow.yaml': flow('a', 'theme: brand.yaml\n') });
    const svg = () => fs.readFileSync(path.join(dir, 'a.flow.svg'), 'utf8');
    expect((await jf(['build', dir])).code).toBe(0);
    expect(svg()).toContain('#fffbe6');
    fs.writeFileSync(path.join(dir, 'brand.yaml'), 'extends: default\nbackground: "#e6f7ff"\n');
    expect((await jf(['build', dir])).code).toBe(0);
    expect(svg()).toContain('#e6f7ff');
    expect(svg()).not.toContain('#fffbe6');
  });

  it('knows every src/ module with module-level state: reset per run, or a cache of the repository\'s own files', () => {
    const src = path.join(ROOT, 'src');
    const stateful = (fs.readdirSync(src, { recursive: true }) as string[]).map(String).filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
      .map((f) => `src/${f.split(path.sep).join('/')}`).filter((f) => moduleState(path.join(ROOT, f)).length).sort();
    expect(stateful).toEqual([...Object.keys(RUN_STATE), ...Object.keys(PURE_STATE)].sort());
  });
});
