import { Composer, Lexer, LineCounter, Parser, isAlias, isMap, isPair, isScalar, isSeq, type CST, type Document, type Node } from 'yaml';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { SourceDocument } from './document.js';
import { tokenBound, type Limits } from './limits.js';
import { tooDeepOffset } from './cst-depth.js';

export interface LoadResult {
  documents: SourceDocument[];
  diagnostics: Diagnostic[];
}

const diag = (file: string, line: number, column: number, rule: string, message: string, endColumn = column + 1): Diagnostic => ({
  file, line, column, endLine: line, endColumn, severity: 'error', rule, message, path: '',
});

/**
 * Parses YAML text into documents that remember their source positions; never throws for bad input.
 * With `recover`, a document with syntax errors is still read as the parser repaired it, so an editor
 * shows its other problems while the user is typing.
 */
export function loadYaml(text: string, file: string, absPath: string | undefined, limits: Limits, recover = false): LoadResult {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > limits.maxBytes) {
    return { documents: [], diagnostics: [diag(file, 1, 1, 'input-too-large', `file is ${bytes} bytes; the limit is ${limits.maxBytes} (raise it with --max-bytes)`)] };
  }
  const maxTokens = tokenBound(limits);
  // A token needs at least half a byte, so only a large file can pass the bound: count those first.
  if (bytes * 2 > maxTokens) {
    const over = tokenOverflow(text, maxTokens);
    if (over !== undefined) {
      const line = countLines(text, over);
      return { documents: [], diagnostics: [diag(file, line, 1, 'input-too-large', `more than ${maxTokens} YAML tokens (from line ${line} on); the limit follows --max-elements (${limits.maxElements}), raise it to read this file`)] };
    }
  }
  const lineCounter = new LineCounter();
  let parsed: Document.Parsed[];
  // Documents nested too deep for composing, by their start offset: where the deep value begins.
  const deepDocuments = new Map<number, number>();
  const stackTraceLimit = Error.stackTraceLimit;
  try {
    // The parser makes an Error per problem; a file of garbage can have a million, and their stack
    // traces (never shown) would cost more than the rest of the parse.
    Error.stackTraceLimit = 0;
    parsed = parseGuarded(text, lineCounter, limits.maxDepth, deepDocuments);
  } catch (err) {
    return { documents: [], diagnostics: [diag(file, 1, 1, 'yaml-syntax', `cannot parse YAML: ${(err as Error).message}`)] };
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
  const diagnostics: Diagnostic[] = [];
  const documents: SourceDocument[] = [];
  // An empty document (a trailing `---`, or one holding only comments) is no document at all.
  const empty = (d: Document.Parsed) => d.contents === null || (isScalar(d.contents) && d.contents.value === null && d.contents.range?.[0] === d.contents.range?.[1]);
  const real = parsed.filter((d) => !empty(d) || d.errors.length > 0 || deepDocuments.has(d.range[0]));
  real.forEach((doc, index) => {
    const deepAt = deepDocuments.get(doc.range[0]);
    if (deepAt !== undefined) {
      const pos = lineCounter.linePos(deepAt);
      diagnostics.push(diag(file, pos.line, pos.col, 'input-too-large', `nesting deeper than ${limits.maxDepth} levels (raise it with --max-depth)`));
      return;
    }
    // Past the first few dozen, syntax errors are echoes of the first; a file of garbage would
    // otherwise yield hundreds of thousands of diagnostics.
    const errors = doc.errors.slice(0, MAX_YAML_ERRORS);
    for (const e of errors) {
      const pos = e.linePos?.[0] ?? lineCounter.linePos(e.pos[0]);
      const end = e.linePos?.[1] ?? pos;
      if (e.code === 'RESOURCE_EXHAUSTION') {
        // The parser ran out of stack: nesting far beyond the depth bound (checked after parsing).
        diagnostics.push(diag(file, pos.line, pos.col, 'input-too-large', `nesting deeper than ${limits.maxDepth} levels (raise it with --max-depth)`));
        break;
      }
      diagnostics.push({ ...diag(file, pos.line, pos.col, 'yaml-syntax', cleanYamlMessage(e.message)), endLine: end.line, endColumn: end.col });
    }
    if (doc.errors.length > MAX_YAML_ERRORS) {
      const e = doc.errors[MAX_YAML_ERRORS];
      const pos = e.linePos?.[0] ?? lineCounter.linePos(e.pos[0]);
      diagnostics.push(diag(file, pos.line, pos.col, 'yaml-syntax', `${doc.errors.length - MAX_YAML_ERRORS} more YAML errors in this document are not shown`));
    }
    if (errors.length && (!recover || errors.some((e) => e.code === 'RESOURCE_EXHAUSTION'))) return;
    const { tooDeep, duplicates } = scanTree(doc.contents as Node | null, limits.maxDepth);
    if (tooDeep) {
      const pos = lineCounter.linePos(tooDeep.range?.[0] ?? 0);
      diagnostics.push(diag(file, pos.line, pos.col, 'input-too-large', `nesting deeper than ${limits.maxDepth} levels (raise it with --max-depth)`));
      return;
    }
    for (const d of duplicates.slice(0, MAX_YAML_ERRORS)) {
      const pos = lineCounter.linePos(d.node.range?.[0] ?? 0);
      const first = lineCounter.linePos(d.first.range?.[0] ?? 0);
      diagnostics.push(diag(file, pos.line, pos.col, 'yaml-syntax', `map keys must be unique: ${JSON.stringify(d.name)} is already used on line ${first.line}`));
    }
    if (duplicates.length) return;
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: limits.maxAliases });
    } catch (err) {
      const pos = lineCounter.linePos(doc.range?.[0] ?? 0);
      // Only the expansion bound is a bomb; an alias to an anchor of another document (each
      // document has its own anchors) or a later one is a plain mistake.
      const bomb = /excessive alias count/i.test((err as Error).message);
      const msg = bomb
        ? `too many alias expansions (more than ${limits.maxAliases}); the document looks like an alias bomb (raise the bound with --max-aliases)`
        : `cannot read YAML: ${cleanYamlMessage((err as Error).message)}`;
      diagnostics.push(diag(file, pos.line, pos.col, bomb ? 'input-too-large' : 'yaml-syntax', msg));
      return;
    }
    const start = doc.range?.[0] ?? 0;
    documents.push(new SourceDocument(file, absPath, index, real.length, value, doc, lineCounter, start));
  });
  return { documents, diagnostics };
}

/**
 * Syntax-tree depth up to which composing is safe on any stack: a cold process ran out at about 600
 * levels. Only deeper documents are stopped before composing; shallower ones too deep for the bound
 * are found on the composed tree (a syntax tree with errors can be deeper than what is composed).
 */
const SAFE_COMPOSE_DEPTH = 256;

/**
 * `parseAllDocuments`, with each document's syntax tree checked for nesting before it is composed:
 * a document too deep to compose keeps only its start (composed as empty) and is listed in `tooDeep`.
 */
function parseGuarded(text: string, lineCounter: LineCounter, maxDepth: number, tooDeep: Map<number, number>): Document.Parsed[] {
  const parser = new Parser(lineCounter.addNewLine);
  const composer = new Composer({ prettyErrors: false, uniqueKeys: false, strict: true });
  function* checked(): Generator<CST.Token> {
    for (const token of parser.parse(text)) {
      if (token.type === 'document') {
        if (tooDeepOffset(token, Math.max(maxDepth, SAFE_COMPOSE_DEPTH)) !== undefined) {
          tooDeep.set(token.offset, tooDeepOffset(token, maxDepth)!);
          token.value = undefined;
        }
      }
      yield token;
    }
  }
  return Array.from(composer.compose(checked())) as Document.Parsed[];
}

function cleanYamlMessage(message: string): string {
  // yaml appends the position ("at line 3, column 5:") and a code frame; we print our own.
  return message.replace(/ at line \d+, column \d+:?[\s\S]*$/, '').trim();
}

const MAX_YAML_ERRORS = 50;

/** Offset of the first token past `max`, or undefined when the text has no more than `max` tokens. */
export function tokenOverflow(text: string, max: number): number | undefined {
  let count = 0;
  let offset = 0;
  for (const token of new Lexer().lex(text)) {
    if (++count > max) return offset;
    offset += token.length;
  }
  return undefined;
}

function countLines(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

interface DuplicateKey { node: Node; first: Node; name: string }

/**
 * One walk over a composed document, following no aliases (so it stays linear): the first node
 * nested deeper than `max` levels (the root value is level 1), and else the keys used twice in one
 * map, found in one pass per map (the yaml library's own check compares every pair, which takes
 * minutes for a map of a few hundred thousand keys), the first MAX_YAML_ERRORS + 1 of them.
 */
function scanTree(root: Node | null, max: number): { tooDeep?: Node; duplicates: DuplicateKey[] } {
  const duplicates: DuplicateKey[] = [];
  const stack: Array<[Node, number]> = root ? [[root, 1]] : [];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (depth > max) return { tooDeep: node, duplicates: [] };
    if (isAlias(node)) continue;
    if (isMap(node)) {
      const seen = duplicates.length <= MAX_YAML_ERRORS ? new Map<string, Node>() : undefined;
      for (const p of node.items) {
        if (!isPair(p)) continue;
        const key = p.key as Node | null;
        if (seen && isScalar(key)) {
          const id = `${typeof key.value}:${String(key.value)}`;
          const first = seen.get(id);
          if (first) duplicates.push({ node: key, first, name: String(key.value) });
          else seen.set(id, key);
        }
        if (p.value && typeof p.value === 'object') stack.push([p.value as Node, depth + 1]);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) if (item && typeof item === 'object') stack.push([item as Node, depth + 1]);
    }
  }
  return { duplicates };
}
