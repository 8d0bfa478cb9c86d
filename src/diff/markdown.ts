/**
 * The Markdown summary of a diff for a pull-request comment (SPEC §6.2): counts, a table of
 * counts per element, the image link, and a table of every change. Text from the diagrams is
 * escaped so that no label can turn into markup, a link or HTML in the comment.
 */
import { breakdownText, countChanges, countsByElement, countsText, elementName, type DiagramDiff } from './index.js';
import type { Mark } from '../kinds/types.js';
import { wordsOf, type Locale } from '../model/locale.js';

const SIGN: Record<Mark, string> = { added: '+', removed: '−', changed: '~' };

/** Literal text in Markdown (and inside a table cell): no emphasis, links, HTML or cell breaks. */
export function mdText(s: string): string {
  return s
    .replace(/\r\n?|[\n\u2028\u2029]/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]|~]/g, (c) => `\\${c}`);
}

const code = (s: string) => `\`${s.replace(/`/g, "'").replace(/[\r\n|]/g, ' ')}\``;

export interface MarkdownDiagram {
  diff: DiagramDiff;
  /** File the diagram came from, as shown to the reader. */
  file: string;
  /** Link to the diff picture (relative to the Markdown file, or a URL). */
  image?: string;
  /** The plain-text picture, shown folded under the table. */
  txt?: string;
}

/** A fence longer than any run of backticks in the text, so no label can close it. */
function fenced(text: string): string {
  const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}text\n${text.replace(/\n$/, '')}\n${fence}`;
}

function section(d: MarkdownDiagram, heading: string): string {
  const { diff } = d;
  // Each diagram's section speaks its own language (the union carries the new version's locale).
  const w = wordsOf(diff.union.locale);
  const m = w.diff.md;
  const counts = countChanges(diff.entries);
  const lines: string[] = [];
  lines.push(`${heading} ${mdText(diff.title || diff.id)}${w.aside(w.diff.kinds[diff.kind] ?? diff.kind)} — ${code(d.file)}`, '');
  lines.push(`**${countsText(counts, w)}**${diff.entries.length ? w.aside(breakdownText(diff, w)) : ''}`, '');
  if (!diff.entries.length) return lines.join('\n') + '\n';
  const marks = w.diff.mark;
  lines.push(`| | ${marks.added} | ${marks.removed} | ${marks.changed} |`, '|---|---:|---:|---:|');
  for (const [type, c] of countsByElement(diff)) lines.push(`| ${elementName(w, type, true)} | ${c.added} | ${c.removed} | ${c.changed} |`);
  lines.push('');
  if (d.image) lines.push(`![${mdText(m.alt(diff.id))}](${encodeURI(d.image).replace(/[()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)})`, '');
  lines.push(`| | ${m.element} | ${m.id} | ${m.label} | ${m.what} |`, '|---|---|---|---|---|');
  for (const e of diff.entries) {
    const what = e.change === 'changed' ? e.fields.map((f) => `${mdText(f.name)}${w.colon}${mdText(f.before)} → ${mdText(f.after)}`).join('<br>') : marks[e.change];
    lines.push(`| ${SIGN[e.change]} | ${elementName(w, e.element)} | ${code(e.id)} | ${mdText(e.label)} | ${what} |`);
  }
  if (d.txt) lines.push('', `<details><summary>${mdText(m.picture)}</summary>`, '', fenced(d.txt), '', '</details>');
  return lines.join('\n') + '\n';
}

/** The language of a run's header: the one most of its diagrams speak (the first one's on a tie; `--locale` has set them all). */
function runLocale(diagrams: readonly MarkdownDiagram[]): Locale {
  const tally = new Map<Locale, number>();
  for (const d of diagrams) tally.set(d.diff.union.locale, (tally.get(d.diff.union.locale) ?? 0) + 1);
  return [...tally].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 'en';
}

/** One Markdown document for all diagrams of a run. */
export function diffMarkdown(diagrams: readonly MarkdownDiagram[]): string {
  const total = { added: 0, removed: 0, changed: 0 };
  for (const d of diagrams) { const c = countChanges(d.diff.entries); total.added += c.added; total.removed += c.removed; total.changed += c.changed; }
  const changed = diagrams.filter((d) => d.diff.entries.length > 0).length;
  const w = wordsOf(runLocale(diagrams));
  const head = `## journeyflow diff\n\n${w.diff.md.compared(diagrams.length, changed, countsText(total, w))}\n`;
  if (diagrams.length === 1) return `${head}\n${section(diagrams[0], '###')}`;
  return [head, ...diagrams.map((d) => section(d, '###'))].join('\n');
}
