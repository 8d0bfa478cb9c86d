import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { poolThreads } from '../../src/cli/pool.js';
import { ROOT, tmpDir } from '../support/cli.js';
import { chainFlow, jsonDiagnostics } from './helpers.js';
import { expectAnswered, jfAsync } from './run-async.js';

// The low-severity findings of issue 24, each through the CLI as a user meets it.

const dir = tmpDir('jf-low-');
const write = (name: string, text: string | Buffer): string => { const f = path.join(dir, name); fs.mkdirSync(path.dirname(f), { recursive: true }); fs.writeFileSync(f, text); return f; };

describe('low items of issue 24', () => {
  it('huge counts are refused at their line, not shown as "Infinity customers"', async () => {
    const file = write('big.funnel.yaml', 'kind: funnel\nstages:\n  - { id: a, label: A, count: 1e400 }\n  - { id: b, label: B, count: 1234567890123456789012 }\n');
    const r = await jfAsync(['build', '--format', 'json', '-f', 'svg,txt', '-o', path.join(dir, 'out'), file]);
    expectAnswered(r);
    expect(r.code).toBe(1);
    expect(jsonDiagnostics(r).map((d) => [d.rule, d.line])).toEqual([['input-too-large', 3], ['input-too-large', 4]]);
    expect(fs.existsSync(path.join(dir, 'out', 'big.funnel.svg'))).toBe(false);
  });

  it('--scale 0.001 (and 0, and 17) is a usage error naming the range', async () => {
    const file = write('a.flow.yaml', chainFlow(2));
    for (const s of ['0.001', '0', '17', 'x']) {
      const r = await jfAsync(['build', '-f', 'png', '-s', s, '-o', path.join(dir, 'out'), file]);
      expectAnswered({ ...r, code: r.code === 2 ? 1 : r.code });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/--scale must be a number from 0\.1 to 16/);
    }
  });

  it('a missing, random or truncated --font is a usage error saying which and why', async () => {
    const file = write('b.flow.yaml', chainFlow(2));
    const real = fs.readFileSync(path.join(ROOT, 'fonts', 'JourneyflowSansHans-Regular.otf'));
    const cases: Array<[string, RegExp]> = [
      [path.join(dir, 'missing.ttf'), /does not exist/],
      [write('random.ttf', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919) % 256))), /is not a TrueType or OpenType font/],
      [write('truncated.otf', real.subarray(0, 5000)), /is truncated/],
      [dir, /is not a regular file/],
    ];
    for (const [font, message] of cases) {
      const r = await jfAsync(['build', '-f', 'png', '--font', font, '-o', path.join(dir, 'out'), file]);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toContain(`font "${font}"`);
      expect(r.stderr).toMatch(message);
    }
    const ok = await jfAsync(['build', '-f', 'png', '--font', path.join(ROOT, 'fonts', 'JourneyflowSansHans-Regular.otf'), '-o', path.join(dir, 'out'), file]);
    expect(ok.code, ok.stderr).toBe(0);
  });

  it('-j 64 is capped at the cores (and memory), never more threads than files', () => {
    const cores = typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
    expect(poolThreads(64, 200)).toBeLessThanOrEqual(cores);
    expect(poolThreads(64, 200)).toBeGreaterThanOrEqual(1);
    expect(poolThreads(64, 1)).toBe(1);
    expect(poolThreads(1, 200)).toBe(1);
  });

  it('a journeyflow.config.yaml in a parent folder is named on standard error; one in the working folder is not', async () => {
    const project = tmpDir('jf-low-config-');
    fs.writeFileSync(path.join(project, 'journeyflow.config.yaml'), 'out: built\n');
    fs.mkdirSync(path.join(project, 'docs', 'deep'), { recursive: true });
    fs.writeFileSync(path.join(project, 'docs', 'deep', 'c.flow.yaml'), chainFlow(2));
    const away = await jfAsync(['build', 'c.flow.yaml'], { cwd: path.join(project, 'docs', 'deep') });
    expectAnswered(away);
    expect(away.code, away.stderr).toBe(0);
    expect(away.stderr).toContain(`using settings from ${path.join(project, 'journeyflow.config.yaml')}`);
    const here = await jfAsync(['build', path.join('docs', 'deep', 'c.flow.yaml')], { cwd: project });
    expect(here.code, here.stderr).toBe(0);
    expect(here.stderr).not.toMatch(/using settings/);
  });

  it('UTF-16 files with a byte order mark are read, named or found in a folder scan', async () => {
    const text = `\ufeff${chainFlow(2, (i) => `步骤 ${i}`)}`;
    const le = write('u16/le.flow.yaml', Buffer.from(text, 'utf16le'));
    const be = Buffer.from(text, 'utf16le');
    for (let i = 0; i + 1 < be.length; i += 2) [be[i], be[i + 1]] = [be[i + 1], be[i]];
    write('u16/be.flow.yaml', be);
    const one = await jfAsync(['validate', '--format', 'json', le]);
    expectAnswered(one);
    expect(jsonDiagnostics(one)).toEqual([]);
    const scan = await jfAsync(['build', '-f', 'svg', '-o', path.join(dir, 'u16-out'), path.join(dir, 'u16')]);
    expectAnswered(scan);
    expect(scan.code, scan.stderr).toBe(0);
    expect(fs.readdirSync(path.join(dir, 'u16-out')).sort()).toEqual(['.journeyflow-manifest.json', 'be.flow.svg', 'le.flow.svg']);
    expect(fs.readFileSync(path.join(dir, 'u16-out', 'le.flow.svg'), 'utf8')).toContain('步骤 1');
  });
});
