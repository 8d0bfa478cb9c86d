/**
 * The CLI in process, continued: `check`, `md`, `init` and `diff` (files, folders, --git, every
 * output target and format), with their error paths and exit codes.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, writeTree } from '../support/inprocess.js';
import { FLOW_NEW, FLOW_OLD, LIFE_NEW, LIFE_OLD } from '../diff/fixtures.js';

const GOOD = 'kind: flow\ntitle: 退款流程\nnodes:\n  - { id: s, type: start, label: 申请退款 }\n  - { id: e, type: end, label: 退款完成 }\nedges:\n  - s -> e\n';
const roots: string[] = [];
const tree = (files: Record<string, string>) => { const d = writeTree(fs.mkdtempSync(path.join(os.tmpdir(), 'jf-cmd-')), files); roots.push(d); return d; };
afterAll(() => { for (const d of roots) fs.rmSync(d, { recursive: true, force: true }); });
const read = (dir: string, f: string) => fs.readFileSync(path.join(dir, f), 'utf8');
/** `diff -f md -o -` without --image-base: on standard output no picture is written, so a link would be dead. */
const MD_STDOUT_REFUSAL = 'journeyflow: -f md -o - would link pictures that are not written; write to a folder instead (-f svg,md -o jf-diff), or give --image-base <url> of where the SVGs are published\n';

describe('check', () => {
  it('passes when outputs are current, names missing and stale ones and the command that fixes them', async () => {
    const dir = tree({ 'a.flow.yaml': GOOD, 'b.flow.yaml': GOOD });
    expect((await cli(['build', '.', '-o', 'out', '-f', 'svg,txt', '-q'], dir)).code).toBe(0);
    const ok = await cli(['check', '.', '-o', 'out', '-f', 'svg,txt'], dir);
    expect([ok.code, ok.stdout, ok.stderr]).toEqual([0, '', 'journeyflow: 4 output(s) up to date (2 of 2 input(s) confirmed by the build manifest)\n']);
    fs.writeFileSync(path.join(dir, 'out/a.flow.svg'), '<svg/>');
    fs.rmSync(path.join(dir, 'out/b.flow.txt'));
    const r = await cli(['check', '.', '-o', 'out', '-f', 'svg,txt', '-t', 'dark'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('missing: out/b.flow.txt\nstale:   out/a.flow.svg\nstale:   out/b.flow.svg\n3 of 4 output(s) out of date; run: journeyflow build . -o out -f svg,txt -t dark\n');
    const png = await cli(['check', 'a.flow.yaml', '-f', 'png', '-s', '1'], dir);
    expect(png.stdout).toBe('missing: a.flow.png\n1 of 1 output(s) out of date; run: journeyflow build a.flow.yaml -f png -s 1\n');
    expect(read(dir, 'out/a.flow.svg')).toBe('<svg/>');
  });

  it('fails on input errors and on unreadable inputs even when outputs exist', async () => {
    const dir = tree({ 'a.flow.yaml': GOOD });
    await cli(['build', 'a.flow.yaml', '-q'], dir);
    fs.writeFileSync(path.join(dir, 'a.flow.yaml'), GOOD.replace('s -> e', 's -> x'));
    const r = await cli(['check', 'a.flow.yaml', '--format', 'json'], dir);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).map((d: { rule: string; line: number }) => `${d.rule}@${d.line}`)).toEqual(['unreachable-node@5', 'unknown-reference@7']);
    const big = await cli(['check', 'a.flow.yaml', '--max-bytes', '5', '-q'], dir);
    expect([big.code, big.stdout]).toEqual([1, `a.flow.yaml:1:1 error [input-too-large] file is too large: it is ${fs.statSync(path.join(dir, 'a.flow.yaml')).size} bytes; the limit is 5 (raise it with --max-bytes)\n`]);
  });
});

const MD = '# Process\n\n```journeyflow\nkind: flow\ntitle: 退款流程\nnodes:\n  - { id: s, type: start, label: 申请退款 }\n  - { id: e, type: end, label: 退款完成 }\nedges:\n  - s -> e\n```\n\nAfter.\n';

describe('md', () => {
  it('renders blocks to Mermaid once, keeps the source folded, and a second run changes nothing', async () => {
    const dir = tree({ 'doc.md': MD });
    const r = await cli(['md', 'doc.md'], dir);
    expect([r.code, r.stderr]).toEqual([0, 'journeyflow: 1 Markdown file(s) updated\n']);
    const once = read(dir, 'doc.md');
    expect(once).toBe('# Process\n\n<!-- journeyflow:begin -->\n<details><summary>journeyflow source</summary>\n\n```journeyflow\nkind: flow\ntitle: 退款流程\nnodes:\n  - { id: s, type: start, label: 申请退款 }\n  - { id: e, type: end, label: 退款完成 }\nedges:\n  - s -> e\n```\n\n</details>\n\n```mermaid\n%% 退款流程 (journeyflow doc)\nflowchart TB\n  n_s(["申请退款"])\n  n_e(["退款完成"])\n  n_s --> n_e\n```\n<!-- journeyflow:end -->\n\nAfter.\n');
    expect((await cli(['md', 'doc.md', '-q'], dir)).stderr).toBe('');
    expect(read(dir, 'doc.md')).toBe(once);
    expect((await cli(['md', 'doc.md', '--check'], dir))).toMatchObject({ code: 0, stdout: '' });
  });

  it('switches to SVG image links (ids name them), and --check reports a file that would change', async () => {
    const dir = tree({ 'doc.md': MD.replace('title: 退款流程', 'id: refund\ntitle: "退款 [流程]"'), 'crlf.md': MD.replace(/\n/g, '\r\n') });
    expect((await cli(['md', 'doc.md', '--mode', 'svg', '-t', 'neutral'], dir)).code).toBe(0);
    expect(read(dir, 'doc.md')).toContain('</details>\n\n![退款 流程 ](./doc-refund.svg)\n<!-- journeyflow:end -->');
    expect(read(dir, 'doc-refund.svg')).toMatch(/^<svg [^>]*data-id="refund"/);
    const check = await cli(['md', 'doc.md', 'crlf.md', '--check'], dir);
    expect([check.code, check.stdout]).toEqual([1, 'stale: doc.md\nstale: crlf.md\n']);
    expect(read(dir, 'crlf.md')).toBe(MD.replace(/\n/g, '\r\n'));
    expect((await cli(['md', 'crlf.md'], dir)).code).toBe(0);
    expect(read(dir, 'crlf.md')).toContain('<!-- journeyflow:begin -->\r\n<details>');
  });

  it('reports errors at the Markdown line and keeps the block; names a missing file', async () => {
    const broken = MD.replace('s -> e', 's -> nowhere');
    const dir = tree({ 'doc.md': broken });
    const r = await cli(['md', 'doc.md', '--format', 'github'], dir);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('::error file=doc.md,line=10,col=10,endLine=10,endColumn=17,title=unknown-reference::edge target "nowhere" is not a node of this flow\n');
    expect(read(dir, 'doc.md')).toBe(broken);
    const missing = await cli(['md', 'nope.md'], dir);
    expect([missing.code, missing.stderr]).toEqual([2, 'journeyflow: Markdown file not found: nope.md\n']);
  });
});

describe('init', () => {
  it('lists the templates', async () => {
    const r = await cli(['init', '--list']);
    expect(r.code).toBe(0);
    expect(r.stdout.split('\n').filter(Boolean).map((l) => l.split(/\s+/)[0])).toEqual(['retail-journey', 'first-purchase', 'after-sales', 'customer-lifecycle', 'conversion-funnel']);
  });

  it('copies a template with the editor schema line pointing at the installed schemas, and never overwrites unasked', async () => {
    const dir = tree({});
    const r = await cli(['init', 'diagrams', '--template', 'customer-lifecycle'], dir);
    expect([r.code, r.stderr]).toEqual([0, 'created diagrams/customer-lifecycle.lifecycle.yaml\nnext: journeyflow build diagrams -f svg,png\n']);
    const text = read(dir, 'diagrams/customer-lifecycle.lifecycle.yaml');
    const schema = text.match(/^# yaml-language-server: \$schema=(.*)$/m)![1];
    expect(fs.existsSync(path.resolve(dir, 'diagrams', schema))).toBe(true);
    expect(schema.endsWith('schemas/lifecycle.schema.json')).toBe(true);
    expect((await cli(['validate', 'diagrams', '-q'], dir)).code).toBe(0);
    const again = await cli(['init', 'diagrams', '--template', 'customer-lifecycle'], dir);
    expect([again.code, again.stderr]).toEqual([2, 'journeyflow: not overwriting diagrams/customer-lifecycle.lifecycle.yaml (use --force)\n']);
    expect((await cli(['init', 'diagrams', '--template', 'customer-lifecycle', '--force'], dir)).code).toBe(0);
    const all = await cli(['init'], path.join(dir, 'diagrams'));
    expect(all.code).toBe(2);
    expect(all.stderr).toBe('journeyflow: not overwriting customer-lifecycle.lifecycle.yaml (use --force)\n');
  });
});

describe('diff: targets, formats and failures', () => {
  const dir = tree({ 'old/orders.flow.yaml': FLOW_OLD, 'new/orders.flow.yaml': FLOW_NEW, 'old/t.lifecycle.yaml': LIFE_OLD, 'new/t.lifecycle.yaml': LIFE_NEW, 'bad.flow.yaml': 'kind: flow\nnodes: 3\n' });

  it('writes <new>.diff.<format> beside the new file, or under -o FILE or -o DIR', async () => {
    const r = await cli(['diff', 'old/orders.flow.yaml', 'new/orders.flow.yaml', '-f', 'svg,txt,md,png', '-s', '1'], dir);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr.split('\n').slice(1)).toEqual(['journeyflow: 4 file(s) written from 1 diagram(s)', '']);
    expect(fs.readdirSync(path.join(dir, 'new')).filter((f) => f.includes('.diff.')).sort()).toEqual(['orders.flow.diff.md', 'orders.flow.diff.png', 'orders.flow.diff.svg', 'orders.flow.diff.txt']);
    expect(read(dir, 'new/orders.flow.diff.md')).toContain('![diff of orders](orders.flow.diff.svg)');
    expect(fs.readFileSync(path.join(dir, 'new/orders.flow.diff.png')).subarray(1, 4).toString()).toBe('PNG');
    expect((await cli(['diff', 'old/orders.flow.yaml', 'new/orders.flow.yaml', '-o', 'review/pr.svg', '-f', 'svg,md', '-q'], dir)).code).toBe(0);
    expect(fs.readdirSync(path.join(dir, 'review')).sort()).toEqual(['pr.md', 'pr.svg']);
    expect(read(dir, 'review/pr.md')).toContain('![diff of orders](pr.svg)');
    expect((await cli(['diff', 'old/t.lifecycle.yaml', 'new/t.lifecycle.yaml', '-o', 'outdir', '-f', 'txt', '--format', 'github'], dir)).stderr).toBe('::notice file=new/t.lifecycle.yaml,title=journeyflow diff::tiers: 3 added, 2 removed, 2 changed\n');
    expect(read(dir, 'outdir/t.lifecycle.diff.txt')).toContain('│ - Lost  │');
  });

  it('diffs the documents of a multi-document file by id, a new document all added', async () => {
    const one = FLOW_OLD;
    const both = `${FLOW_NEW}---\n${LIFE_NEW}`;
    const d = tree({ 'a.yaml': one, 'b.yaml': both });
    const r = await cli(['diff', 'a.yaml', 'b.yaml', '-f', 'md,svg', '--exit-code'], d);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toBe('journeyflow: b.yaml #orders: 5 added, 3 removed, 5 changed (diagram: 1 changed · lanes: 1 added, 1 changed · nodes: 1 added, 1 removed, 2 changed · edges: 3 added, 2 removed, 1 changed)\njourneyflow: b.yaml #tiers: 6 added, 0 removed, 0 changed (states: 3 added · transitions: 3 added)\njourneyflow: 4 file(s) written from 2 diagram(s)\n');
    expect(fs.readdirSync(d).sort()).toEqual(['a.yaml', 'b.orders.diff.md', 'b.orders.diff.svg', 'b.tiers.diff.md', 'b.tiers.diff.svg', 'b.yaml']);
    expect(read(d, 'b.tiers.diff.md')).toContain('![diff of tiers](b.tiers.diff.svg)');
    const refused = await cli(['diff', 'a.yaml', 'b.yaml', '-f', 'md', '-o', '-'], d);
    expect([refused.code, refused.stderr, refused.stdout]).toEqual([2, MD_STDOUT_REFUSAL, '']);
    expect(fs.readdirSync(d).sort()).toEqual(['a.yaml', 'b.orders.diff.md', 'b.orders.diff.svg', 'b.tiers.diff.md', 'b.tiers.diff.svg', 'b.yaml']);
    const md = await cli(['diff', 'a.yaml', 'b.yaml', '-f', 'md', '-o', '-', '--image-base', 'https://ci.example/pr-42/'], d);
    expect(md.code, md.stderr).toBe(0);
    expect(md.stdout).toContain('![diff of orders](https://ci.example/pr-42/b.orders.diff.svg)');
    expect(md.stdout).toContain('![diff of tiers](https://ci.example/pr-42/b.tiers.diff.svg)');
    expect(md.stdout).toMatch(/^## journeyflow diff\n\n2 diagrams compared, 2 with changes: \*\*11 added, 3 removed, 5 changed\*\*\.\n\n### Order handling v2 \(flow\)/);
    const gone = await cli(['diff', 'b.yaml', 'a.yaml', '-f', 'txt', '-o', '-'], d);
    expect(gone.stdout).toContain('0 added, 6 removed, 0 changed');
    const many = await cli(['diff', 'a.yaml', 'b.yaml', '-o', '-', '-f', 'svg'], d);
    expect([many.code, many.stderr.split('\n').pop()]).toEqual([2, '']);
    expect(many.stderr).toBe('journeyflow: -o - writes one picture, but the inputs hold 2 diagrams\n');
  });

  it('exits 1 with diagnostics for a bad new or old side and a change of kind; 2 for bad usage', async () => {
    const bad = await cli(['diff', 'old/orders.flow.yaml', 'bad.flow.yaml'], dir);
    expect([bad.code, bad.stderr.split('\n')[0]]).toEqual([1, 'bad.flow.yaml:2:8 error [schema] "nodes" must be an array, got number 3']);
    const badOld = await cli(['diff', 'bad.flow.yaml', 'new/orders.flow.yaml', '--format', 'json'], dir);
    expect([badOld.code, JSON.parse(badOld.stderr).map((x: { file: string; rule: string }) => `${x.file} ${x.rule}`)]).toEqual([1, ['bad.flow.yaml schema']]);
    const kind = await cli(['diff', 'old/t.lifecycle.yaml', 'new/orders.flow.yaml', '-q'], dir);
    expect([kind.code, kind.stderr]).toEqual([1, 'new/orders.flow.yaml:1:1 error [schema] the diagram "orders" changed kind from lifecycle to flow; a diff compares two diagrams of the same kind\n> 1 | kind: flow\n    | ^\n  2 | id: orders\n']);
    const big = await cli(['diff', 'old/orders.flow.yaml', 'new/orders.flow.yaml', '--max-bytes', '100', '-q'], dir);
    expect([big.code, big.stderr.split(' error ')[1]?.split(' ')[0]]).toEqual([1, '[input-too-large]']);
    const usage: Array<[string[], string]> = [
      [['diff', 'old/orders.flow.yaml'], 'journeyflow: diff compares two files: journeyflow diff <old> <new> (or --git <rev> <inputs…>); got 1 argument(s)\n'],
      [['diff', 'old/orders.flow.yaml', 'nope.flow.yaml'], 'journeyflow: input not found: nope.flow.yaml\n'],
      [['diff', 'old/orders.flow.yaml', 'new/orders.flow.yaml', '-f', 'gif'], 'journeyflow: unknown diff format "gif"; use svg, png, md, txt\n'],
      [['diff', 'old/orders.flow.yaml', 'new/orders.flow.yaml', '-f', ','], 'journeyflow: -f needs at least one format\n'],
      [['diff', 'old/orders.flow.yaml', 'new/orders.flow.yaml', '-s', '99'], 'journeyflow: --scale must be a number from 0.1 to 16, got "99"\n'],
      [['diff', 'old/orders.flow.yaml', 'new/orders.flow.yaml', '-o', '-', '-f', 'svg,md'], 'journeyflow: -o - writes to standard output: choose exactly one format with -f\n'],
    ];
    for (const [args, message] of usage) expect(await cli(args, dir), args.join(' ')).toMatchObject({ code: 2, stderr: message });
  });
});

describe('diff --git', () => {
  const run = promisify(execFile);
  it('reads the old side at a revision, marks new files all added, and refuses what it cannot read', async () => {
    const dir = tree({ 'd/orders.flow.yaml': FLOW_OLD });
    const git = (...args: string[]) => run('git', args, { cwd: dir });
    await git('init', '-q');
    await git('-c', 'user.email=t@example.com', '-c', 'user.name=T', 'commit', '-q', '--allow-empty', '-m', 'empty');
    await git('add', '.');
    await git('-c', 'user.email=t@example.com', '-c', 'user.name=T', 'commit', '-q', '-m', 'first');
    writeTree(dir, { 'd/orders.flow.yaml': FLOW_NEW, 'd/t.lifecycle.yaml': LIFE_OLD });
    const refused = await cli(['diff', '--git', 'HEAD', 'd', '-f', 'md', '-o', '-', '--exit-code'], dir);
    expect([refused.code, refused.stderr, refused.stdout]).toEqual([2, MD_STDOUT_REFUSAL, '']);
    const r = await cli(['diff', '--git', 'HEAD', 'd', '-f', 'md', '-o', '-', '--exit-code', '--image-base', 'https://ci.example/pr-42'], dir);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toBe('journeyflow: d/orders.flow.yaml: 5 added, 3 removed, 5 changed (diagram: 1 changed · lanes: 1 added, 1 changed · nodes: 1 added, 1 removed, 2 changed · edges: 3 added, 2 removed, 1 changed)\njourneyflow: d/t.lifecycle.yaml: 5 added, 0 removed, 0 changed (states: 3 added · transitions: 2 added)\n');
    expect(r.stdout).toContain('### Order handling v2 (flow) — `d/orders.flow.yaml`');
    expect(r.stdout).toContain('![diff of orders](https://ci.example/pr-42/d/orders.flow.diff.svg)');
    expect(r.stdout).toContain('![diff of tiers](https://ci.example/pr-42/d/t.lifecycle.diff.svg)');
    const big = await cli(['diff', '--git', 'HEAD', 'd/orders.flow.yaml', '--max-bytes', '100', '-q', '-f', 'txt', '-o', '-'], dir);
    expect([big.code, big.stderr]).toEqual([1, 'HEAD:d/orders.flow.yaml:1:1 error [input-too-large] file is larger than the limit of 100 bytes (raise it with --max-bytes)\n']);
    const usage: Array<[string[], string]> = [
      [['diff', '--git', 'no-such-rev', 'd'], `journeyflow: --git: unknown revision "no-such-rev" in ${fs.realpathSync(dir)}\n`],
      [['diff', '--git', '--output=x', 'd'], 'journeyflow: --git: a revision cannot start with "-": --output=x\n'],
      [['diff', '--git', 'HEAD', 'nothing-here'], 'journeyflow: input not found: nothing-here\n'],
    ];
    for (const [args, message] of usage) expect(await cli(args, dir), args.join(' ')).toMatchObject({ code: 2, stderr: message });
    const outside = tree({ 'x.flow.yaml': GOOD });
    const no = await cli(['diff', '--git', 'HEAD', 'x.flow.yaml'], outside);
    expect(no.code).toBe(2);
    expect(no.stderr).toMatch(/^journeyflow: --git: .* is not inside a git repository \(fatal: not a git repository/);
  });
});
