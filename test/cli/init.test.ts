import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { jf, tmpDir } from '../support/cli.js';

describe('journeyflow init', () => {
  it('creates every template with a working editor schema line, and they build', async () => {
    const dir = tmpDir();
    const r = await jf(['init', dir]);
    expect(r.code, r.stderr).toBe(0);
    const files = fs.readdirSync(dir).sort();
    expect(files).toEqual(['after-sales.flow.yaml', 'conversion-funnel.funnel.yaml', 'customer-lifecycle.lifecycle.yaml', 'first-purchase.flow.yaml', 'onsite-repair.flow.yaml', 'retail-blueprint.journey.yaml', 'retail-journey.journey.yaml']);
    for (const f of files) {
      const first = fs.readFileSync(path.join(dir, f), 'utf8').split('\n').find((l) => l.startsWith('# yaml-language-server'))!;
      const schema = path.resolve(dir, first.replace('# yaml-language-server: $schema=', ''));
      expect(fs.existsSync(schema), `${f} → ${schema}`).toBe(true);
    }
    const b = await jf(['build', dir, '-f', 'svg']);
    expect(b.code, b.stderr).toBe(0);
  });

  it('creates one template, refuses to overwrite without --force, and lists templates', async () => {
    const dir = tmpDir();
    expect((await jf(['init', dir, '--template', 'first-purchase'])).code).toBe(0);
    expect(fs.readdirSync(dir)).toEqual(['first-purchase.flow.yaml']);
    const again = await jf(['init', dir, '--template', 'first-purchase']);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('--force');
    expect((await jf(['init', dir, '--template', 'first-purchase', '--force'])).code).toBe(0);
    expect((await jf(['init', dir, '--template', 'nope'])).code).toBe(2);
    expect((await jf(['init', '--list'])).stdout).toContain('customer-lifecycle');
    // Every template builds on its own, links included.
    for (const t of ['retail-journey', 'first-purchase', 'after-sales', 'customer-lifecycle']) {
      const alone = tmpDir();
      expect((await jf(['init', alone, '--template', t])).code).toBe(0);
      const b = await jf(['build', alone]);
      expect(b.code, `${t}: ${b.stderr}`).toBe(0);
    }
  });
});
