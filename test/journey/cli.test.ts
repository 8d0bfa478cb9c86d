import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { jf, SHARED_CASES, tmpDir } from '../support/cli.js';

describe('journey through the CLI', () => {
  it('reports the shared bad case at the emotion value (line 7), exit 1', async () => {
    const r = await jf(['validate', path.join(SHARED_CASES, 'bad', 'emotion.journey.yaml'), '--format', 'json']);
    expect(r.code).toBe(1);
    const d = JSON.parse(r.stdout) as Array<{ rule: string; line: number; column: number }>;
    expect(d).toContainEqual(expect.objectContaining({ rule: 'emotion-range', line: 7, column: 30 }));
  });

  it('builds the shared good case to svg, png and mmd with one jf-node per step and one jf-stage per stage', async () => {
    const out = tmpDir();
    const r = await jf(['build', path.join(SHARED_CASES, 'good', 'onboarding.journey.yaml'), '-o', out, '-f', 'svg,png,mmd']);
    expect(r.code).toBe(0);
    const svg = fs.readFileSync(path.join(out, 'onboarding.journey.svg'), 'utf8');
    const count = (cls: string) => (svg.match(new RegExp(`class="(?:[^"]*\\s)?${cls}(?=[\\s"])`, 'g')) ?? []).length;
    expect(count('jf-node')).toBe(5);
    expect(count('jf-stage')).toBe(3);
    expect(count('jf-emotion')).toBe(1);
    expect(svg).toMatch(/class="jf-diagram jf-journey"/);
    expect(fs.statSync(path.join(out, 'onboarding.journey.png')).size).toBeGreaterThan(1000);
    expect(fs.readFileSync(path.join(out, 'onboarding.journey.mmd'), 'utf8')).toMatch(/^journey$/m);
  });
});
