import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkSource } from '../../src/compile.js';
import { readSchema } from '../../src/validate/schema.js';
import { ROOT } from '../support/cli.js';
import { EXAMPLES } from './helpers.js';

/** Every entry of every `properties` map (and every $defs entry) needs a description (SPEC §2). */
function missingDescriptions(node: unknown, at: string, out: string[]): string[] {
  if (!node || typeof node !== 'object') return out;
  const o = node as Record<string, unknown>;
  for (const map of ['properties', '$defs'] as const) {
    const props = o[map] as Record<string, Record<string, unknown>> | undefined;
    if (!props) continue;
    for (const [k, v] of Object.entries(props)) {
      if (typeof v.description !== 'string' || !v.description) out.push(`${at}/${map}/${k}`);
    }
  }
  for (const [k, v] of Object.entries(o)) if (v && typeof v === 'object') missingDescriptions(v, `${at}/${k}`, out);
  return out;
}

describe('journey schema', () => {
  const schema = readSchema('journey');

  it('describes every property and forbids unknown fields', () => {
    expect(missingDescriptions(schema, '#', [])).toEqual([]);
    expect(schema.additionalProperties).toBe(false);
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
  });

  it('suggests the field name for a misspelt one, at its key', () => {
    const d = checkSource('kind: journey\nstages:\n  - id: a\n    steps:\n      - label: x\n        emotoin: 3\n', { file: 't.yaml' }).diagnostics;
    expect(d.map((x) => [x.rule, x.line, x.column])).toContainEqual(['schema', 6, 9]);
    expect(d.find((x) => x.rule === 'schema')?.message).toContain('did you mean "emotion"');
  });

  it('accepts KPI figures as strings or numbers, and rejects lists there', () => {
    const ok = checkSource('kind: journey\nstages:\n  - id: a\n    kpis: [{ label: k, value: 35%, target: 0.5 }]\n    steps: [{ label: x }]\n', { file: 't.yaml' });
    expect(ok.diagnostics.filter((d) => d.rule === 'schema')).toEqual([]);
    const bad = checkSource('kind: journey\nstages:\n  - id: a\n    kpis: [{ label: k, value: [1] }]\n    steps: [{ label: x }]\n', { file: 't.yaml' });
    expect(bad.diagnostics.filter((d) => d.rule === 'schema').map((d) => d.line)).toEqual([4]);
  });

  it('the journey examples are free of errors and warnings', () => {
    const files = fs.readdirSync(EXAMPLES).filter((f) => f.endsWith('.journey.yaml'));
    expect(files.length).toBeGreaterThanOrEqual(2);
    for (const f of files) {
      const abs = path.join(EXAMPLES, f);
      const r = checkSource(fs.readFileSync(abs, 'utf8'), { file: f, absPath: abs, root: ROOT });
      expect(r.diagnostics, f).toEqual([]);
    }
  });
});
