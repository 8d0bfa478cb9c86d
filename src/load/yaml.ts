import { LineCounter, parseAllDocuments, isAlias, isMap, isPair, isSeq, type Document, type Node } from 'yaml';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { SourceDocument } from './document.js';
import type { Limits } from './limits.js';

export interface LoadResult {
  documents: SourceDocument[];
  diagnostics: Diagnostic[];
}

const diag = (file: string, line: number, column: number, rule: string, message: string, endColumn = column + 1): Diagnostic => ({
  file, line, column, endLine: line, endColumn, severity: 'error', rule, message, path: '',
});

/** Parses YAML text into documents that remember their source positions; never throws for bad input. */
export function loadYaml(text: string, file: string, absPath: string | undefined, limits: Limits): LoadResult {
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > limits.maxBytes) {
    return { documents: [], diagnostics: [diag(file, 1, 1, 'input-too-large', `file is ${bytes} bytes; the limit is ${limits.maxBytes} (raise it with --max-bytes)`)] };
  }
  const lineCounter = new LineCounter();
  let parsed: Document.Parsed[];
  try {
    parsed = parseAllDocuments(text, { lineCounter, prettyErrors: false, uniqueKeys: true, strict: true }) as Document.Parsed[];
  } catch (err) {
    return { documents: [], diagnostics: [diag(file, 1, 1, 'yaml-syntax', `cannot parse YAML: ${(err as Error).message}`)] };
  }
  if (!Array.isArray(parsed)) parsed = [];
  const diagnostics: Diagnostic[] = [];
  const documents: SourceDocument[] = [];
  const real = parsed.filter((d) => d.contents !== null || d.errors.length > 0);
  real.forEach((doc, index) => {
    const errors = [...doc.errors];
    for (const e of errors) {
      const pos = e.linePos?.[0] ?? lineCounter.linePos(e.pos[0]);
      const end = e.linePos?.[1] ?? pos;
      diagnostics.push({ ...diag(file, pos.line, pos.col, 'yaml-syntax', cleanYamlMessage(e.message)), endLine: end.line, endColumn: end.col });
    }
    if (errors.length) return;
    const tooDeep = findTooDeep(doc.contents as Node | null, limits.maxDepth);
    if (tooDeep) {
      const pos = lineCounter.linePos(tooDeep.range?.[0] ?? 0);
      diagnostics.push(diag(file, pos.line, pos.col, 'input-too-large', `nesting deeper than ${limits.maxDepth} levels (raise it with --max-depth)`));
      return;
    }
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: limits.maxAliases });
    } catch (err) {
      const pos = lineCounter.linePos(doc.range?.[0] ?? 0);
      const msg = /alias/i.test((err as Error).message)
        ? `too many alias expansions (more than ${limits.maxAliases}); the document looks like an alias bomb (raise the bound with --max-aliases)`
        : `cannot read YAML: ${(err as Error).message}`;
      diagnostics.push(diag(file, pos.line, pos.col, /alias/i.test(msg) ? 'input-too-large' : 'yaml-syntax', msg));
      return;
    }
    const start = doc.range?.[0] ?? 0;
    documents.push(new SourceDocument(file, absPath, index, real.length, value, doc, lineCounter, start));
  });
  return { documents, diagnostics };
}

function cleanYamlMessage(message: string): string {
  // yaml appends the position ("at line 3, column 5:") and a code frame; we print our own.
  return message.replace(/ at line \d+, column \d+:?[\s\S]*$/, '').trim();
}

/** Returns the first node nested deeper than `max` levels, following no aliases (so it stays linear). */
function findTooDeep(root: Node | null, max: number): Node | undefined {
  const stack: Array<[Node, number]> = root ? [[root, 1]] : [];
  while (stack.length) {
    const [node, depth] = stack.pop()!;
    if (depth > max) return node;
    if (isAlias(node)) continue;
    if (isMap(node)) {
      for (const p of node.items) if (isPair(p) && p.value && typeof p.value === 'object') stack.push([p.value as Node, depth + 1]);
    } else if (isSeq(node)) {
      for (const item of node.items) if (item && typeof item === 'object') stack.push([item as Node, depth + 1]);
    }
  }
  return undefined;
}
