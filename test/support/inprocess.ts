/**
 * In-process helpers for the unit tests: models straight from YAML through the library's
 * checkSource, a kind's members reached through its registered KindDefinition (as the program
 * does), and the CLI's `main` run with capturing streams (no child process, no dist/).
 */
import fs from 'node:fs';
import path from 'node:path';
import { checkSource } from '../../src/compile.js';
import { main } from '../../src/cli/main.js';
import { diffModels, type DiagramDiff } from '../../src/diff/index.js';
import { renderDiffTxt } from '../../src/diff/txt.js';
import { kindDefinition } from '../../src/kinds/registry.js';
import type { CommonModel, KindDefinition } from '../../src/kinds/types.js';
import { renderTxt } from '../../src/render/txt/index.js';

/**
 * The model of the only document of a YAML text. It must check clean of errors, or with `lenient`
 * only pass the schema (the renderers take any schema-valid model).
 */
export function model<M extends CommonModel = CommonModel>(yaml: string, options: { file?: string; lenient?: boolean } = {}): M {
  const r = checkSource(yaml, { file: options.file ?? 'test.yaml' });
  const doc = r.documents[0];
  const usable = options.lenient ? doc && !r.diagnostics.some((d) => d.rule === 'schema' || d.rule === 'yaml-syntax') : doc?.ok;
  if (!usable || r.documents.length !== 1) throw new Error(`not one valid diagram: ${JSON.stringify(r.diagnostics)}`);
  return doc.model as M;
}

/** The registered definition of a kind (throws for a name the registry does not know). */
export function definitionOf(kind: string): KindDefinition {
  const definition = kindDefinition(kind);
  if (!definition) throw new Error(`no registered kind "${kind}"`);
  return definition;
}

/** The `-f txt` file of a model: its kind's `toText` lines through renderTxt. */
export const txtOf = async (m: CommonModel): Promise<string> => renderTxt(await definitionOf(m.kind).toText(m));

/** The diff of two models (either may be missing) through the definition of their kind, as `journeyflow diff` does. */
export const diffOf = (before: CommonModel | undefined, after: CommonModel | undefined): Promise<DiagramDiff> =>
  diffModels(definitionOf((after ?? before)?.kind ?? ''), before, after);

/** The `-f txt` file of a diff: the kind's marked picture with the counts under it. */
export const diffTxtOf = async (before: CommonModel | undefined, after: CommonModel | undefined): Promise<string> => {
  const d = await diffOf(before, after);
  return renderDiffTxt(definitionOf(d.kind), d);
};

/** A write stream that keeps every chunk (strings and bytes) in order. */
export class Capture {
  readonly chunks: Buffer[] = [];
  write(chunk: string | Uint8Array): boolean {
    this.chunks.push(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk));
    return true;
  }
  get bytes(): Buffer { return Buffer.concat(this.chunks); }
  get text(): string { return this.bytes.toString('utf8'); }
}

export interface CliRun { code: number; stdout: string; stderr: string; out: Buffer }

/**
 * Starts `journeyflow <args>` in this process and hands back its live streams and the run. `cwd`
 * is entered for the run (display names and the config file search depend on it) and left when
 * it ends. `tty` makes standard error look like a terminal of 60 columns.
 */
export function startCli(args: string[], cwd?: string, options: { tty?: boolean } = {}): { stdout: Capture; stderr: Capture; done: Promise<CliRun> } {
  const stdout = new Capture();
  const stderr = Object.assign(new Capture(), options.tty ? { isTTY: true, columns: 60 } : {});
  const before = process.cwd();
  if (cwd) process.chdir(cwd);
  const done = main(['node', 'journeyflow', ...args], stdout as unknown as NodeJS.WritableStream, stderr as unknown as NodeJS.WritableStream)
    .then((code) => ({ code, stdout: stdout.text, stderr: stderr.text, out: stdout.bytes }))
    .finally(() => { if (cwd) process.chdir(before); });
  return { stdout, stderr, done };
}

/** Runs `journeyflow <args>` in this process to its end (see startCli). */
export const cli = (args: string[], cwd?: string, options: { tty?: boolean } = {}): Promise<CliRun> => startCli(args, cwd, options).done;

/** Resolves once `check` holds (polled every 20 ms); rejects with `what` after `ms`. */
export async function until(check: () => boolean, what: string, ms = 30000): Promise<void> {
  for (let waited = 0; !check(); waited += 20) {
    if (waited > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Writes files (path → text) under `dir` (created) and returns it. */
export function writeTree(dir: string, files: Record<string, string>): string {
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

/** Attribute values and classes of the SVG's `<g>` groups whose class list holds `cls`. */
export function svgGroups(svg: string, cls: string): Array<{ classes: string[]; attrs: Record<string, string>; title?: string }> {
  const out: Array<{ classes: string[]; attrs: Record<string, string>; title?: string }> = [];
  for (const m of svg.matchAll(/<g class="([^"]*)"([^>]*)>(\s*<title>([^<]*)<\/title>)?/g)) {
    const classes = m[1].split(' ');
    if (!classes.includes(cls)) continue;
    const attrs = Object.fromEntries([...m[2].matchAll(/([\w-]+)="([^"]*)"/g)].map((a) => [a[1], a[2]]));
    out.push({ classes, attrs, title: m[4] });
  }
  return out;
}
