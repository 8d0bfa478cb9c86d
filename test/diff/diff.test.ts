import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixture, jf, tmpDir, type CliResult } from '../support/cli.js';

const FLOW_OLD = `kind: flow
id: orders
title: Order handling
nodes:
  - { id: start, type: start, label: Order placed }
  - { id: check, label: Quality check }
  - { id: pack, label: Pack goods }
  - { id: done, type: end, label: Shipped }
edges:
  - start -> check -> pack -> done
`;
// One node added (gift), one removed (check), one label changed (pack).
const FLOW_NEW = `kind: flow
id: orders
title: Order handling
nodes:
  - { id: start, type: start, label: Order placed }
  - { id: pack, label: Pack and label goods }
  - { id: gift, label: Add gift card }
  - { id: done, type: end, label: Shipped }
edges:
  - start -> pack -> gift -> done
`;

const JOURNEY_OLD = `kind: journey
title: Buying
scale: { min: -2, max: 2 }
stages:
  - id: browse
    label: Browse
    steps:
      - { label: Search, emotion: 1 }
      - { label: Compare, emotion: 0 }
  - id: buy
    label: Buy
    steps:
      - { label: Pay online, emotion: -2 }
`;
const JOURNEY_NEW = JOURNEY_OLD.replace('{ label: Pay online, emotion: -2 }', '{ label: Pay online, emotion: 1 }').replace('{ label: Compare, emotion: 0 }', '{ label: Compare, emotion: -1 }');

const LIFE_OLD = `kind: lifecycle
title: Tiers
states:
  - { id: new, label: New, count: 100 }
  - { id: active, label: Active, count: 50 }
  - { id: lost, label: Lost, final: true }
transitions:
  - new -> active
  - active -> lost
`;
const LIFE_NEW = LIFE_OLD.replace('  - active -> lost\n', '  - active -> lost\n  - { from: lost, to: active, label: Win back, rate: 5% }\n');

/** Class lists of the SVG's elements that carry a diff mark. */
function marked(svg: string, mark: string): string[] {
  return [...svg.matchAll(/class="([^"]*)"/g)].map((m) => m[1]).filter((c) => c.split(' ').includes(`jf-${mark}`));
}

const ids = (svg: string, mark: string) => [...svg.matchAll(/<g class="([^"]*)"([^>]*)>/g)].filter((m) => m[1].split(' ').includes(`jf-${mark}`)).map((m) => m[2].match(/data-id="([^"]*)"/)?.[1] ?? `${m[2].match(/data-from="([^"]*)"/)?.[1]}->${m[2].match(/data-to="([^"]*)"/)?.[1]}`).sort();

describe('journeyflow diff: flows', () => {
  const dir = fixture({ 'old/orders.flow.yaml': FLOW_OLD, 'new/orders.flow.yaml': FLOW_NEW });
  let r: CliResult;
  let svg = '';
  let md = '';
  beforeAll(async () => {
    r = await jf(['diff', path.join(dir, 'old/orders.flow.yaml'), path.join(dir, 'new/orders.flow.yaml'), '-f', 'svg,md,txt']);
    svg = fs.readFileSync(path.join(dir, 'new/orders.flow.diff.svg'), 'utf8');
    md = fs.readFileSync(path.join(dir, 'new/orders.flow.diff.md'), 'utf8');
  });

  it('writes <new>.diff.svg/md/txt beside the new file and exits 0', () => {
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/4 added, 4 removed, 1 changed/);
    expect(fs.existsSync(path.join(dir, 'new/orders.flow.diff.txt'))).toBe(true);
  });

  it('marks exactly the added, removed and changed nodes and edges', () => {
    expect(svg).toMatch(/class="jf-diagram jf-flow jf-diff"/);
    expect(ids(svg, 'added')).toEqual(['gift', 'gift->done', 'pack->gift', 'start->pack'].sort());
    expect(ids(svg, 'removed')).toEqual(['check', 'check->pack', 'pack->done', 'start->check'].sort());
    expect(ids(svg, 'changed')).toEqual(['pack']);
    expect(marked(svg, 'added').filter((c) => c.includes('jf-node'))).toHaveLength(1);
    expect(marked(svg, 'removed').filter((c) => c.includes('jf-node'))).toHaveLength(1);
    expect(marked(svg, 'changed').filter((c) => c.includes('jf-node'))).toHaveLength(1);
  });

  it('keeps removed nodes drawn (faded), puts old values in a <title>, badges and a legend', () => {
    const removed = svg.match(/<g class="jf-node jf-activity jf-removed"[^>]*>[\s\S]*?<\/g>/)![0];
    expect(removed).toMatch(/Quality check/);
    expect(removed).toMatch(/opacity="0\.4"/);
    const changed = svg.match(/<g class="jf-node jf-activity jf-changed"[^>]*>\s*<title>([^<]*)<\/title>/)![1];
    expect(changed).toMatch(/label: Pack goods/);
    expect(svg).toMatch(/class="jf-diff-badge jf-badge-added"/);
    expect(svg).toMatch(/class="jf-legend jf-diff-legend"/);
    expect(svg).not.toMatch(/<script|var\(|color-mix/);
  });

  it('summarises counts and every change in Markdown with the image link', () => {
    expect(md).toMatch(/\*\*4 added, 4 removed, 1 changed\*\*/);
    expect(md).toMatch(/\| nodes \| 1 \| 1 \| 1 \|/);
    expect(md).toMatch(/\| edges \| 3 \| 3 \| 0 \|/);
    expect(md).toMatch(/!\[diff of orders\]\(orders\.flow\.diff\.svg\)/);
    expect(md).toMatch(/\| ~ \| node \| `pack` \| Pack and label goods \| label: Pack goods → Pack and label goods \|/);
    expect(md).toMatch(/\| \+ \| node \| `gift` \|/);
    expect(md).toMatch(/\| − \| node \| `check` \|/);
  });

  it('--exit-code gives 1 when something changed; -o - writes one format to stdout', async () => {
    const e = await jf(['diff', path.join(dir, 'old/orders.flow.yaml'), path.join(dir, 'new/orders.flow.yaml'), '--exit-code', '-f', 'md', '-o', '-', '--image-base', 'https://example.com/pr-1']);
    expect(e.code).toBe(1);
    expect(e.stdout).toMatch(/## journeyflow diff/);
  });
});

describe('journeyflow diff: labels and cells', () => {
  it('outlines the label of a changed edge in the change colour', async () => {
    const old = FLOW_OLD.replace('  - start -> check -> pack -> done\n', '  - start -> check\n  - { from: check, to: pack, label: passed }\n  - pack -> done\n');
    const dir = fixture({ 'a.flow.yaml': old, 'b.flow.yaml': old.replace('label: passed', 'label: passed twice') });
    const r = await jf(['diff', path.join(dir, 'a.flow.yaml'), path.join(dir, 'b.flow.yaml'), '-f', 'svg']);
    expect(r.code, r.stderr).toBe(0);
    const svg = fs.readFileSync(path.join(dir, 'b.flow.diff.svg'), 'utf8');
    expect(ids(svg, 'changed')).toEqual(['check->pack']);
    const edge = svg.match(/<g class="jf-edge jf-changed"[\s\S]*?<\/g>/)![0];
    expect(edge).toMatch(/<rect class="jf-edge-label-bg"[^>]*stroke="#d97706"/);
    expect(edge).toMatch(/passed twice/);
  });

  it('fades a removed journey step in every row, not only its step box', async () => {
    const old = `kind: journey
title: Buying
lanes: [steps, channels, thoughts, pains, opportunities, emotion]
channels:
  - { id: app, label: App }
  - { id: web, label: Website }
stages:
  - id: browse
    label: Browse
    steps:
      - { id: search, label: Search, emotion: 1, channels: [app], thought: Where is it, pains: [Slow search], opportunities: [Better search] }
      - { id: compare, label: Compare, emotion: 0, channels: [web], thought: Which one, pains: [Too many tabs], opportunities: [Side by side] }
`;
    const dir = fixture({ 'a.journey.yaml': old, 'b.journey.yaml': old.replace(/ {6}- \{ id: compare[^\n]*\n/, '') });
    const r = await jf(['diff', path.join(dir, 'a.journey.yaml'), path.join(dir, 'b.journey.yaml'), '-f', 'svg']);
    expect(r.code, r.stderr).toBe(0);
    const svg = fs.readFileSync(path.join(dir, 'b.journey.diff.svg'), 'utf8');
    expect(ids(svg, 'removed')).toEqual(['compare']);
    const cells = (step: string) => [...svg.matchAll(new RegExp(`<g class="jf-cell" data-step="${step}">([\\s\\S]*?)</g>\\s*(?=<g class="jf-cell"|<path|</g>)`, 'g'))].map((m) => m[1]);
    const removed = cells('compare');
    expect(removed.length).toBeGreaterThanOrEqual(4); // channels, thoughts, pains, opportunities
    for (const c of removed) expect(c).toMatch(/opacity="0\.4"/);
    for (const c of cells('search')) expect(c).not.toMatch(/opacity="0\.4"/);
  });
});

describe('journeyflow diff: identical inputs, usage and bad input', () => {
  it('gives no marks and exits 0 even with --exit-code', async () => {
    const dir = fixture({ 'a.flow.yaml': FLOW_OLD, 'b.flow.yaml': FLOW_OLD });
    const r = await jf(['diff', path.join(dir, 'a.flow.yaml'), path.join(dir, 'b.flow.yaml'), '--exit-code', '-f', 'svg,md']);
    expect(r.code, r.stderr).toBe(0);
    const svg = fs.readFileSync(path.join(dir, 'b.flow.diff.svg'), 'utf8');
    for (const m of ['added', 'removed', 'changed']) expect(marked(svg, m)).toEqual([]);
    expect(fs.readFileSync(path.join(dir, 'b.flow.diff.md'), 'utf8')).toMatch(/\*\*no changes\*\*/);
  });

  it('exits 2 on usage errors and 1 with diagnostics on bad input', async () => {
    const dir = fixture({ 'a.flow.yaml': FLOW_OLD, 'bad.flow.yaml': 'kind: flow\nnodes: 3\n' });
    expect((await jf(['diff', path.join(dir, 'a.flow.yaml')])).code).toBe(2);
    expect((await jf(['diff', path.join(dir, 'a.flow.yaml'), path.join(dir, 'a.flow.yaml'), '-f', 'gif'])).code).toBe(2);
    const bad = await jf(['diff', path.join(dir, 'a.flow.yaml'), path.join(dir, 'bad.flow.yaml')]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/bad\.flow\.yaml:2:\d+ error \[schema\]/);
  });
});

describe('journeyflow diff: journeys and lifecycles', () => {
  it('draws the old emotion curve dashed beside the new one, with the change per step', async () => {
    const dir = fixture({ 'old.journey.yaml': JOURNEY_OLD, 'new.journey.yaml': JOURNEY_NEW });
    const r = await jf(['diff', path.join(dir, 'old.journey.yaml'), path.join(dir, 'new.journey.yaml'), '-f', 'svg,md']);
    expect(r.code, r.stderr).toBe(0);
    const svg = fs.readFileSync(path.join(dir, 'new.journey.diff.svg'), 'utf8');
    expect(svg.match(/class="jf-emotion"/g)).toHaveLength(1);
    expect(svg.match(/class="jf-emotion jf-emotion-old"[^>]*stroke-dasharray/g)).toHaveLength(1);
    expect(ids(svg, 'changed')).toEqual(['browse-2', 'buy-1']);
    expect(svg).toMatch(/−2 → \+1/);
    expect(svg).toMatch(/0 → −1/);
    const md = fs.readFileSync(path.join(dir, 'new.journey.diff.md'), 'utf8');
    expect(md).toMatch(/\*\*0 added, 0 removed, 2 changed\*\*/);
    expect(md).toMatch(/emotion: −2 → \+1/);
    // The old curve passes through the same points as the new one where the score did not change.
    const firstPoint = (d: string) => d.match(/^M([\d.]+),([\d.]+)/)!.slice(1).map(Number);
    const oldD = svg.match(/class="jf-emotion jf-emotion-old"[^>]* d="([^"]+)"/)![1];
    const newD = svg.match(/class="jf-emotion" d="([^"]+)"/)![1];
    expect(firstPoint(oldD)).toEqual(firstPoint(newD));
  });

  it('marks a new lifecycle transition and nothing else', async () => {
    const dir = fixture({ 'old.lifecycle.yaml': LIFE_OLD, 'new.lifecycle.yaml': LIFE_NEW });
    const r = await jf(['diff', path.join(dir, 'old.lifecycle.yaml'), path.join(dir, 'new.lifecycle.yaml'), '-f', 'svg,md', '--exit-code']);
    expect(r.code).toBe(1);
    const svg = fs.readFileSync(path.join(dir, 'new.lifecycle.diff.svg'), 'utf8');
    expect(ids(svg, 'added')).toEqual(['lost->active']);
    expect(marked(svg, 'removed')).toEqual([]);
    expect(marked(svg, 'changed')).toEqual([]);
    expect(fs.readFileSync(path.join(dir, 'new.lifecycle.diff.md'), 'utf8')).toMatch(/\| transitions \| 1 \| 0 \| 0 \|/);
  });
});

describe('journeyflow diff --git', () => {
  it('reads the old side from git at a revision, without a checkout; a new file is all added', async () => {
    const dir = tmpDir('jf-git-');
    const git = (...args: string[]) => promisify(execFile)('git', args, { cwd: dir });
    await git('init', '-q');
    await git('config', 'user.email', 'test@example.com');
    await git('config', 'user.name', 'Test');
    fs.mkdirSync(path.join(dir, 'diagrams'));
    fs.writeFileSync(path.join(dir, 'diagrams/orders.flow.yaml'), FLOW_OLD);
    await git('add', '.');
    await git('commit', '-q', '-m', 'first');
    fs.writeFileSync(path.join(dir, 'diagrams/orders.flow.yaml'), FLOW_NEW);
    fs.writeFileSync(path.join(dir, 'diagrams/tiers.lifecycle.yaml'), LIFE_OLD);
    await git('add', '.');
    await git('commit', '-q', '-m', 'second');
    const r = await jf(['diff', '--git', 'HEAD~1', 'diagrams', '-f', 'svg,md', '--exit-code'], { cwd: dir });
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/orders\.flow\.yaml: 4 added, 4 removed, 1 changed/);
    expect(r.stderr).toMatch(/tiers\.lifecycle\.yaml: 5 added, 0 removed, 0 changed/);
    const svg = fs.readFileSync(path.join(dir, 'diagrams/orders.flow.diff.svg'), 'utf8');
    expect(ids(svg, 'changed')).toEqual(['pack']);
    // The working tree is untouched: still the new version.
    expect(fs.readFileSync(path.join(dir, 'diagrams/orders.flow.yaml'), 'utf8')).toBe(FLOW_NEW);
    const same = await jf(['diff', '--git', 'HEAD', 'diagrams/orders.flow.yaml', '--exit-code', '-f', 'txt', '-o', '-'], { cwd: dir });
    expect(same.code, same.stderr).toBe(0);
    expect((await jf(['diff', '--git', 'no-such-rev', 'diagrams/orders.flow.yaml'], { cwd: dir })).code).toBe(2);
  });
});
