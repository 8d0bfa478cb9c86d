import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, jf, SHARED_CASES } from '../support/cli.js';

const broken = `kind: flow
nodes:
  - { id: s, type: start }
  - { id: e, type: end }
edges:
  - s -> pay
`;

describe('journeyflow validate', () => {
  it('prints file:line:col, rule and message with a code frame', async () => {
    const dir = fixture({ 'bad.flow.yaml': broken });
    const r = await jf(['validate', path.join(dir, 'bad.flow.yaml')], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('bad.flow.yaml:6:10 error [unknown-reference] edge target "pay" is not a node of this flow');
    expect(r.stdout).toContain('> 6 |   - s -> pay');
    expect(r.stdout).toMatch(/\|\s+\^\^\^/);
  });

  it('prints JSON with every field of the contract', async () => {
    const dir = fixture({ 'bad.flow.yaml': broken });
    const r = await jf(['validate', path.join(dir, 'bad.flow.yaml'), '--format', 'json']);
    const d = JSON.parse(r.stdout);
    const hit = d.find((x: { rule: string }) => x.rule === 'unknown-reference');
    expect(Object.keys(hit).sort()).toEqual(['column', 'endColumn', 'endLine', 'file', 'line', 'message', 'path', 'rule', 'severity']);
    expect(hit).toMatchObject({ line: 6, column: 10, endLine: 6, endColumn: 13, severity: 'error', path: '/edges/0' });
  });

  it('prints GitHub annotations', async () => {
    const dir = fixture({ 'bad.flow.yaml': broken });
    const r = await jf(['validate', path.join(dir, 'bad.flow.yaml'), '--format', 'github']);
    expect(r.stdout).toMatch(/^::error file=.*bad\.flow\.yaml,line=6,col=10,endLine=6,endColumn=13,title=unknown-reference::edge target "pay" is not a node of this flow$/m);
  });

  it('exits 0 for valid input and counts documents', async () => {
    const r = await jf(['validate', 'examples']);
    expect(r.code, r.stdout).toBe(0);
    expect(r.stderr).toMatch(/diagram\(s\) in \d+ file\(s\) checked; 0 errors/);
  });

  it('rejects the shared bad cases at the expected line and rule', async () => {
    const rows = fs.readFileSync(path.join(SHARED_CASES, 'bad', 'expected.tsv'), 'utf8').trim().split('\n').slice(1);
    for (const row of rows) {
      const [file, line, rule] = row.split('\t');
      const r = await jf(['validate', path.join(SHARED_CASES, 'bad', file), '--format', 'json']);
      expect(r.code, file).toBe(1);
      expect(JSON.parse(r.stdout).some((d: { rule: string; line: number }) => d.rule === rule && d.line === Number(line)), `${file}: ${r.stdout}`).toBe(true);
    }
  });

  it('answers hostile YAML with a diagnostic, never a stack trace', async () => {
    const bomb = `a: &a ["x","x","x","x","x","x","x","x","x"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: [*e,*e,*e,*e,*e,*e,*e,*e,*e]\nkind: flow\n`;
    const deep = `kind: flow\nnodes: ${'['.repeat(200)}${']'.repeat(200)}\n`;
    const dir = fixture({ 'bomb.yaml': bomb, 'deep.yaml': deep, 'tabs.yaml': 'kind: flow\n\tnodes: [}\n', 'list.yaml': '- kind: flow\n', 'empty.yaml': '', 'kindless.yaml': 'title: x\n', 'other.yaml': 'kind: sequence\n' });
    for (const f of fs.readdirSync(dir)) {
      const r = await jf(['validate', path.join(dir, f), '--format', 'json']);
      expect([0, 1], f).toContain(r.code);
      expect(r.stderr + r.stdout, f).not.toMatch(/\n\s+at [\w.<]+ \(/);
    }
    const b = JSON.parse((await jf(['validate', path.join(dir, 'bomb.yaml'), '--format', 'json'])).stdout);
    expect(b[0].rule).toBe('input-too-large');
    const d = JSON.parse((await jf(['validate', path.join(dir, 'deep.yaml'), '--format', 'json'])).stdout);
    expect(d[0].rule).toBe('input-too-large');
  });

  it('refuses a file over the size bound without parsing it', async () => {
    const dir = fixture({ 'big.flow.yaml': `kind: flow\n# ${'x'.repeat(3000)}\n` });
    const r = await jf(['validate', path.join(dir, 'big.flow.yaml'), '--format', 'json', '--max-bytes', '1000']);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)[0]).toMatchObject({ rule: 'input-too-large', line: 1 });
  });

  it('prints each kind\'s JSON Schema', async () => {
    const r = await jf(['schema', 'flow']);
    const schema = JSON.parse(r.stdout);
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect((await jf(['schema', 'nope'])).code).toBe(2);
  });
});
