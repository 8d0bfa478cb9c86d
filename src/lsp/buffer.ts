/**
 * One editor buffer (or a file read from disk) as every feature of the server sees it, made once
 * per version of the buffer. What a feature needs is worked out on first use and kept for that
 * version: the line starts (a scan for newlines), the check (diagnostics and the outline read it,
 * one YAML parse inside checkSource) and the id index (a YAML parse of its own, for completion,
 * navigation and code actions). A keystroke's check thus parses once, and an outline or folding
 * request of the same version parses nothing more.
 */
import fs from 'node:fs';
import { pathToFileURL } from 'node:url';
import { LineCounter } from 'yaml';
import type { Range } from 'vscode-languageserver/node.js';
import { checkSource, type CheckResult } from '../compile.js';
import { indexBuffer, type BufferSymbols } from './symbols.js';

export interface BufferView {
  uri: string;
  fsPath?: string;
  text: string;
  /** Offsets of the first character of every line. */
  readonly lines: LineCounter;
  /** The ids, indexed on first use: a keystroke's check does not need them. */
  readonly symbols: BufferSymbols;
  /** The buffer checked as `journeyflow validate` checks a file, YAML errors repaired; on first use. */
  readonly checked: CheckResult;
  range(start: number, end: number): Range;
}

/** The line starts of a text, as the YAML parser's LineCounter counts them (a line ends at `\n`). */
export function lineStarts(text: string): LineCounter {
  const lines = new LineCounter();
  lines.addNewLine(0);
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lines.addNewLine(i + 1);
  return lines;
}

/** Offsets of a buffer as an LSP range (0-based lines, UTF-16 columns, as JavaScript strings count). */
export function offsetRange(lines: LineCounter, start: number, end: number): Range {
  const a = lines.linePos(start);
  const b = lines.linePos(end);
  return { start: { line: a.line - 1, character: a.col - 1 }, end: { line: b.line - 1, character: b.col - 1 } };
}

/** The offset of an LSP position in a buffer. */
export function positionOffset(view: BufferView, position: Range['start']): number {
  const start = view.lines.lineStarts[position.line] ?? view.text.length;
  return Math.min(start + position.character, view.text.length);
}

/** How the server checks a buffer: its file, when it has one, anchors relative paths. */
function checkOf(text: string, fsPath: string | undefined): CheckResult {
  return checkSource(text, { file: fsPath ?? '<input>', absPath: fsPath, fileAccess: fsPath !== undefined, recoverYaml: true });
}

/** A view of a buffer's text. */
export function bufferView(uri: string, fsPath: string | undefined, text: string): BufferView {
  let lines: LineCounter | undefined;
  let symbols: BufferSymbols | undefined;
  let checked: CheckResult | undefined;
  const view: BufferView = {
    uri, fsPath, text,
    get lines() { return (lines ??= lineStarts(text)); },
    get symbols() { return (symbols ??= indexBuffer(text)); },
    get checked() { return (checked ??= checkOf(text, fsPath)); },
    // An arrow, so the method can be handed on without its object.
    range: (start, end) => offsetRange(view.lines, start, end),
  };
  return view;
}

/** A view of a file read from disk, for cross-file references. */
export function diskView(absPath: string): BufferView | undefined {
  let text: string;
  try { text = fs.readFileSync(absPath, 'utf8'); } catch { return undefined; }
  return bufferView(pathToFileURL(absPath).href, absPath, text);
}
