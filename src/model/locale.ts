/**
 * The reader's language: which words and number style every kind's captions, units, legends,
 * tooltips and txt headers use. One table per locale, so a caption is written once per language and
 * every kind says the same thing the same way. Numbers are formatted here without Intl: output is the
 * same bytes on every machine, and a build never loads ICU's number formatting on the start-up path.
 */
export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export const isLocale = (v: unknown): v is Locale => typeof v === 'string' && (LOCALES as readonly string[]).includes(v);

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/g;
const LATIN = /[A-Za-z]/g;

/**
 * `zh-CN` when the texts are mostly Chinese, else `en`. A Chinese character carries about a word, a
 * Latin letter a fifth of one, so letters are weighed accordingly: "VIP 客户" counts as Chinese.
 */
export function detectLocale(texts: Iterable<string>): Locale {
  let cjk = 0;
  let latin = 0;
  for (const t of texts) {
    cjk += t.match(CJK)?.length ?? 0;
    latin += t.match(LATIN)?.length ?? 0;
  }
  return cjk > 0 && cjk * 5 >= latin ? 'zh-CN' : 'en';
}

/** Keys whose string values are what a reader reads in the picture (ids and file names are not). */
const READ_KEYS = new Set(['title', 'label', 'name', 'description', 'thought', 'criteria', 'strategy', 'pains', 'opportunities', 'unit', 'period']);

/** Every readable text of a raw document, for `detectLocale`. */
export function readableTexts(value: unknown, key = ''): string[] {
  if (typeof value === 'string') return READ_KEYS.has(key) ? [value] : [];
  if (Array.isArray(value)) return value.flatMap((v) => readableTexts(v, key));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => readableTexts(v, k));
  return [];
}

/* ---- Numbers ---- */

/** Digits grouped by three: "1,800" in English; "1 800" in Chinese (a no-break space, never split across lines). */
export function groupDigits(n: number, locale: Locale = 'en'): string {
  const [int, frac] = String(Number(n.toFixed(2))).split('.');
  const sep = locale === 'zh-CN' ? '\u00a0' : ',';
  return int.replace(/\B(?=(\d{3})+(?!\d))/g, sep) + (frac ? `.${frac}` : '');
}

/** A count in little room: "1.8k", "12k" in English; grouped in full in Chinese ("1 800"), where k is not read. */
export function compactCount(n: number, locale: Locale): string {
  if (locale === 'zh-CN' || n < 1000) return groupDigits(n, locale);
  return n >= 10000 ? `${Math.round(n / 1000)}k` : `${(n / 1000).toFixed(1).replace(/\.0$/, '')}k`;
}

/** At most one decimal, no trailing zero: "62.5%". */
export const percent = (p: number): string => `${Number(p.toFixed(1))}%`;

const DURATION_UNITS: Record<Locale, Record<string, [one: string, many: string]>> = {
  'zh-CN': { s: ['秒', '秒'], m: ['分钟', '分钟'], h: ['小时', '小时'], d: ['天', '天'] },
  en: { s: ['s', 's'], m: ['min', 'min'], h: ['h', 'h'], d: ['day', 'days'] },
};

/** `8m` → "8 分钟" / "8 min": a written duration in words, so 8m never reads as metres or months. */
export function durationText(duration: string, locale: Locale): string {
  const m = duration.match(/^(\d+(?:\.\d+)?)([smhd])$/);
  if (!m) return duration;
  const [one, many] = DURATION_UNITS[locale][m[2]];
  return `${m[1]}\u00a0${Number(m[1]) === 1 ? one : many}`;
}

/** The first `max` items of a list, then "+N" for the rest. */
export function firstItems(items: readonly string[], max: number, locale: Locale): string {
  const shown = items.slice(0, max).join(WORDS[locale].listSep);
  return items.length > max ? `${shown} +${items.length - max}` : shown;
}

/* ---- Words ---- */

/** The words every kind prints; kind-only words (a journey's row names) stay in the kind, chosen by the same locale. */
export interface Words {
  listSep: string;
  /** "：" or ": " between a caption and its text. */
  colon: string;
  /** Between the names of a short list: "李女士、王先生" / "Li, Wang". */
  enumSep: string;
  /** A remark in brackets after a text: "（是）" / " (yes)". */
  aside: (s: string) => string;
  customers: (n: string) => string;
  duration: (d: string) => string;
  conversion: (p: string) => string;
  satisfaction: (s: string) => string;
  lost: (n: string) => string;
  pains: string;
  opportunities: string;
  owner: string;
  description: string;
  bottleneck: string;
  highestDrop: (n: string) => string;
  slowest: (d: string) => string;
  lowestConversion: (p: string) => string;
  target: (p: string) => string;
  belowTarget: string;
  largestDrop: string;
  overall: (p: string) => string;
  ofFirst: (p: string) => string;
  criteria: string;
  strategy: string;
  initial: string;
  final: string;
  living: (n: string) => string;
  finalApart: (labels: string, n: string) => string;
  /** The label of one drawn edge standing for `n` edges between the same two nodes. */
  parallelEdges: (n: string) => string;
  legend: string;
  kpi: { met: string; near: string; missed: string; better: { higher: string; lower: string }; gap: (value: string, target: string, gap: string, status: string) => string };
  legendText: {
    bottleneck: string;
    edgeWidth: string;
    edgeCount: string;
    funnelRed: string;
    emotion: (score: string) => string;
    evidence: string;
    shareBar: string;
    shareFinal: string;
    shareTxt: string;
    rateWidth: string;
    finalTxt: string;
    target: string;
  };
  evidence: { research: string; data: string; assumption: string };
  /** The SVG's <desc> when the document has no description of its own. */
  summary: { flow: (steps: number, lanes: number) => string; journey: (stages: number, steps: number) => string; lifecycle: (states: number, transitions: number) => string; funnel: (stages: number, overall?: string) => string };
  diff: DiffWords;
}

/** The words of a diff's picture, text picture and Markdown summary. */
export interface DiffWords {
  /** The picture's legend: a mark and its count. */
  added: (n: number) => string;
  removed: (n: number) => string;
  changed: (n: number) => string;
  oldEmotion: string;
  /** "3 added" / "新增 3", joined by `countSep` into a count line. */
  counted: Record<'added' | 'removed' | 'changed', (n: number) => string>;
  countSep: string;
  none: string;
  /** One word per change: the Markdown's column heads and what an added or removed element's row says. */
  mark: Record<'added' | 'removed' | 'changed', string>;
  /** The key under a text picture. */
  signs: string;
  /** A marked element's tooltip; a changed one lists its old values after `note.changed`. */
  note: Record<'added' | 'removed' | 'changed', string>;
  now: (before: string, after: string) => string;
  was: (old: string) => string;
  /** The picture's <desc>. */
  changesTo: (title: string, counts: string) => string;
  yes: string;
  no: string;
  /** Element types, singular and plural ("node", "nodes"). */
  elements: Readonly<Record<string, readonly [one: string, many: string]>>;
  kinds: Readonly<Record<string, string>>;
  /** The fields every kind's diff compares; a kind names its own fields on top of these. */
  fields: Readonly<Record<string, string>>;
  md: {
    compared: (diagrams: number, changed: number, counts: string) => string;
    element: string;
    id: string;
    label: string;
    what: string;
    picture: string;
    alt: (id: string) => string;
  };
}

const ZH: Words = {
  listSep: '；',
  colon: '：',
  enumSep: '、',
  aside: (s) => `（${s}）`,
  customers: (n) => `${n}\u00a0人`,
  duration: (d) => `时长\u00a0${d}`,
  conversion: (p) => `转化\u00a0${p}`,
  satisfaction: (s) => `满意度\u00a0${s}`,
  lost: (n) => `流失\u00a0${n}`,
  pains: '痛点',
  opportunities: '机会',
  owner: '负责人',
  description: '说明',
  bottleneck: '瓶颈',
  highestDrop: (n) => `流失最多（${n}）`,
  slowest: (d) => `耗时最长（${d}）`,
  lowestConversion: (p) => `转化最低（${p}）`,
  target: (p) => `目标 ${p}`,
  belowTarget: '未达标',
  largestDrop: '最大流失',
  overall: (p) => `总转化率 ${p}`,
  ofFirst: (p) => `占首阶段 ${p}`,
  criteria: '分层标准',
  strategy: '维护策略',
  initial: '起始状态',
  final: '终止状态',
  living: (n) => `在册客户 ${n}（不含终止状态）`,
  finalApart: (labels, n) => `${labels} ${n}，另计`,
  parallelEdges: (n) => `×${n} 条连线`,
  legend: '图例',
  kpi: {
    met: '✓ 达标', near: '≈ 接近', missed: '× 未达标', better: { higher: '越高越好', lower: '越低越好' },
    gap: (v, t, g, s) => `当前 ${v}，目标 ${t}，差距 ${g}（${s}）`,
  },
  legendText: {
    bottleneck: '红色虚线框、▲：瓶颈',
    edgeWidth: '线越粗，客户越多',
    edgeCount: '（数字）：经过该路径的客户数',
    funnelRed: '红色：流失最多或未达目标的一步',
    emotion: (s) => `情绪 ${s}`,
    evidence: '虚线框：假设，未经验证',
    shareBar: '条长：占在册客户的比例',
    shareFinal: '终止状态（如流失），另计，不占比例',
    shareTxt: '人数 · 百分比：占在册客户的比例',
    rateWidth: '线越粗，转化率越高',
    finalTxt: '另计，不占比例',
    target: '竖线：目标',
  },
  evidence: { research: '调研', data: '数据', assumption: '假设' },
  summary: {
    flow: (n, l) => `客户流程图，${n} 个步骤${l ? `，${l} 条泳道` : ''}。`,
    journey: (s, n) => `客户旅程图，${s} 个阶段，${n} 个步骤。`,
    lifecycle: (s, t) => `客户生命周期图，${s} 个状态，${t} 条转换。`,
    funnel: (s, o) => `转化漏斗，${s} 个阶段${o ? `，首阶段客户有 ${o} 到达末阶段` : ''}。`,
  },
  diff: {
    added: (n) => `新增（${n}）`, removed: (n) => `删除（${n}）`, changed: (n) => `修改（${n}，旧值见悬停提示）`, oldEmotion: '修改前的情绪曲线',
    counted: { added: (n) => `新增 ${n}`, removed: (n) => `删除 ${n}`, changed: (n) => `修改 ${n}` },
    countSep: '，',
    none: '无修改',
    mark: { added: '新增', removed: '删除', changed: '修改' },
    signs: '（+ 新增   - 删除   ~ 修改）',
    note: { added: '本次新增', removed: '本次删除', changed: '本次修改，修改前：' },
    now: (b, a) => `${b}（现为 ${a}）`,
    was: (old) => `（原为：${old}）`,
    changesTo: (t, c) => `${t}的修改：${c}。`,
    yes: '是',
    no: '否',
    elements: {
      diagram: ['图', '图'], lane: ['泳道', '泳道'], node: ['节点', '节点'], edge: ['连线', '连线'], persona: ['画像', '画像'], channel: ['渠道', '渠道'],
      stage: ['阶段', '阶段'], step: ['步骤', '步骤'], state: ['状态', '状态'], transition: ['转换', '转换'], segment: ['细分', '细分'],
    },
    kinds: { flow: '流程图', journey: '旅程图', lifecycle: '生命周期图', funnel: '转化漏斗' },
    fields: {
      title: '标题', label: '名称', name: '名称', description: '说明', type: '类型', lane: '泳道', owner: '负责人', direction: '方向', highlight: '突出显示',
      duration: '时长', volume: '客户量', conversion: '转化率', satisfaction: '满意度', pains: '痛点', opportunities: '机会', link: '链接', ref: '子流程',
      count: '数量', criteria: '分层标准', strategy: '维护策略', initial: '起始状态', final: '终止状态', rate: '转换率',
      target: '目标', segments: '细分', unit: '单位', period: '周期', stage: '阶段',
    },
    md: {
      compared: (n, c, counts) => `比较了 ${n} 张图，${c} 张有修改：**${counts}**。`,
      element: '元素', id: 'ID', label: '名称', what: '修改内容', picture: '文字版示意图', alt: (id) => `${id} 的修改图`,
    },
  },
};

const EN: Words = {
  listSep: '; ',
  colon: ': ',
  enumSep: ', ',
  aside: (s) => ` (${s})`,
  customers: (n) => `${n}\u00a0customers`,
  duration: (d) => d,
  conversion: (p) => `${p}\u00a0continue`,
  satisfaction: (s) => `CSAT\u00a0${s}`,
  lost: (n) => `${n}\u00a0lost`,
  pains: 'Pain',
  opportunities: 'Idea',
  owner: 'Owner',
  description: 'Note',
  bottleneck: 'Bottleneck',
  highestDrop: (n) => `most customers lost (${n})`,
  slowest: (d) => `slowest step (${d})`,
  lowestConversion: (p) => `lowest conversion (${p})`,
  target: (p) => `target ${p}`,
  belowTarget: 'below target',
  largestDrop: 'largest drop',
  overall: (p) => `${p} overall conversion`,
  ofFirst: (p) => `${p} of first stage`,
  criteria: 'CRITERIA',
  strategy: 'STRATEGY',
  initial: 'initial',
  final: 'final',
  living: (n) => `${n} customers (final states not included)`,
  finalApart: (labels, n) => `${labels}: ${n}, counted apart`,
  parallelEdges: (n) => `×${n} edges`,
  legend: 'Legend',
  kpi: {
    met: '✓ met', near: '≈ near', missed: '× missed', better: { higher: 'higher is better', lower: 'lower is better' },
    gap: (v, t, g, s) => `now ${v}, target ${t}, gap ${g} (${s})`,
  },
  legendText: {
    bottleneck: 'red dashed box, ▲: bottleneck',
    edgeWidth: 'thicker line: more customers',
    edgeCount: '(n): customers taking this path',
    funnelRed: 'red: the step losing the most, or below its target',
    emotion: (s) => `emotion ${s}`,
    evidence: 'dashed box: assumption, not verified',
    shareBar: 'bar: share of the customers still with us',
    shareFinal: 'final state (e.g. churned), counted apart, not in the shares',
    shareTxt: 'n · %: count and share of the customers still with us',
    rateWidth: 'thicker line: higher rate',
    finalTxt: 'counted apart, not in the shares',
    target: 'tick: target',
  },
  evidence: { research: 'research', data: 'data', assumption: 'assumption' },
  summary: {
    flow: (n, l) => `Customer process flowchart with ${n} steps${l ? ` across ${l} lanes` : ''}.`,
    journey: (s, n) => `Customer journey map with ${s} stages and ${n} steps.`,
    lifecycle: (s, t) => `Customer lifecycle with ${s} states and ${t} transitions.`,
    funnel: (s, o) => `Conversion funnel with ${s} stages${o ? `; ${o} of the first stage reach the last` : ''}.`,
  },
  diff: {
    added: (n) => `added (${n})`, removed: (n) => `removed (${n})`, changed: (n) => `changed (${n}; old value in the tooltip)`, oldEmotion: 'emotion before this change',
    counted: { added: (n) => `${n} added`, removed: (n) => `${n} removed`, changed: (n) => `${n} changed` },
    countSep: ', ',
    none: 'no changes',
    mark: { added: 'added', removed: 'removed', changed: 'changed' },
    signs: '(+ added   - removed   ~ changed)',
    note: { added: 'added in this change', removed: 'removed in this change', changed: 'changed; before:' },
    now: (b, a) => `${b} (now ${a})`,
    was: (old) => `(was: ${old})`,
    changesTo: (t, c) => `Changes to ${t}: ${c}.`,
    yes: 'yes',
    no: 'no',
    elements: {
      diagram: ['diagram', 'diagram'], lane: ['lane', 'lanes'], node: ['node', 'nodes'], edge: ['edge', 'edges'], persona: ['persona', 'personas'], channel: ['channel', 'channels'],
      stage: ['stage', 'stages'], step: ['step', 'steps'], state: ['state', 'states'], transition: ['transition', 'transitions'], segment: ['segment', 'segments'],
    },
    kinds: { flow: 'flow', journey: 'journey', lifecycle: 'lifecycle', funnel: 'funnel' },
    // English field names are the document's own keys: a reviewer reads what she typed.
    fields: {},
    md: {
      compared: (n, c, counts) => `${n} diagram${n === 1 ? '' : 's'} compared, ${c} with changes: **${counts}**.`,
      element: 'element', id: 'id', label: 'label', what: 'what changed', picture: 'Plain-text picture', alt: (id) => `diff of ${id}`,
    },
  },
};

export const WORDS: Record<Locale, Words> = { 'zh-CN': ZH, en: EN };

export const wordsOf = (locale: Locale): Words => WORDS[locale];
