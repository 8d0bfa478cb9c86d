import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, jf, tmpDir } from '../support/cli.js';

const good = 'kind: flow\nnodes:\n  - { id: s, type: start }\n  - { id: e, type: end }\nedges:\n  - s -> e\n';

describe('journeyflow check', () => {
  it('passes when every output is current, and names missing and stale ones with the fixing command', async () => {
    const dir = fixture({ 'a.flow.yaml': good, 'b.flow.yaml': good });
    const out = tmpDir();
    expect((await jf(['build', dir, '-o', out, '-f', 'svg,mmd'])).code).toBe(0);
    expect((await jf(['check', dir, '-o', out, '-f', 'svg,mmd'])).code).toBe(0);
    fs.writeFileSync(path.join(out, 'a.flow.svg'), '<svg/>');
    fs.rmSync(path.join(out, 'b.flow.mmd'));
    const r = await jf(['check', dir, '-o', out, '-f', 'svg,mmd']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/stale: +.*a\.flow\.svg/);
    expect(r.stdout).toMatch(/missing: .*b\.flow\.mmd/);
    expect(r.stdout).toContain(`run: journeyflow build ${dir} -o ${out} -f svg,mmd`);
    // check never writes.
    expect(fs.readFileSync(path.join(out, 'a.flow.svg'), 'utf8')).toBe('<svg/>');
  });

  it('fails on input errors even when outputs exist', async () => {
    const dir = fixture({ 'a.flow.yaml': good });
    await jf(['build', dir]);
    fs.writeFileSync(path.join(dir, 'a.flow.yaml'), good.replace('s -> e', 's -> x'));
    const r = await jf(['check', dir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('[unknown-reference]');
  });
});
