import { isScalar, Schema, type ScalarTag } from 'yaml';

/**
 * A quick reader for the plain YAML diagram files are written in: block maps and sequences by
 * indentation, one-line flow maps and sequences, plain and quoted one-line scalars, comments.
 * The yaml library reads a 1 000-node flow (120 KB) in ~300 ms in a fresh process, most of it before
 * V8 has optimized its lexer, against ~20 ms here. This is only a shortcut: anything outside that
 * subset (anchors, tags, block scalars, multi-line scalars, escapes, several documents, tabs,
 * duplicate keys, deep nesting, odd indentation) returns undefined, and the caller reads the text
 * with the yaml library as before, errors and all. What it accepts, yaml reads without an error to
 * the same value (plain scalars are resolved by yaml's own core-schema tags); test/load/yaml-fast.test.ts
 * holds it to that on every example, case and generated file and on random documents.
 */
export function readPlainYaml(text: string, maxDepth: number): Record<string, unknown> | undefined {
  // Tabs, carriage returns, a byte-order mark, control and YAML line-break characters: left to yaml.
  if (/[\t\r\u0000-\u0008\u000b-\u001f\u007f\u0085\u2028\u2029\ufeff]/.test(text)) return undefined;
  try {
    const lines = logicalLines(text);
    if (!lines || !lines.length || lines[0].indent !== 0) return undefined;
    const [value, next] = new BlockReader(lines, maxDepth).block(0, 0, 1);
    if (next !== lines.length || !isPlainObject(value)) return undefined;
    return value;
  } catch (err) {
    if (err === NOT_PLAIN) return undefined;
    throw err;
  }
}

interface Line { indent: number; text: string }

/** Thrown (and caught in readPlainYaml) at the first thing outside the subset. */
const NOT_PLAIN = new Error('not plain YAML');
const notPlain = (): never => { throw NOT_PLAIN; };

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The non-blank lines without their comments and trailing spaces; undefined at a document marker or directive. */
function logicalLines(text: string): Line[] | undefined {
  const out: Line[] = [];
  for (const raw of text.split('\n')) {
    if (raw.startsWith('---') || raw.startsWith('...') || raw.startsWith('%')) return undefined;
    let indent = 0;
    while (raw.charCodeAt(indent) === 32) indent++;
    const body = stripComment(raw, indent).trimEnd();
    if (body) out.push({ indent, text: body });
  }
  return out;
}

/** The line from `from` on without its comment: a `#` at the start or after a space, outside quotes. */
function stripComment(line: string, from: number): string {
  const hash = line.indexOf('#', from);
  if (hash === -1) return line.slice(from);
  if (!/["']/.test(line)) return commentAt(line, from, hash);
  let quote = '';
  for (let i = from; i < line.length; i++) {
    const c = line[i];
    if (quote) { if (c === quote) quote = ''; continue; }
    if (c === '"' || c === "'") { if (i === from || /[\s[{,:]/.test(line[i - 1])) quote = c; continue; }
    if (c === '#' && (i === from || line[i - 1] === ' ')) return line.slice(from, i);
  }
  return quote ? notPlain() : line.slice(from);
}

function commentAt(line: string, from: number, hash: number): string {
  for (let i = hash; i !== -1; i = line.indexOf('#', i + 1)) if (i === from || line[i - 1] === ' ') return line.slice(from, i);
  return line.slice(from);
}

const DASH = /^-(?: +|$)/;
/** A block map entry: a plain key, then `:` and a space or the end of the line. */
const ENTRY = /^([^\s'"#&*!|>%@`{}[\],?:-][^:]*?|[-?:][^\s:][^:]*?)(?::(?: +|$))/;

class BlockReader {
  constructor(private readonly lines: Line[], private readonly maxDepth: number) {}

  /** The map or sequence whose first line is lines[at], at its indentation; returns it and the next line's index. */
  block(at: number, indent: number, depth: number): [unknown, number] {
    if (depth >= this.maxDepth) notPlain();
    return DASH.test(this.lines[at].text) ? this.sequence(at, indent, depth) : this.map(at, indent, depth, this.lines[at].text);
  }

  private sequence(at: number, indent: number, depth: number): [unknown[], number] {
    const items: unknown[] = [];
    while (at < this.lines.length && this.lines[at].indent === indent && DASH.test(this.lines[at].text)) {
      const line = this.lines[at].text;
      const rest = line.replace(DASH, '');
      const column = indent + line.length - rest.length;
      if (!rest) {
        const [value, next] = this.nested(at + 1, indent, depth, false);
        items.push(value);
        at = next;
      } else if (DASH.test(rest)) {
        notPlain(); // a sequence in a sequence's item on one line
      } else if (ENTRY.test(rest)) {
        const [value, next] = this.map(at, column, depth + 1, rest);
        items.push(value);
        at = next;
      } else {
        items.push(inlineValue(rest, depth + 1, this.maxDepth));
        at = this.after(at, indent);
      }
    }
    return [items, this.end(at, indent)];
  }

  /** A map at `indent` starting at lines[at], whose first entry is `first` (the line's text, or what follows a `- `). */
  private map(at: number, indent: number, depth: number, first: string): [Record<string, unknown>, number] {
    const out: Record<string, unknown> = {};
    let text: string | undefined = first;
    while (text !== undefined) {
      const m = ENTRY.exec(text) ?? notPlain();
      const key = plainKey(m[1].trimEnd());
      if (Object.prototype.hasOwnProperty.call(out, key)) notPlain(); // yaml reports duplicates with their lines
      const rest = text.slice(m[0].length);
      if (rest) {
        out[key] = inlineValue(rest, depth + 1, this.maxDepth);
        at = this.after(at, indent);
      } else {
        const [value, next] = this.nested(at + 1, indent, depth, true);
        out[key] = value;
        at = next;
      }
      text = at < this.lines.length && this.lines[at].indent === indent ? this.lines[at].text : undefined;
      if (text !== undefined && DASH.test(text)) notPlain(); // an item where an entry belongs
    }
    return [out, this.end(at, indent)];
  }

  /** The value under an entry or item with nothing after it on its line: a deeper block, a sequence at the key's indentation, or null. */
  private nested(at: number, indent: number, depth: number, inMap: boolean): [unknown, number] {
    const next = this.lines[at];
    if (next && next.indent > indent) return this.block(at, next.indent, depth + 1);
    if (inMap && next && next.indent === indent && DASH.test(next.text)) return this.sequence(at, indent, depth + 1);
    return [null, at];
  }

  /** The line after a one-line value: a deeper line there would continue the value (a multi-line scalar). */
  private after(at: number, indent: number): number {
    if (at + 1 < this.lines.length && this.lines[at + 1].indent > indent) notPlain();
    return at + 1;
  }

  /** Where a block ends: the next line must be less indented (its parent's), or none. */
  private end(at: number, indent: number): number {
    if (at < this.lines.length && this.lines[at].indent > indent) notPlain();
    return at;
  }
}

const schema = new Schema({});
const scalarTags = schema.tags.filter((t): t is ScalarTag => t.default === true && !!t.test && !('collection' in t && t.collection));

/** A plain scalar resolved as yaml's core schema does (null, booleans, numbers, else the text). */
function plainScalar(source: string): unknown {
  const tag = scalarTags.find((t) => t.test!.test(source));
  if (!tag) return source;
  let failed = false;
  const res = tag.resolve(source, () => { failed = true; }, { intAsBigInt: false } as Parameters<ScalarTag['resolve']>[2]);
  if (failed) notPlain();
  return isScalar(res) ? res.value : res;
}

/** A key that yaml's toJS turns into the same string; anything else (numbers, `<<`, __proto__) is not plain here. */
function plainKey(source: string): string {
  if (!source || source === '<<' || source === '__proto__' || /: |\s#|^\s|[{}[\],]/.test(source)) notPlain();
  if (plainScalar(source) !== source) notPlain();
  return source;
}

/** Characters that cannot start a plain scalar (except - ? : followed by a non-space). */
const INDICATOR = /^(?:[,[\]{}#&*!|>'"%@`]|[-?:](?:\s|$))/;
/** The same in a flow collection, where - ? : must be followed by neither a space nor a bracket or comma. */
const FLOW_INDICATOR = /^(?:[,[\]{}#&*!|>'"%@`]|[-?:](?:[\s,[\]{}]|$))/;

/** A one-line value of a block entry or item: a flow collection, a quoted or a plain scalar. */
function inlineValue(text: string, depth: number, maxDepth: number): unknown {
  const c = text[0];
  if (c === '{' || c === '[' || c === '"' || c === "'") {
    const reader = new FlowReader(text, maxDepth);
    const value = reader.value(depth);
    if (reader.at !== text.length) notPlain();
    return value;
  }
  if (INDICATOR.test(text) || /: |:$/.test(text)) notPlain();
  return plainScalar(text);
}

/** One line of flow collections and scalars, read from `at` on. */
class FlowReader {
  at = 0;
  constructor(private readonly text: string, private readonly maxDepth: number) {}

  value(depth: number): unknown {
    if (depth >= this.maxDepth) notPlain();
    const c = this.text[this.at];
    if (c === '{') return this.map(depth);
    if (c === '[') return this.sequence(depth);
    if (c === '"' || c === "'") return this.quoted(c);
    return this.plain();
  }

  private spaces(): void {
    while (this.text.charCodeAt(this.at) === 32) this.at++;
  }

  private expect(c: string): void {
    if (this.text[this.at] !== c) notPlain();
    this.at++;
  }

  private map(depth: number): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    this.at++;
    this.spaces();
    if (this.text[this.at] === '}') { this.at++; return out; }
    for (;;) {
      const keyStart = this.at;
      const key = this.plain();
      if (typeof key !== 'string' || plainKey(this.text.slice(keyStart, this.at).trimEnd()) !== key) notPlain();
      this.expect(':');
      if (this.text[this.at] !== ' ') notPlain();
      this.spaces();
      if (this.text[this.at] === ',' || this.text[this.at] === '}') notPlain(); // a key without a value
      if (Object.prototype.hasOwnProperty.call(out, key as string)) notPlain();
      out[key as string] = this.value(depth + 1);
      this.spaces();
      if (this.text[this.at] === '}') { this.at++; return out; }
      this.expect(',');
      this.spaces();
      if (this.text[this.at] === '}') notPlain(); // a trailing comma
    }
  }

  private sequence(depth: number): unknown[] {
    const out: unknown[] = [];
    this.at++;
    this.spaces();
    if (this.text[this.at] === ']') { this.at++; return out; }
    for (;;) {
      out.push(this.value(depth + 1));
      this.spaces();
      if (this.text[this.at] === ']') { this.at++; return out; }
      this.expect(',');
      this.spaces();
      if (this.text[this.at] === ']') notPlain();
    }
  }

  /** A quoted scalar on this line: no escapes in double quotes (left to yaml), '' in single quotes. */
  private quoted(quote: string): string {
    const start = this.at + 1;
    let end = this.text.indexOf(quote, start);
    while (quote === "'" && end !== -1 && this.text[end + 1] === "'") end = this.text.indexOf(quote, end + 2);
    if (end === -1) notPlain();
    const body = this.text.slice(start, end);
    if (quote === '"' && body.includes('\\')) notPlain();
    this.at = end + 1;
    return quote === "'" ? body.replace(/''/g, "'") : body;
  }

  /** A plain scalar in a flow collection: up to a comma, a closing bracket or `: `. */
  private plain(): unknown {
    const rest = this.text.slice(this.at);
    if (FLOW_INDICATOR.test(rest)) notPlain();
    const m = /^[^,[\]{}]*?(?=\s*(?:[,\]}]|: |:$)|$)/.exec(rest) ?? notPlain();
    const source = m[0].trimEnd();
    // `a:` before a comma or bracket is a key with no value in YAML, not the text "a:".
    if (!source || /: |\s#|:$/.test(source)) notPlain();
    this.at += m[0].length;
    this.spaces();
    return plainScalar(source);
  }
}
