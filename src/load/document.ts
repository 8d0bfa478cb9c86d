import { isMap, isPair, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';
import type { Diagnostic, Severity } from '../diagnostics/diagnostic.js';
import { toPointer } from '../diagnostics/diagnostic.js';

export type PathSegment = string | number;
export type Path = readonly PathSegment[];

export interface SourceSpan {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** Where a document's values are in its source: the yaml library's tree of it, its file's lines, its first character. */
export interface YamlPositions {
  doc: Document.Parsed | undefined;
  lines: LineCounter;
  /** Offset of the document's first character. */
  start: number;
}

/** One YAML document of an input file, as plain data plus the means to point back into its source. */
export class SourceDocument {
  private known: YamlPositions | undefined;

  constructor(
    /** The file name shown in diagnostics (relative to the working directory, or `<stdin>`). */
    readonly file: string,
    /** Absolute path on disk; undefined for standard input. */
    readonly absPath: string | undefined,
    /** Position of this document in its file (0-based) and how many the file holds. */
    readonly index: number,
    readonly count: number,
    readonly value: unknown,
    /**
     * The positions, or how to find them: a document read by the quick reader (src/load/yaml-fast.ts)
     * is parsed by the yaml library only when something asks where one of its values is.
     */
    private readonly positions: YamlPositions | (() => YamlPositions),
  ) {}

  private get source(): YamlPositions {
    this.known ??= typeof this.positions === 'function' ? this.positions() : this.positions;
    return this.known;
  }

  /** The same document holding another value at the same places (its data bound in, see src/validate/data). */
  withValue(value: unknown): SourceDocument {
    return new SourceDocument(this.file, this.absPath, this.index, this.count, value, () => this.source);
  }

  /** The source span of the value at `path`, or of its key when `key` is set (falls back to the nearest ancestor). */
  locate(path: Path, key = false): SourceSpan {
    let node: Node | null | undefined = this.source.doc?.contents as Node | null | undefined;
    let range: [number, number] | undefined = node?.range ? [node.range[0], node.range[1]] : undefined;
    for (let i = 0; i < path.length && node; i++) {
      const seg = path[i];
      const last = i === path.length - 1;
      if (isMap(node)) {
        const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg));
        if (!pair) break;
        const keyNode = pair.key as Node;
        if (last && key && keyNode.range) return this.span(keyNode.range[0], keyNode.range[1]);
        node = pair.value as Node | null;
        if (node?.range) range = [node.range[0], node.range[1]];
        else if (keyNode.range) { range = [keyNode.range[0], keyNode.range[1]]; break; }
      } else if (isSeq(node) && typeof seg === 'number') {
        node = node.items[seg] as Node | null;
        if (node?.range) range = [node.range[0], node.range[1]];
      } else break;
    }
    return range ? this.span(range[0], range[1]) : this.span(this.source.start, this.source.start);
  }

  /** Span of a substring inside the scalar at `path` (used to point at one id of a chain `a -> b`). */
  locateInScalar(path: Path, offset: number, length: number): SourceSpan {
    const node = this.source.doc?.getIn(path as PathSegment[], true) as Node | undefined;
    if (!node || !isScalar(node) || !node.range) return this.locate(path);
    const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
    const start = node.range[0] + (quoted ? 1 : 0) + offset;
    return this.span(start, start + length);
  }

  private span(start: number, end: number): SourceSpan {
    const { lines } = this.source;
    const a = lines.linePos(start);
    // `end` is exclusive; a trailing newline belongs to the previous line.
    const b = lines.linePos(Math.max(start, end));
    return { line: a.line, column: a.col, endLine: b.line, endColumn: b.col };
  }

  diagnostic(path: Path, rule: string, message: string, severity: Severity = 'error', key = false): Diagnostic {
    return { file: this.file, ...this.locate(path, key), severity, rule, message, path: toPointer(path) };
  }

  diagnosticAt(span: SourceSpan, path: Path, rule: string, message: string, severity: Severity = 'error'): Diagnostic {
    return { file: this.file, ...span, severity, rule, message, path: toPointer(path) };
  }
}
