/**
 * Where `md` may write in a Markdown file, found by a CommonMark parser (markdown-it), not by
 * regular expressions: a ```journeyflow fence ends where CommonMark ends it (an indented ``` inside
 * a YAML block scalar does not), and a begin/end marker counts only as a top-level HTML block (not
 * inside a code example). Everything outside the blocks found here is copied byte for byte.
 */
import MarkdownIt from 'markdown-it';

export const BEGIN = '<!-- journeyflow:begin -->';
export const END = '<!-- journeyflow:end -->';

/** One line of the file and the line ending it had ('' for a last line without one). */
export interface Line { text: string; eol: string }

export interface Block {
  /** Line range [start, end) that the block (or its earlier rendering) occupies. */
  start: number;
  end: number;
  yaml: string;
  /** 1-based line of the YAML's first line in the Markdown. */
  yamlLine: number;
}

/** Why a file cannot be rewritten safely, at a 1-based line. */
export interface Problem { line: number; message: string }

/** Splits like markdown-it counts lines (CRLF, CR and LF each end one), keeping each ending. */
export function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  const re = /([^\r\n]*)(\r\n|\r|\n|$)/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[0] === '') break;
    lines.push({ text: m[1], eol: m[2] });
  }
  return lines;
}

const parser = new MarkdownIt({ html: true });
const isJourneyflow = (info: string) => info.trim() === 'journeyflow';
const firstLine = (s: string) => s.split('\n', 1)[0].trim();

/** True when the fence token's last line is a closing fence (else it runs to the end of the file). */
function closed(lines: readonly Line[], map: [number, number], markup: string): boolean {
  if (map[1] - 1 <= map[0]) return false;
  const m = /^ {0,3}(`{3,}|~{3,})[ \t]*$/.exec(lines[map[1] - 1]?.text ?? '');
  return Boolean(m && m[1][0] === markup[0] && m[1].length >= markup.length);
}

/**
 * The journeyflow blocks of a file: bare fences, and regions an earlier run wrote between a begin
 * and an end marker (with their source fence inside). Markers must pair up; otherwise, or for a
 * journeyflow fence that is never closed, the problems say where and nothing may be rewritten.
 */
export function scanMarkdown(text: string, lines: readonly Line[]): { blocks: Block[]; problems: Problem[] } {
  const blocks: Block[] = [];
  const problems: Problem[] = [];
  let open: { line: number; source?: { yaml: string; yamlLine: number } } | undefined;
  for (const t of parser.parse(text, {})) {
    if (t.level !== 0 || !t.map || !t.block) continue;
    const [from, to] = t.map as [number, number];
    const marker = t.type === 'html_block' ? firstLine(t.content) : '';
    if (marker === BEGIN) {
      if (open) problems.push({ line: open.line + 1, message: `this ${BEGIN} has no ${END} before the next one (line ${from + 1}); add the end marker or remove the begin marker` });
      open = { line: from };
    } else if (marker === END) {
      if (!open) problems.push({ line: from + 1, message: `this ${END} has no ${BEGIN} before it; add the begin marker or remove this one` });
      else if (!open.source) problems.push({ line: open.line + 1, message: `the region from line ${open.line + 1} to ${from + 1} holds no \`\`\`journeyflow source block` });
      else blocks.push({ start: open.line, end: to, ...open.source });
      open = undefined;
    } else if (t.type === 'fence' && isJourneyflow(t.info)) {
      if (!closed(lines, t.map as [number, number], t.markup)) { problems.push({ line: from + 1, message: `this \`\`\`journeyflow block is never closed (CommonMark runs it to the end of the file); add a closing ${t.markup}` }); continue; }
      const source = { yaml: t.content, yamlLine: from + 2 };
      if (!open) blocks.push({ start: from, end: to, ...source });
      else open.source ??= source;
    }
  }
  if (open) problems.push({ line: open.line + 1, message: `this ${BEGIN} has no ${END} after it; add the end marker or remove this one` });
  return { blocks, problems };
}

/** A backtick fence longer than any backtick run that starts a line of `yaml`, so it cannot close early. */
export function fenceFor(yaml: string): string {
  let longest = 2;
  for (const m of yaml.matchAll(/^[ \t]*(`+)/gm)) longest = Math.max(longest, m[1].length);
  return '`'.repeat(longest + 1);
}
