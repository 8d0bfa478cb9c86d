import { showControls } from '../diagnostics/terminal-text.js';
/*
 * Text that goes into emitted Mermaid. Every character that could end a string, start a directive
 * (%%{init}), a comment, a markdown string (backtick), an entity or a new statement is written as a
 * Mermaid entity code (#35; etc.), which Mermaid decodes only after parsing, so no label can change
 * the diagram's structure.
 */
// `*`, `_` and `~` are left out: Mermaid reads them as markdown emphasis in labels.
const SAFE = /[A-Za-z0-9 \u00a0.,!?+='()\-/@$^]/;

/**
 * `lineBreak`: how a line break is written. `<br/>` suits one-line contexts (state and journey
 * text); a flowchart's quoted label takes a real newline, since with `<br/>` Mermaid 11 reads the
 * label as markdown.
 */
export function mermaidLabel(text: string, lineBreak: '<br/>' | '\n' = '<br/>'): string {
  let out = '';
  for (const ch of text.replace(/\r\n?/g, '\n')) {
    const cp = ch.codePointAt(0)!;
    if (ch === '\n' || cp === 0x2028 || cp === 0x2029) out += lineBreak;
    else if (cp < 0x20 || cp === 0x7f || (cp >= 0x80 && cp <= 0x9f) || cp === 0xfeff || (cp >= 0x200b && cp <= 0x200f)) continue;
    else if (cp > 0x7f || SAFE.test(ch)) out += ch;
    else out += `#${cp};`;
  }
  return out;
}

/** Text for a `%%` comment: one line, no braces (never a directive), no markup, no control characters (a `cat` of the file is a terminal). */
export function mermaidComment(text: string): string {
  return showControls(text.replace(/[\r\n\u2028\u2029]+/g, ' ').replace(/[{}<>]/g, '').replace(/%+/g, '%'));
}

/**
 * Mermaid's lexers match some keywords inside running text: in a flowchart or a state diagram a
 * line holding `direction LR` becomes a direction statement (even inside a quoted subgraph or
 * node label), and in a state diagram `end note` anywhere closes a note. Writing the first letter
 * as an entity code keeps the word visible but unmatchable (also inside longer words: `weekend
 * note` holds `end note`). For text already through mermaidLabel or mermaidComment.
 */
export function unmatchableKeywords(text: string, alsoEnd = false): string {
  return text.replace(alsoEnd ? /e(?=nd)|d(?=irection)/gi : /d(?=irection)/gi, (ch) => `#${ch.codePointAt(0)};`);
}

const RESERVED = new Set(['end', 'graph', 'flowchart', 'subgraph', 'style', 'class', 'classdef', 'click', 'linkstyle', 'direction', 'default', 'call', 'href', 'callback', 'interpolate', 'state', 'note', 'as', 'section', 'title']);

/** Assigns every element a Mermaid-safe id (ASCII, never a keyword), stable for the same input. */
export function mermaidIds(ids: readonly string[], prefix: string): Map<string, string> {
  const out = new Map<string, string>();
  const used = new Set<string>();
  for (const id of ids) {
    if (out.has(id)) continue;
    let base = `${prefix}${id.replace(/[^A-Za-z0-9_]/g, '_')}`;
    if (RESERVED.has(base.toLowerCase())) base = `${base}_`;
    let candidate = base;
    for (let k = 2; used.has(candidate); k++) candidate = `${base}_${k}`;
    used.add(candidate);
    out.set(id, candidate);
  }
  return out;
}

/** Mermaid's default `maxTextSize`: a longer diagram text is refused by a stock Mermaid ("Maximum text size in diagram exceeded"). */
export const MERMAID_MAX_TEXT_SIZE = 50000;

/** Why a Mermaid text would be refused by a stock Mermaid, or undefined when it is short enough. */
export function mermaidSizeProblem(text: string): string | undefined {
  if (text.length <= MERMAID_MAX_TEXT_SIZE) return undefined;
  return `the Mermaid text is ${text.length} characters, over Mermaid's default maxTextSize of ${MERMAID_MAX_TEXT_SIZE}: stock Mermaid refuses it unless the page raises maxTextSize; split the diagram, or use the SVG`;
}
