import { describe, expect, it } from 'vitest';
import { NO_LINE_END, NO_LINE_START } from '../../src/layout/line-break.js';
import { measureLine, wrapText } from '../../src/layout/text.js';
import { displayWidth, wrapCols } from '../../src/render/txt/canvas.js';

const SIZE = 14;
const em = (chars: number) => chars * SIZE;
const words = new Intl.Segmenter('zh', { granularity: 'word' });

/** Code-unit offsets where ICU's dictionary puts a word boundary. */
const wordBoundaries = (text: string) => new Set([...words.segment(text)].map((s) => s.index).concat(text.length));

/** The offsets in `text` where `lines` break it (each line a slice of the text, spaces trimmed). */
function breaksOf(text: string, lines: string[]): number[] {
  const out: number[] = [];
  let at = 0;
  for (const line of lines.slice(0, -1)) {
    at = text.indexOf(line, at) + line.length;
    while (text[at] === ' ') at++;
    out.push(at);
  }
  return out;
}

const letters = (line: string) => [...line].filter((ch) => !NO_LINE_START.has(ch) && !NO_LINE_END.has(ch) && ch !== ' ').length;

/** The rules of the issue, for one wrapped paragraph. */
function expectTypeset(text: string, lines: string[], widthOf: (s: string) => number, max: number) {
  expect(lines.join('').replace(/ /g, '')).toBe(text.replace(/ /g, ''));
  for (const [i, line] of lines.entries()) {
    expect(widthOf(line), `line ${i} of ${JSON.stringify(lines)} fits ${max}`).toBeLessThanOrEqual(max + 1e-9);
    if (i > 0) expect(NO_LINE_START.has([...line][0]), `line ${i} of ${JSON.stringify(lines)} starts with ${line[0]}`).toBe(false);
    if (i < lines.length - 1) expect(NO_LINE_END.has([...line].at(-1)!), `line ${i} of ${JSON.stringify(lines)} ends with an opening mark`).toBe(false);
  }
  const bounds = wordBoundaries(text);
  for (const at of breaksOf(text, lines)) expect(bounds.has(at), `${JSON.stringify(lines)} breaks inside a word at ${at}`).toBe(true);
  if (letters(text) > 4 && lines.length > 1) expect(letters(lines.at(-1)!), `lone last line in ${JSON.stringify(lines)}`).toBeGreaterThan(1);
}

// Labels of a bank's credit-card journey and complaint flow, the texts the issue was found with.
const CHINESE = [
  '“为什么我的投诉转到监管之后还没有人处理？」',
  '客户通过“投诉热线（95555）”提交监管转办件',
  '申请年费减免需要提供哪些材料以及统计口径是否一致',
  '收到短信后输入六位动态验证码',
  '客服核对卡片背面的三位安全码',
  '账单金额与消费记录不一致',
  '「我已经打了三次电话了，为什么还要重新说明情况？」',
  '补寄信用卡并激活（《领用合约》第十二条）',
  '提交投诉后没有收到任何进度通知的文件？',
];

describe('line breaking: UAX #14, kinsoku, word boundaries, balanced lines', () => {
  it('keeps Chinese labels typeset by the rules at every width from 4 to 16 characters', () => {
    for (const text of CHINESE) {
      // （95555）”提交 is a run UAX #14 keeps together (no break after ”), 8.3 characters wide.
      for (let chars = text.includes('95555') ? 9 : 4; chars <= 16; chars++) {
        const { lines } = wrapText(text, SIZE, em(chars));
        expectTypeset(text, lines, (s) => measureLine(s, SIZE), em(chars));
      }
    }
  });

  it('never leaves `？」` alone on a line when the bubble has room', () => {
    const text = CHINESE[0];
    for (let chars = 6; chars <= 22; chars++) {
      for (const line of wrapText(text, SIZE, em(chars)).lines) expect(line).not.toMatch(/^[？」]+$/);
    }
  });

  it('ends no line on an opening quote or bracket', () => {
    for (const text of [CHINESE[1], CHINESE[7], '他说“我要投诉”（第二次）然后挂断了电话']) {
      for (let chars = 4; chars <= 14; chars++) {
        const { lines } = wrapText(text, SIZE, em(chars));
        for (const line of lines.slice(0, -1)) expect(line).not.toMatch(/[“（《「]$/);
      }
    }
  });

  it('does not split 监管, 转办, 减免 or 口径', () => {
    const texts = ['客户提交监管转办件', CHINESE[2], '统计口径说明', '年费减免审批'];
    for (const text of texts) {
      for (let chars = 3; chars <= 12; chars++) {
        const joined = wrapText(text, SIZE, em(chars)).lines.join('|');
        expect(joined, joined).not.toMatch(/监\|管|转\|办|减\|免|口\|径/);
      }
    }
  });

  it('leaves no lone 码, 位, 卡, 致 or 件？ on a last line', () => {
    const cases: Array<[string, string]> = [
      ['收到短信后输入六位动态验证码', '码'], ['请确认您的卡号位', '位'], ['申请补办一张新卡', '卡'],
      [CHINESE[5], '致'], [CHINESE[8], '件？'], ['请问如何查询转办件？', '件？'],
    ];
    for (const [text, tail] of cases) {
      for (let chars = 3; chars <= 12; chars++) {
        const { lines } = wrapText(text, SIZE, em(chars));
        if (lines.length > 1) expect(lines.at(-1), `${text} at ${chars}: ${lines.join('|')}`).not.toBe(tail);
      }
    }
  });

  it('balances the lines of a box to within a few characters', () => {
    for (const text of CHINESE.filter((t) => !t.includes('95555'))) {
      for (const chars of [6, 8, 10, 12]) {
        const widths = wrapText(text, SIZE, em(chars)).lines.map((l) => measureLine(l, SIZE));
        if (widths.length > 1) expect(Math.max(...widths) - Math.min(...widths), `${text} at ${chars}`).toBeLessThanOrEqual(em(4));
      }
    }
    // Where one line is too long, the two halves come out about even, not a full line (greedy:
    // 客户提交投诉材料后等待 + 处理结果) and a short one.
    const halves = wrapText('客户提交投诉材料后等待处理结果', SIZE, em(12)).lines;
    expect(halves).toHaveLength(2);
    for (const half of halves) expect([...half].length, halves.join('|')).toBeGreaterThanOrEqual(6);
  });

  it('breaks Latin only at spaces (and hyphens), unless one word alone is wider than the box', () => {
    const text = 'Customer submits a complaint through the hotline and waits for a call-back';
    // From 80 px on every word fits a line (“Customer” is the widest, 65 px).
    for (let px = 80; px <= 300; px += 20) {
      const { lines } = wrapText(text, SIZE, px);
      for (const at of breaksOf(text, lines)) expect(`${px}: ${text[at - 1]}`).toMatch(/: [ -]$/);
      expectTypeset(text, lines, (s) => measureLine(s, SIZE), px);
    }
    const long = wrapText('Supercalifragilisticexpialidocious', SIZE, 80);
    expect(long.lines.length).toBeGreaterThan(1);
    expect(long.lines.join('')).toBe('Supercalifragilisticexpialidocious');
    for (const line of long.lines) expect(measureLine(line, SIZE)).toBeLessThanOrEqual(80);
  });

  it('keeps explicit newlines, fits in one line when it can, and ellipsizes beyond maxLines', () => {
    expect(wrapText('第一行\n第二行', SIZE, 500).lines).toEqual(['第一行', '第二行']);
    expect(wrapText('客户提交投诉', SIZE, 500).lines).toEqual(['客户提交投诉']);
    const cut = wrapText(CHINESE[2], SIZE, em(6), 'normal', 2);
    expect(cut.lines).toHaveLength(2);
    expect(cut.lines[1].endsWith('…')).toBe(true);
  });

  it('breaks `-f txt` text by the same rules, in terminal columns', () => {
    for (const text of CHINESE) {
      for (let cols = text.includes('95555') ? 14 : 8; cols <= 30; cols += 2) expectTypeset(text, wrapCols(text, cols), displayWidth, cols);
    }
    expect(wrapCols('客户提交投诉材料后等待处理结果', 24)).toEqual(wrapText('客户提交投诉材料后等待处理结果', SIZE, em(12)).lines);
  });
});
