/*
 * The documents the browser suite checks: every file of examples/, of test/cases/good/ (the conformance cases, copied into the repository), and a
 * generated set of hostile documents. Each is built once with the CLI (-f svg,mmd) into a temporary
 * folder; what each diagram must contain (node, edge, lane, stage counts, ids, lanes, labels) is read
 * from the YAML itself, by kind, so new examples and new kinds are picked up without editing the suite.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments, stringify } from 'yaml';
import { jf, ROOT, tmpDir } from '../support/cli.js';

export type Kind = 'flow' | 'journey' | 'lifecycle' | 'funnel';

export interface ExpectedNode { id: string; lane?: string; label: string }
export interface ExpectedEdge { from: string; to: string; label?: string }

export interface DiagramCase {
  /** Unique, readable name: `<source>/<relative file>[#id]`. */
  key: string;
  source: 'examples' | 'cases' | 'hostile';
  yamlFile: string;
  kind: Kind;
  id: string;
  title?: string;
  svgFile: string;
  mmdFile: string;
  nodes: ExpectedNode[];
  edges: ExpectedEdge[];
  lanes: Array<{ id: string; label: string }>;
  stages: Array<{ id: string; label: string; steps: number }>;
  /** Journey: rows listed in `lanes:` (when given explicitly). */
  rows?: string[];
  /** Journey steps with an emotion score. */
  emotions: number;
  /** Why this diagram was not built (CLI diagnostics for its file), when it was not. */
  buildError?: string;
  /** Set when the product does not implement this kind yet (the CLI rejects `kind:` itself). */
  kindMissing?: boolean;
}

/** Skips a test of a corpus diagram the product did not build (a kind not implemented yet, or build errors). */
export function skipIfNotBuilt(ctx: { skip(note?: string): void }, c: Pick<DiagramCase, 'kind' | 'kindMissing' | 'buildError'>): void {
  if (c.kindMissing) ctx.skip(`kind "${c.kind}" is not implemented by the product yet`);
  if (c.buildError) ctx.skip(`not built: ${c.buildError.split('\n')[0]}`);
}

export const HOSTILE_TEXTS: string[] = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  ']]>',
  '<!--',
  'javascript:alert(1)',
  '&amp;',
  '%%{init: {"theme":"dark"}}%%',
  '"]',
  '-->',
  'click n1 call alert()',
  '`md` **bold** ``code``',
  'line one\u2028line two',
  '中文<b>粗体</b>',
];

/** Texts aimed at Mermaid's line-based grammars (journey `task: score: actors`, state `a --> b: text`). */
const MERMAID_BREAKERS = [
  'Pay: 5: Me, You',
  'x\nA-->B\nsection Evil',
  '#quot; #60;b#62; ; | {x} %% c',
  'end',
  '[*] --> evil',
  'note left of x: hi',
  'order_id_check *star* ~~del~~ __u__',
];

const NODE_TYPES = ['start', 'activity', 'decision', 'subprocess', 'document', 'data', 'database', 'wait', 'manual', 'end'] as const;
/** Node ids that are Mermaid keywords or otherwise awkward, in the order of NODE_TYPES. */
const NODE_IDS = ['start', 'n1', 'click', 'subgraph', 'style', 'default', 'graph', 'call', 'a-b', 'end'];

function hostileFlow(variant: number): Record<string, unknown> {
  const pick = (i: number) => HOSTILE_TEXTS[(i + variant * 3) % HOSTILE_TEXTS.length];
  const directions = ['TB', 'LR', 'BT', 'RL'];
  const laneCount = variant === 2 ? 0 : 2 + (variant % 2);
  // Issue 24, finding 8: a lane called "Sales direction LR" was read by Mermaid as a `direction` statement.
  const lanes = Array.from({ length: laneCount }, (_, i) => ({ id: `lane${i}`, label: `${pick(i + 5)} L${i}${i === 0 ? ' direction LR' : ''}` }));
  const nodes = NODE_TYPES.map((type, i) => {
    let label = pick(i);
    if (variant === 1) label = `${pick(i)} ${pick(i + 1)}`;
    if (variant === 3 && i < MERMAID_BREAKERS.length) label = MERMAID_BREAKERS[i];
    const node: Record<string, unknown> = { id: NODE_IDS[i], type, label };
    if (laneCount) node.lane = `lane${(i * 7 + variant) % laneCount}`;
    if (type === 'subprocess') node.ref = `hostile-${(variant + 1) % 4}.flow.yaml`;
    if (type === 'activity') node.link = 'https://example.com/track?id=1&src=jf';
    if (type === 'database' && variant === 1) node.metrics = { duration: '2h', volume: 1200, satisfaction: 3.5 };
    if (type === 'document' && variant === 0) node.owner = pick(4);
    return node;
  });
  // start → n1 → click? —yes→ subgraph → style → default → graph → call → a-b? —ok→ end; loops back.
  const edges: unknown[] = [
    'start -> n1 -> click',
    { from: 'click', to: 'subgraph', label: pick(7) },
    { from: 'click', to: 'call', label: pick(8) },
    'subgraph -> style -> default -> graph -> call -> a-b',
    { from: 'a-b', to: 'end', label: pick(9), volume: 80 },
    { from: 'a-b', to: 'n1', label: pick(10), volume: 20 },
  ];
  if (variant === 2) edges.push('graph -> graph');
  return {
    kind: 'flow',
    title: `Hostile ${variant}: ${pick(11)} ${pick(12)}`,
    description: `${pick(0)} ${pick(6)}`,
    direction: directions[variant % 4],
    ...(laneCount ? { lanes } : {}),
    nodes,
    edges,
  };
}

function hostileJourney(): Record<string, unknown> {
  const texts = [...HOSTILE_TEXTS, ...MERMAID_BREAKERS];
  let k = 0;
  const next = () => texts[k++ % texts.length];
  const stage = (id: string, n: number) => ({
    id,
    label: next(),
    needs: [next()],
    kpis: [{ label: next(), value: '35%', target: '50%' }],
    steps: Array.from({ length: n }, (_, i) => ({
      label: next(),
      actors: [next(), 'Me'],
      channels: [i % 2 ? 'web' : 'evil'],
      emotion: 1 + ((k + i) % 5),
      thought: next(),
      pains: [next()],
      opportunities: [next()],
      backstage: [next()],
    })),
  });
  return {
    kind: 'journey',
    title: `Hostile journey ${next()}`,
    description: next(),
    persona: { name: next(), goals: [next()], frustrations: [next()] },
    channels: [{ id: 'web', label: next() }, { id: 'evil', label: next() }],
    stages: [stage('end', 2), stage('section', 3), stage('title', 1)],
    lanes: ['steps', 'channels', 'emotion', 'thoughts', 'pains', 'opportunities', 'backstage', 'kpis'],
  };
}

function hostileLifecycle(): Record<string, unknown> {
  const texts = [...HOSTILE_TEXTS, ...MERMAID_BREAKERS];
  let k = 0;
  const next = () => texts[k++ % texts.length];
  const ids = ['state', 'note', 'end', 'direction', 'as', 'default'];
  return {
    kind: 'lifecycle',
    title: `Hostile lifecycle ${next()}`,
    description: next(),
    direction: 'LR',
    // Issue 24, finding 8: Mermaid's state lexer reads `direction TB` (and `end note`) inside a label as a statement.
    states: ids.map((id, i) => ({ id, label: `${next()}${i === 1 ? ' direction TB, weekend note' : ''}`, count: 100 * (i + 1), criteria: next(), strategy: next(), ...(id === 'default' ? { final: true } : {}) })),
    transitions: [
      { from: 'state', to: 'note', label: next(), rate: '12%' },
      'note -> end -> direction',
      { from: 'direction', to: 'note', label: next() },
      { from: 'end', to: 'as', label: next(), rate: '8%' },
      'as -> default',
      { from: 'direction', to: 'default', label: next() },
    ],
  };
}

/** Long and wide texts: the widest Latin letters, unbroken tokens, CJK with punctuation, digits. */
export const LONG_TEXTS = [
  'WWWWWWWWWWWWWWWWWWWWWWWWWWWWWW',
  'https://crm.example.com/tickets/very/long/path/without/any/space/at/all',
  '客户通过微信公众号提交售后维修申请，并上传发票照片、产品序列号以及故障描述。',
  'Customer uploads the invoice, the serial number and a description of the fault, then waits for a call back',
  'MMMM mmmm @@@@ %%%% 0000 1111 ■■■■ ——— ……',
  '审核通过？（金额 ≥ 5000 元，且资料齐全）',
  'Ａ全角ＡＢＣ１２３，混合 English 与中文：长长长长长长长长长长',
  '短',
];

function longFlow(): Record<string, unknown> {
  const t = (i: number) => LONG_TEXTS[i % LONG_TEXTS.length];
  const nodes = NODE_TYPES.map((type, i) => ({
    id: NODE_IDS[i],
    type,
    label: t(i),
    lane: `l${i % 3}`,
    ...(i % 4 === 1 ? { metrics: { duration: '3d', volume: 123456, conversion: 87.5, satisfaction: 4.2 }, pains: ['a', 'b'], opportunities: ['c'], owner: t(i + 3) } : {}),
  }));
  return {
    kind: 'flow',
    title: t(3) + ' ' + t(2),
    direction: 'LR',
    highlight: 'bottlenecks',
    lanes: [{ id: 'l0', label: t(2) }, { id: 'l1', label: t(0) }, { id: 'l2', label: t(4) }],
    nodes,
    edges: [
      'start -> n1 -> click',
      { from: 'click', to: 'subgraph', label: t(2), volume: 900 },
      { from: 'click', to: 'call', label: t(3), volume: 100 },
      'subgraph -> style -> default -> graph -> call -> a-b',
      { from: 'a-b', to: 'end', label: t(6) },
      { from: 'a-b', to: 'n1', label: t(0) },
    ],
  };
}

function longJourney(): Record<string, unknown> {
  let k = 0;
  const next = () => LONG_TEXTS[k++ % LONG_TEXTS.length];
  return {
    kind: 'journey',
    title: next(),
    stages: ['a', 'b', 'c'].map((id, s) => ({
      id,
      // Distinct stage names: Mermaid merges journey sections of the same name.
      label: `${next()} (${id})`,
      needs: [next(), next()],
      kpis: [{ label: next(), value: '12.5%', target: '99.99%' }],
      steps: Array.from({ length: s + 1 }, () => ({ label: next(), actors: [next()], emotion: 1 + (k % 5), thought: next(), pains: [next()], opportunities: [next()], backstage: [next()] })),
    })),
  };
}

function longLifecycle(): Record<string, unknown> {
  let k = 0;
  const next = () => LONG_TEXTS[k++ % LONG_TEXTS.length];
  const ids = ['s1', 's2', 's3', 's4', 's5'];
  return {
    kind: 'lifecycle',
    title: next(),
    // Issue 24, finding 8: Mermaid's state lexer reads `direction TB` (and `end note`) inside a label as a statement.
    states: ids.map((id, i) => ({ id, label: `${next()}${i === 1 ? ' direction TB, weekend note' : ''}`, count: 10 ** (i + 1), criteria: next(), strategy: next(), ...(i === 4 ? { final: true } : {}) })),
    transitions: [
      { from: 's1', to: 's2', label: next(), rate: '99.5%' },
      's2 -> s3 -> s4 -> s5',
      { from: 's4', to: 's2', label: next() },
      { from: 's3', to: 's1', label: next() },
    ],
  };
}

/** Writes the hostile documents into a fresh folder and returns it. */
export function writeHostileSet(): string {
  const dir = tmpDir('jf-hostile-');
  for (let v = 0; v < 4; v++) fs.writeFileSync(path.join(dir, `hostile-${v}.flow.yaml`), stringify(hostileFlow(v)));
  fs.writeFileSync(path.join(dir, 'hostile.journey.yaml'), stringify(hostileJourney()));
  fs.writeFileSync(path.join(dir, 'hostile.lifecycle.yaml'), stringify(hostileLifecycle()));
  fs.writeFileSync(path.join(dir, 'long-text.flow.yaml'), stringify(longFlow()));
  fs.writeFileSync(path.join(dir, 'long-text.journey.yaml'), stringify(longJourney()));
  fs.writeFileSync(path.join(dir, 'long-text.lifecycle.yaml'), stringify(longLifecycle()));
  return dir;
}

const YAML_FILE = /\.ya?ml$/i;

function yamlFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true }) as string[])
    .filter((f) => YAML_FILE.test(f) && !f.split(path.sep).includes('node_modules'))
    .map((f) => path.join(dir, f))
    .filter((f) => fs.statSync(f).isFile() && /^kind\s*:/m.test(fs.readFileSync(f, 'utf8')))
    .sort();
}

function defaultId(file: string): string {
  const base = path.basename(file).replace(/\.ya?ml$/i, '').replace(/\.(journey|flow|lifecycle|funnel)$/i, '');
  return base.toLowerCase().replace(/[^a-z0-9_-]+/g, '-').replace(/^[-_]+/, '') || 'diagram';
}

function chainPairs(entry: unknown, fromKey = 'from', toKey = 'to'): ExpectedEdge[] {
  if (typeof entry === 'string') {
    const ids = entry.split('->').map((s) => s.trim());
    return ids.slice(1).map((to, i) => ({ from: ids[i], to }));
  }
  if (entry && typeof entry === 'object') {
    const o = entry as Record<string, unknown>;
    return [{ from: String(o[fromKey]), to: String(o[toKey]), label: typeof o.label === 'string' ? o.label : undefined }];
  }
  return [];
}

type Raw = Record<string, any>;

function expectation(raw: Raw): Pick<DiagramCase, 'nodes' | 'edges' | 'lanes' | 'stages' | 'rows' | 'emotions'> {
  const kind = raw.kind as Kind;
  if (kind === 'flow') {
    return {
      nodes: (raw.nodes ?? []).map((n: Raw) => ({ id: String(n.id), lane: n.lane, label: n.label ?? String(n.id) })),
      edges: (raw.edges ?? []).flatMap((e: unknown) => chainPairs(e)),
      lanes: (raw.lanes ?? []).map((l: Raw) => ({ id: String(l.id), label: l.label ?? String(l.id) })),
      stages: [],
      emotions: 0,
    };
  }
  if (kind === 'journey') {
    const nodes: ExpectedNode[] = [];
    let emotions = 0;
    const stages = (raw.stages ?? []).map((s: Raw) => {
      (s.steps ?? []).forEach((st: Raw, i: number) => {
        nodes.push({ id: st.id ?? `${s.id}-${i + 1}`, label: st.label ?? '' });
        if (st.emotion !== undefined) emotions++;
      });
      return { id: String(s.id), label: s.label ?? String(s.id), steps: (s.steps ?? []).length };
    });
    return { nodes, edges: [], lanes: [], stages, rows: Array.isArray(raw.lanes) ? raw.lanes.map(String) : undefined, emotions };
  }
  if (kind === 'funnel') {
    // A funnel's stages are its nodes; each two consecutive stages are joined by one step.
    const stages: Raw[] = raw.stages ?? [];
    return {
      nodes: stages.map((s) => ({ id: String(s.id), label: s.label ?? String(s.id) })),
      edges: stages.slice(1).map((s, i) => ({ from: String(stages[i].id), to: String(s.id) })),
      lanes: [],
      stages: [],
      emotions: 0,
    };
  }
  return {
    nodes: (raw.states ?? []).map((s: Raw) => ({ id: String(s.id), label: s.label ?? String(s.id) })),
    edges: (raw.transitions ?? []).flatMap((e: unknown) => chainPairs(e)),
    lanes: [],
    stages: [],
    emotions: 0,
  };
}

interface JsonDiagnostic { file: string; line: number; rule: string; message: string; path: string; severity: string }

/** Builds one folder with the CLI (svg + mmd) and returns the diagrams it should have produced. */
async function buildFolder(source: DiagramCase['source'], dir: string, outDir: string): Promise<DiagramCase[]> {
  const files = yamlFiles(dir);
  if (!files.length) return [];
  const r = await jf(['build', dir, '-o', outDir, '-f', 'svg,mmd', '--format', 'json']);
  let diagnostics: JsonDiagnostic[] = [];
  const start = r.stderr.indexOf('[');
  try { diagnostics = start >= 0 ? JSON.parse(r.stderr.slice(start, r.stderr.lastIndexOf(']') + 1)) : []; } catch { diagnostics = []; }
  const out: DiagramCase[] = [];
  for (const file of files) {
    const rel = path.relative(dir, file);
    const docs = parseAllDocuments(fs.readFileSync(file, 'utf8'));
    const list = Array.isArray(docs) ? docs : [docs];
    const values = list.map((d) => d.toJS() as Raw).filter((v) => v && typeof v === 'object' && v.kind);
    const errors = diagnostics.filter((d) => path.resolve(ROOT, d.file) === file && d.severity === 'error');
    const stem = rel.replace(/\.ya?ml$/i, '');
    for (const raw of values) {
      const kind = raw.kind as Kind;
      const id = String(raw.id ?? defaultId(file));
      const multi = values.length > 1;
      const outStem = path.join(outDir, multi ? `${stem}.${id}` : stem);
      const svgFile = `${outStem}.svg`;
      const built = fs.existsSync(svgFile) && fs.existsSync(`${outStem}.mmd`);
      const kindMissing = errors.some((d) => d.rule === 'schema' && d.path === '/kind');
      out.push({
        key: `${source}/${rel}${multi ? `#${id}` : ''}`,
        source,
        yamlFile: file,
        kind,
        id,
        title: typeof raw.title === 'string' ? raw.title : undefined,
        svgFile,
        mmdFile: `${outStem}.mmd`,
        ...expectation(raw),
        buildError: built ? undefined : errors.map((d) => `${d.file}:${d.line} [${d.rule}] ${d.message}`).join('\n') || `exit ${r.code}: ${r.stderr.slice(0, 2000)}`,
        kindMissing: !built && kindMissing,
      });
    }
  }
  return out;
}

export const EXAMPLES_DIR = path.join(ROOT, 'examples');
export const CASES_GOOD_DIR = path.join(ROOT, 'test', 'cases', 'good');

/** Builds examples, good cases and the hostile set; every diagram with its expectations. */
export async function buildCorpus(): Promise<DiagramCase[]> {
  const out = tmpDir('jf-browser-out-');
  const hostileDir = writeHostileSet();
  return [
    ...await buildFolder('examples', EXAMPLES_DIR, path.join(out, 'examples')),
    ...await buildFolder('cases', CASES_GOOD_DIR, path.join(out, 'cases')),
    ...await buildFolder('hostile', hostileDir, path.join(out, 'hostile')),
  ];
}

/** Removes every white-space character (labels may wrap over lines and tspans). */
export const squash = (s: string): string => s.replace(/[\s\u2028\u2029\u00a0]+/g, '');
