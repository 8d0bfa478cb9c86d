import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BIN, fixture } from '../support/cli.js';

const flow = (label: string) => `kind: flow\nnodes:\n  - { id: s, type: start, label: ${label} }\n  - { id: e, type: end }\nedges:\n  - s -> e\n`;
// Deadlines of the polls below: they only tell a hang from a slow machine.
const HANG_MS = 60000;
const children: ChildProcess[] = [];
afterEach(() => { for (const c of children.splice(0)) c.kill('SIGTERM'); });

function start(args: string[], cwd: string) {
  const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, NO_COLOR: '1' } });
  children.push(child);
  let err = '';
  child.stderr.on('data', (d) => { err += String(d); });
  const waitFor = async (re: RegExp, ms = HANG_MS): Promise<RegExpMatchArray> => {
    const end = Date.now() + ms;
    while (Date.now() < end) {
      const m = err.match(re);
      if (m) return m;
      await new Promise((r) => setTimeout(r, 25));
    }
    throw new Error(`timed out waiting for ${re}; stderr: ${err}`);
  };
  return { child, waitFor, stderr: () => err };
}

async function until(check: () => boolean, ms = HANG_MS) {
  const end = Date.now() + ms;
  while (Date.now() < end) { if (check()) return; await new Promise((r) => setTimeout(r, 20)); }
  throw new Error('condition not met in time');
}

describe('live modes', () => {
  it('build --watch rebuilds a saved file and keeps the last good SVG on errors', async () => {
    const dir = fixture({ 'a.flow.yaml': flow('第一版') });
    const w = start(['build', '.', '--watch', '-o', 'out'], dir);
    await w.waitFor(/watching/);
    const svg = path.join(dir, 'out', 'a.flow.svg');
    expect(fs.readFileSync(svg, 'utf8')).toContain('第一版');
    fs.writeFileSync(path.join(dir, 'a.flow.yaml'), flow('第二版'));
    await until(() => fs.readFileSync(svg, 'utf8').includes('第二版'));
    fs.writeFileSync(path.join(dir, 'a.flow.yaml'), flow('第三版').replace('s -> e', 's -> x'));
    await w.waitFor(/unknown-reference/);
    expect(fs.readFileSync(svg, 'utf8')).toContain('第二版');
  });

  it('serve lists diagrams, shows them, pushes a reload on save and shows errors in the page', async () => {
    const dir = fixture({ 'a.flow.yaml': flow('预览') });
    const s = start(['serve', '.', '--port', '0'], dir);
    const [, url] = await s.waitFor(/(http:\/\/127\.0\.0\.1:\d+\/)/);
    const index = await (await fetch(url)).text();
    expect(index).toContain('a.flow.yaml');
    const view = await fetch(`${url}view?file=a.flow.yaml`);
    expect(view.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(await view.text()).toContain('预览');
    expect((await fetch(`${url}view?file=../../etc/passwd`)).status).toBe(404);
    const events = await fetch(`${url}events`);
    const reader = events.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    fs.writeFileSync(path.join(dir, 'a.flow.yaml'), flow('预览').replace('s -> e', 's -> nowhere'));
    const next = new TextDecoder().decode((await reader.read()).value);
    expect(next).not.toBe(first);
    await reader.cancel();
    const broken = await (await fetch(`${url}view?file=a.flow.yaml`)).text();
    expect(broken).toContain('[unknown-reference]');
    expect(broken).not.toContain('<svg');
  });

  it('serve --follow shows at / the diagram file saved last, for an editor\'s preview pane', async () => {
    const dir = fixture({ 'a.flow.yaml': flow('甲流程'), 'b.flow.yaml': flow('乙流程') });
    // b is the newest before any save, so a following page starts on it.
    fs.utimesSync(path.join(dir, 'a.flow.yaml'), new Date(1_000_000_000_000), new Date(1_000_000_000_000));
    const s = start(['serve', '.', '--port', '0', '--follow'], dir);
    const [, url] = await s.waitFor(/(http:\/\/127\.0\.0\.1:\d+\/)/);
    expect(await (await fetch(url)).text()).toContain('乙流程');
    const events = await fetch(`${url}events`);
    const reader = events.body!.getReader();
    await reader.read();
    fs.writeFileSync(path.join(dir, 'a.flow.yaml'), flow('甲流程改'));
    await reader.read();
    await reader.cancel();
    const page = await (await fetch(url)).text();
    expect(page).toContain('甲流程改');
    expect(page).not.toContain('乙流程');
    // The list of every diagram stays one click away.
    expect(page).toContain('href="/?all"');
    const list = await (await fetch(`${url}?all`)).text();
    expect(list).toContain('view?file=a.flow.yaml');
    expect(list).toContain('view?file=b.flow.yaml');
  });
});
