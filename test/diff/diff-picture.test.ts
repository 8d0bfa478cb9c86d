/**
 * The diff picture and the Markdown summary of every kind, in process through `journeyflow diff`
 * (src/cli/main.ts): which groups carry jf-added / jf-removed / jf-changed and what their <title>
 * says, the old emotion curves of a journey, the legend, and the Markdown tables byte for byte.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, svgGroups, writeTree } from '../support/inprocess.js';
import { FLOW_NEW, FLOW_OLD, JOURNEY_NEW, JOURNEY_OLD, LIFE_NEW, LIFE_OLD } from './fixtures.js';

const dir = writeTree(fs.mkdtempSync(path.join(os.tmpdir(), 'jf-diffpic-')), {
  'a.flow.yaml': FLOW_OLD, 'b.flow.yaml': FLOW_NEW,
  'a.journey.yaml': JOURNEY_OLD, 'b.journey.yaml': JOURNEY_NEW,
  'a.lifecycle.yaml': LIFE_OLD, 'b.lifecycle.yaml': LIFE_NEW,
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const diff = async (kind: string, format: string, ...extra: string[]) => {
  const r = await cli(['diff', `a.${kind}.yaml`, `b.${kind}.yaml`, '-f', format, '-o', '-', ...extra], dir);
  expect(r.code, r.stderr).toBe(0);
  return r;
};

/** `<id or from>to>` of the groups carrying a mark, with the last paragraph of their tooltip. */
const marked = (svg: string, mark: string) => svgGroups(svg, `jf-${mark}`).map((g) => {
  const who = g.attrs['data-id'] ?? `${g.attrs['data-from']}>${g.attrs['data-to']}`;
  expect(g.attrs['data-diff']).toBe(mark);
  return `${g.classes.filter((c) => c !== `jf-${mark}`).join('.')} ${who}: ${(g.title ?? '').split('\n\n').pop()}`;
});

/** `diff -f md -o -` without --image-base: on standard output no picture is written, so a link would be dead. */
const MD_STDOUT_REFUSAL = 'journeyflow: -f md -o - would link pictures that are not written; write to a folder instead (-f svg,md -o jf-diff), or give --image-base <url> of where the SVGs are published\n';
const BASE = 'https://ci.example/pr-42';

/** The Markdown summary as `-f svg,md -o <folder>` writes it, the picture beside it. */
const mdInFolder = async (kind: string) => {
  const out = `md-${kind}`;
  const r = await cli(['diff', `a.${kind}.yaml`, `b.${kind}.yaml`, '-f', 'svg,md', '-o', out, '-q'], dir);
  expect(r.code, r.stderr).toBe(0);
  expect(fs.readdirSync(path.join(dir, out)).sort()).toEqual([`b.${kind}.diff.md`, `b.${kind}.diff.svg`]);
  return fs.readFileSync(path.join(dir, out, `b.${kind}.diff.md`), 'utf8');
};

const legendTexts = (svg: string) => [...svg.match(/<g class="jf-legend jf-diff-legend">[\s\S]*?\n {2}<\/g>/)![0].matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);

describe('diff picture of a flow', async () => {
  const { stdout: svg, stderr } = await diff('flow', 'svg');

  it('summarises the change on stderr and in the SVG description', () => {
    expect(stderr).toBe('journeyflow: b.flow.yaml: 5 added, 3 removed, 5 changed (diagram: 1 changed · lanes: 1 added, 1 changed · nodes: 1 added, 1 removed, 2 changed · edges: 3 added, 2 removed, 1 changed)\n');
    expect(svg).toMatch(/^<svg [^>]*class="jf-diagram jf-flow jf-diff" data-id="orders"/);
    expect(svg).toContain('<desc id="jf-orders-desc">Changes to Order handling v2: 5 added, 3 removed, 5 changed. Customer process flowchart with 5 steps across 3 lanes.</desc>');
  });

  it('marks exactly the changed lanes, nodes and edges, old values in their <title>', () => {
    expect(marked(svg, 'added')).toEqual(['jf-lane post: added in this change', 'jf-edge start>pack: added in this change', 'jf-edge pack>gift: added in this change', 'jf-edge gift>done: added in this change', 'jf-node.jf-activity gift: added in this change']);
    expect(marked(svg, 'removed')).toEqual(['jf-edge start>check: removed in this change', 'jf-edge check>pack: removed in this change', 'jf-node.jf-activity check: removed in this change']);
    expect(marked(svg, 'changed')).toEqual([
      'jf-lane shop: changed; before:\nlabel: Shop (now Online shop)',
      'jf-edge pack>done: changed; before:\nvolume: 100 (now 80)',
      'jf-node.jf-activity pack: changed; before:\nlabel: Pack goods (now Pack and label goods)\nowner: Ann (now Bob)\nduration: 10\u00a0min (now 15\u00a0min)\npains: — (now Slow tape)',
      'jf-node.jf-end done: changed; before:\nlane: shop (now post)',
    ]);
    // The node keeps its own tooltip above the change note.
    expect(svgGroups(svg, 'jf-changed').find((g) => g.attrs['data-id'] === 'pack')!.title).toMatch(/^Pack and label goods\nOwner: Bob\n15\u00a0min\nPain: Slow tape\n\nchanged; before:/);
  });

  it('draws removed elements faded, badges and arrow heads in the change colours, and the legend', () => {
    const removed = svg.match(/<g class="jf-node jf-activity jf-removed"[\s\S]*?<\/g>/)![0];
    expect(removed).toContain('opacity="0.4"');
    expect(removed).toContain('Quality check');
    for (const m of ['added', 'removed', 'changed']) {
      expect(svg).toContain(`<marker id="jf-orders-arrow-${m}"`);
      expect(svg).toMatch(new RegExp(`class="jf-diff-badge jf-badge-${m}"`));
    }
    expect(svg).toMatch(/<g class="jf-edge jf-added"[^>]*>\s*<title>[^<]*<\/title>\s*<path[^>]*stroke="#16a34a"[^>]*marker-end="url\(#jf-orders-arrow-added\)"/);
    expect(legendTexts(svg)).toEqual(['+', 'added (5)', '−', 'removed (3)', '~', 'changed (5; old value in the tooltip)']);
  });
});

describe('diff picture of a journey', async () => {
  const { stdout: svg } = await diff('journey', 'svg');

  it('marks steps and stages; a removed step keeps the union id it was drawn under', () => {
    expect(marked(svg, 'added')).toEqual(['jf-node.jf-step buy-3: added in this change', 'jf-node.jf-step browse-2: added in this change']);
    expect(marked(svg, 'removed')).toEqual(['jf-stage care: removed in this change', 'jf-node.jf-step browse-2-removed: removed in this change', 'jf-node.jf-step care-1: removed in this change']);
    expect(marked(svg, 'changed')).toEqual([
      'jf-stage buy: changed; before:\nkpis: Conversion 40% (now Conversion 40%/60%)\nvolume: 100 (now 80)',
      'jf-node.jf-step search: changed; before:\nlabel: Search (now Search products)\nemotion (Li): −2 (now +1)',
      'jf-node.jf-step buy-1: changed; before:\nlabel: Pay online (now Pay by card)\nemotion (Li): −1 (now +1)\nemotion (Mr Wang): −1 (now +1)\nemotion (Zhao): −1 (now +1)',
      'jf-node.jf-step compare: changed; before:\nstage: Browse (now Buy)',
    ]);
  });

  it('draws one dashed old curve per old persona under the new ones, and a label per moved score', () => {
    const old = [...svg.matchAll(/<g class="jf-emotion-series-old" data-persona="(\w+)">\s*<title>([^<]*)<\/title>\s*<path class="jf-emotion jf-emotion-old"[^>]*stroke-dasharray="5 4"/g)].map((m) => `${m[1]}: ${m[2]}`);
    expect(old).toEqual(['li: Li: emotion before this change', 'wang: Wang: emotion before this change']);
    expect(svg.indexOf('jf-emotion-series-old')).toBeLessThan(svg.indexOf('class="jf-emotion-series"'));
    // Five old steps had a score (search, read reviews, compare, pay online, call hotline).
    expect(svg.match(/class="jf-emotion-old-point"/g)).toHaveLength(10);
    const changes = [...svg.matchAll(/<g class="jf-emotion-change" data-persona="(\w+)" data-step="([\w-]+)">\s*<title>([^<]*)<\/title>/g)].map((m) => `${m[2]}/${m[1]}: ${m[3]}`);
    expect(changes).toEqual(['search/li: emotion −2 → +1', 'buy-1/li: emotion −1 → +1', 'buy-1/wang: emotion −1 → +1', 'buy-1/zhao: emotion −1 → +1']);
    expect(legendTexts(svg)).toEqual(['+', 'added (4)', '−', 'removed (3)', '~', 'changed (5; old value in the tooltip)', 'emotion before this change']);
  });

  it('draws no old curve when no score moved and no step came or went', async () => {
    const d = writeTree(fs.mkdtempSync(path.join(os.tmpdir(), 'jf-diffj-')), { 'a.journey.yaml': JOURNEY_NEW, 'b.journey.yaml': JOURNEY_NEW.replace('label: Wishlist', 'label: Wish list') });
    const r = await cli(['diff', 'a.journey.yaml', 'b.journey.yaml', '-f', 'svg', '-o', '-'], d);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).not.toContain('jf-emotion-old');
    expect(marked(r.stdout, 'changed')).toEqual(['jf-node.jf-step browse-2: changed; before:\nlabel: Wishlist (now Wish list)']);
    fs.rmSync(d, { recursive: true, force: true });
  });
});

describe('diff picture of a lifecycle map', async () => {
  const { stdout: svg } = await diff('lifecycle', 'svg');

  it('marks states and transitions, the old rate in the tooltip', () => {
    expect(marked(svg, 'added')).toEqual(['jf-edge active>vip: added in this change', 'jf-edge vip>active: added in this change', 'jf-node.jf-state vip: added in this change']);
    expect(marked(svg, 'removed')).toEqual(['jf-edge active>lost: removed in this change', 'jf-node.jf-state.jf-final lost: removed in this change']);
    expect(marked(svg, 'changed')).toEqual(['jf-edge new>active: changed; before:\nrate: 12% (now 15.5%)', 'jf-node.jf-state active: changed; before:\ncount: 50 (now 70)\ncriteria: bought once (now bought once; visited)']);
    expect(svg).toContain('Changes to Tiers: 3 added, 2 removed, 2 changed.');
  });
});

describe('diff Markdown summary', () => {
  it('writes counts, a table per element type, the picture link and every change (lifecycle, byte for byte)', async () => {
    const stdout = await mdInFolder('lifecycle');
    expect(stdout.split('<details>')[0]).toBe(`## journeyflow diff

1 diagram compared, 1 with changes: **3 added, 2 removed, 2 changed**.

### Tiers (lifecycle) — \`b.lifecycle.yaml\`

**3 added, 2 removed, 2 changed** (states: 1 added, 1 removed, 1 changed · transitions: 2 added, 1 removed, 1 changed)

| | added | removed | changed |
|---|---:|---:|---:|
| states | 1 | 1 | 1 |
| transitions | 2 | 1 | 1 |

![diff of tiers](b.lifecycle.diff.svg)

| | element | id | label | what changed |
|---|---|---|---|---|
| ~ | state | \`active\` | Active | count: 50 → 70<br>criteria: bought once → bought once; visited |
| − | state | \`lost\` | Lost | removed |
| + | state | \`vip\` | VIP | added |
| ~ | transition | \`new → active\` | New → Active | rate: 12% → 15.5% |
| + | transition | \`active → vip\` | Active → VIP (Upgrade) | added |
| + | transition | \`vip → active\` | VIP → Active | added |
| − | transition | \`active → lost\` | Active → Lost | removed |

`);
    expect(stdout).toMatch(/<details><summary>Plain-text picture<\/summary>\n\n```text\nTiers\n[\s\S]*\n3 added, 2 removed, 2 changed {3}\(\+ added {3}- removed {3}~ changed\)\n```\n\n<\/details>\n$/);
  });

  it('speaks the diagram\'s language: Chinese for a Chinese lifecycle (byte for byte), English with --locale en', async () => {
    const zh = (yaml: string) => [['Tiers', '会员分层'], ['New', '新客户'], ['Active', '活跃客户'], ['Lost', '流失客户'], ['VIP', 'VIP 客户'], ['bought once', '购买过一次'], ['visited', '近期到访'], ['Upgrade', '升级'], ['count: 50,', 'count: 1500,'], ['count: 70,', 'count: 1800,']]
      .reduce((y, [a, b]) => y.replaceAll(a, b), yaml);
    writeTree(dir, { 'a.zh.lifecycle.yaml': zh(LIFE_OLD), 'b.zh.lifecycle.yaml': zh(LIFE_NEW) });
    const run = async (...extra: string[]) => {
      const r = await cli(['diff', 'a.zh.lifecycle.yaml', 'b.zh.lifecycle.yaml', '-f', 'md,txt,svg', '-o', 'md-zh/x.md', '-q', ...extra], dir);
      expect(r.code, r.stderr).toBe(0);
      return fs.readFileSync(path.join(dir, 'md-zh/x.md'), 'utf8');
    };
    const md = await run();
    expect(md.split('<details>')[0]).toBe(`## journeyflow diff

比较了 1 张图，1 张有修改：**新增 3，删除 2，修改 2**。

### 会员分层（生命周期图） — \`b.zh.lifecycle.yaml\`

**新增 3，删除 2，修改 2**（状态：新增 1，删除 1，修改 1 · 转换：新增 2，删除 1，修改 1）

| | 新增 | 删除 | 修改 |
|---|---:|---:|---:|
| 状态 | 1 | 1 | 1 |
| 转换 | 2 | 1 | 1 |

![tiers 的修改图](x.svg)

| | 元素 | ID | 名称 | 修改内容 |
|---|---|---|---|---|
| ~ | 状态 | \`active\` | 活跃客户 | 数量：1\u00a0500 → 1\u00a0800<br>分层标准：购买过一次 → 购买过一次；近期到访 |
| − | 状态 | \`lost\` | 流失客户 | 删除 |
| + | 状态 | \`vip\` | VIP 客户 | 新增 |
| ~ | 转换 | \`new → active\` | 新客户 → 活跃客户 | 转换率：12% → 15.5% |
| + | 转换 | \`active → vip\` | 活跃客户 → VIP 客户（升级） | 新增 |
| + | 转换 | \`vip → active\` | VIP 客户 → 活跃客户 | 新增 |
| − | 转换 | \`active → lost\` | 活跃客户 → 流失客户 | 删除 |

`);
    expect(md).toMatch(/<details><summary>文字版示意图<\/summary>[\s\S]*\n新增 3，删除 2，修改 2 {3}（\+ 新增 {3}- 删除 {3}~ 修改）\n```/);
    expect(fs.readFileSync(path.join(dir, 'md-zh/x.txt'), 'utf8')).toContain('新增 3，删除 2，修改 2');
    const svg = fs.readFileSync(path.join(dir, 'md-zh/x.svg'), 'utf8');
    expect(svg).toContain('<desc id="jf-tiers-desc">会员分层的修改：新增 3，删除 2，修改 2。');
    expect(marked(svg, 'changed')).toContain('jf-node.jf-state active: 本次修改，修改前：\n数量：1\u00a0500（现为 1\u00a0800）\n分层标准：购买过一次（现为 购买过一次；近期到访）');
    expect(legendTexts(svg)).toEqual(['+', '新增（3）', '−', '删除（2）', '~', '修改（2，旧值见悬停提示）']);
    // Nothing English is left in the Chinese summary but the tool's name, ids, file names and the markup.
    expect(md.replace(/journeyflow diff|`[^`]*`|<\/?(details|summary)>|```text|\b(VIP|ID|tiers)\b|\(x\.svg\)|<br>/g, '')).not.toMatch(/[A-Za-z]{2,}/);
    const en = await run('--locale', 'en');
    expect(en).toContain('### 会员分层 (lifecycle) — `b.zh.lifecycle.yaml`');
    expect(en).toContain('| ~ | state | `active` | 活跃客户 | count: 1,500 → 1,800<br>criteria: 购买过一次 → 购买过一次; 近期到访 |');
    expect(en).toContain('| + | transition | `active → vip` | 活跃客户 → VIP 客户 (升级) | added |');
  });

  it('refuses -f md -o - without --image-base, and with it writes the same summary linking the published picture', async () => {
    for (const kind of ['flow', 'journey', 'lifecycle']) {
      const refused = await cli(['diff', `a.${kind}.yaml`, `b.${kind}.yaml`, '-f', 'md', '-o', '-'], dir);
      expect([refused.code, refused.stderr, refused.stdout]).toEqual([2, MD_STDOUT_REFUSAL, '']);
      const { stdout } = await diff(kind, 'md', '--image-base', BASE);
      const local = `![diff of ${kind === 'flow' ? 'orders' : kind === 'journey' ? 'buying' : 'tiers'}](b.${kind}.diff.svg)`;
      const inFolder = await mdInFolder(kind);
      expect(inFolder).toContain(local);
      expect(stdout).toBe(inFolder.replace(local, local.replace('](', `](${BASE}/`)));
    }
  });

  it('lists journey changes per persona and escapes labels so none turns into markup', async () => {
    const { stdout } = await diff('journey', 'md', '--image-base', BASE);
    expect(stdout).toContain('| ~ | step | `buy/buy-1` | Pay by card | label: Pay online → Pay by card<br>emotion (Li): −1 → +1<br>emotion (Mr Wang): −1 → +1<br>emotion (Zhao): −1 → +1 |');
    expect(stdout).toContain('| personas | 1 | 0 | 1 |\n| channels | 1 | 0 | 0 |\n| stages | 0 | 1 | 1 |\n| steps | 2 | 2 | 3 |');
    const d = writeTree(fs.mkdtempSync(path.join(os.tmpdir(), 'jf-diffmd-')), {
      'a.flow.yaml': 'kind: flow\nid: x\nnodes:\n  - { id: s, type: start, label: go }\n  - { id: e, type: end }\nedges:\n  - s -> e\n',
      'b.flow.yaml': 'kind: flow\nid: x\nnodes:\n  - { id: s, type: start, label: "*go* | <b>now</b> [x](http://e.example) ``` `id`" }\n  - { id: e, type: end }\nedges:\n  - s -> e\n',
    });
    const r = await cli(['diff', 'a.flow.yaml', 'b.flow.yaml', '-f', 'md', '-o', '-', '--image-base', 'https://ci.example/run/'], d);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('| ~ | node | `s` | \\*go\\* \\| &lt;b&gt;now&lt;/b&gt; \\[x\\](http://e.example) \\`\\`\\` \\`id\\` | label: go → \\*go\\* \\| &lt;b&gt;now&lt;/b&gt;');
    expect(r.stdout).toContain('![diff of x](https://ci.example/run/b.flow.diff.svg)');
    // The text picture holds a run of three backticks: its fence is longer.
    expect(r.stdout).toMatch(/\n````text\n[\s\S]*\n````\n/);
    fs.rmSync(d, { recursive: true, force: true });
  });

  it('says "no changes" and gives no tables for identical inputs', async () => {
    const r = await cli(['diff', 'b.flow.yaml', 'b.flow.yaml', '-f', 'md', '-o', '-', '--exit-code', '--image-base', BASE], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('## journeyflow diff\n\n1 diagram compared, 0 with changes: **no changes**.\n\n### Order handling v2 (flow) — `b.flow.yaml`\n\n**no changes**\n\n');
  });
});
