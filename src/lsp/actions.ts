/**
 * Quick fixes for the diagnostics a client sends back: the "did you mean" a message already
 * proposes, declaring an unknown id in the list its kind declares such ids in, and the entries a
 * kind adds for a rule (`symbols.additions`: a flow's missing start or end node).
 */
import { isSeq, type Node } from 'yaml';
import { CodeActionKind, type CodeAction, type Diagnostic } from 'vscode-languageserver/node.js';
import { positionOffset, type BufferView } from './buffer.js';
import { documentAt, occurrenceAt, type DocumentSymbols } from './symbols.js';

function didYouMean(view: BufferView, d: Diagnostic): CodeAction | undefined {
  const proposed = /did you mean "([^"]+)"\?/.exec(d.message)?.[1];
  if (!proposed) return undefined;
  const written = view.text.slice(positionOffset(view, d.range.start), positionOffset(view, d.range.end)).replace(/^["']|["']$/g, '');
  // Only where the range holds exactly the word the message quotes: never replace more than the typo.
  if (!written || !d.message.includes(`"${written}"`)) return undefined;
  return {
    title: `Change "${written}" to "${proposed}"`, kind: CodeActionKind.QuickFix, diagnostics: [d], isPreferred: true,
    edit: { changes: { [view.uri]: [{ range: d.range, newText: proposed }] } },
  };
}

/** Text and offset that append a flow-map `entry` to the block sequence `key` of a document (or add the key). */
function appendEntry(view: BufferView, doc: DocumentSymbols, key: string, entry: string): { offset: number; text: string } | undefined {
  const text = view.text;
  const seq = doc.yaml.get(key, true) as Node | undefined;
  if (seq === undefined || seq === null) {
    const end = Math.min(doc.yaml.range[1], text.length);
    return { offset: end, text: `${end > 0 && text[end - 1] !== '\n' ? '\n' : ''}${key}:\n  - ${entry}\n` };
  }
  if (!isSeq(seq) || seq.flow || !seq.range || !seq.items.length) return undefined;
  const start = seq.range[0];
  const indent = start - (text.lastIndexOf('\n', start - 1) + 1);
  const last = seq.items[seq.items.length - 1] as Node;
  const lineEnd = text.indexOf('\n', last.range?.[1] ?? start);
  const offset = lineEnd === -1 ? text.length : lineEnd + 1;
  return { offset, text: `${lineEnd === -1 ? '\n' : ''}${' '.repeat(indent)}- ${entry}\n` };
}

function declareUnknown(view: BufferView, d: Diagnostic): CodeAction | undefined {
  if (d.code !== 'unknown-reference') return undefined;
  const offset = positionOffset(view, d.range.start);
  const doc = documentAt(view.symbols, offset);
  const used = doc && occurrenceAt(doc, offset);
  if (!doc || !used || used.type === 'file' || 'declaration' in used) return undefined;
  // Only ids declared in a list of the document's own top level (`channels`, `lanes`, `nodes`, …).
  const where = doc.definition.symbols.declarations.find((x) => x.type === used.type && x.at.length === 2 && x.at[1] === '*');
  const key = where && String(where.at[0]);
  const insert = key ? appendEntry(view, doc, key, `{ id: ${used.id}, label: ${used.id} }`) : undefined;
  if (!key || !insert) return undefined;
  const at = view.range(insert.offset, insert.offset);
  return {
    title: `Add ${used.type} "${used.id}" to ${key}`, kind: CodeActionKind.QuickFix, diagnostics: [d],
    edit: { changes: { [view.uri]: [{ range: at, newText: insert.text }] } },
  };
}

function addForRule(view: BufferView, d: Diagnostic): CodeAction | undefined {
  const doc = documentAt(view.symbols, positionOffset(view, d.range.start));
  const addition = doc?.definition.symbols.additions.find((a) => a.rule === d.code);
  if (!doc || !addition) return undefined;
  const taken = new Set(doc.declarations.map((x) => x.id));
  const base = addition.entry.id ?? addition.rule;
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  const fields = Object.entries({ ...addition.entry, id }).sort(([a], [b]) => (a === 'id' ? -1 : b === 'id' ? 1 : 0));
  const insert = appendEntry(view, doc, addition.list, `{ ${fields.map(([k, v]) => `${k}: ${v}`).join(', ')} }`);
  if (!insert) return undefined;
  const at = view.range(insert.offset, insert.offset);
  return { title: addition.title, kind: CodeActionKind.QuickFix, diagnostics: [d], edit: { changes: { [view.uri]: [{ range: at, newText: insert.text }] } } };
}

export function codeActionsFor(view: BufferView, diagnostics: readonly Diagnostic[]): CodeAction[] {
  return diagnostics.filter((d) => d.source === 'journeyflow')
    .flatMap((d) => [didYouMean(view, d), declareUnknown(view, d), addForRule(view, d)].filter((a): a is CodeAction => !!a));
}
