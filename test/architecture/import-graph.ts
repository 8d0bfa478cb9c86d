/**
 * The import graph of src/, read from the source text: every `import … from '…'`, `export … from '…'`
 * and `import('…')` with a relative specifier, resolved to the .ts file it names. The architecture
 * tests judge the program's shape from this graph, not from what a bundler happens to keep.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ROOT } from '../support/cli.js';

export const SRC = path.join(ROOT, 'src');

export interface ImportArrow {
  /** Both paths relative to src/, with forward slashes. */
  from: string;
  to: string;
  /** Loaded only when the code runs it: `import('…')`. */
  dynamic: boolean;
  /** Erased by the compiler: `import type` / `export type`. */
  typeOnly: boolean;
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(full);
    return e.name.endsWith('.ts') ? [full] : [];
  });
}

// Comments may quote an import as an example; only code counts.
const withoutComments = (text: string) => text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');

const SPECIFIERS: Array<{ re: RegExp; dynamic: boolean }> = [
  { re: /\b(?:import|export)\s[^'"`;]*?\bfrom\s*['"]([^'"]+)['"]/g, dynamic: false },
  { re: /\bimport\s*['"]([^'"]+)['"]/g, dynamic: false },
  { re: /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g, dynamic: true },
];

/** Every relative import of every src/**\/*.ts file, as arrows between files. */
export function importArrows(): ImportArrow[] {
  const arrows: ImportArrow[] = [];
  for (const file of sourceFiles(SRC)) {
    const code = withoutComments(fs.readFileSync(file, 'utf8'));
    const from = path.relative(SRC, file).split(path.sep).join('/');
    for (const { re, dynamic } of SPECIFIERS) {
      for (const m of code.matchAll(re)) {
        if (!m[1].startsWith('.')) continue;
        const target = path.resolve(path.dirname(file), m[1]).replace(/\.js$/, '.ts');
        const typeOnly = /^(?:import|export)\s+type\b/.test(m[0]);
        arrows.push({ from, to: path.relative(SRC, target).split(path.sep).join('/'), dynamic, typeOnly });
      }
    }
  }
  return arrows;
}

/** Every file a module loads when it is imported: its static, non-type imports, followed. */
export function staticClosure(arrows: readonly ImportArrow[], start: string): Set<string> {
  const seen = new Set([start]);
  const queue = [start];
  while (queue.length) {
    const at = queue.shift()!;
    for (const a of arrows) {
      if (a.from !== at || a.dynamic || a.typeOnly || seen.has(a.to)) continue;
      seen.add(a.to);
      queue.push(a.to);
    }
  }
  return seen;
}

/** The kind folder a file belongs to (`kinds/flow/scene.ts` → `flow`), if any. */
export function kindFolderOf(file: string): string | undefined {
  const m = /^kinds\/([^/]+)\//.exec(file);
  return m?.[1];
}

/**
 * The node a file stands for in the folder graph: its top-level folder of src/ (a file directly in
 * src/ is its own node), each kind folder on its own (`kinds/flow`), and the registry on its own —
 * it is the one place that gathers the kinds, while the rest of src/kinds/ is the contract they share.
 */
export function folderOf(file: string): string {
  if (file === 'kinds/registry.ts') return 'kinds/registry';
  const kind = kindFolderOf(file);
  if (kind) return `kinds/${kind}`;
  const slash = file.indexOf('/');
  return slash < 0 ? file : file.slice(0, slash);
}

/** Cycles of the folder graph: each strongly connected group of two or more folders, with one loop through it. */
export function folderCycles(arrows: readonly ImportArrow[]): string[][] {
  const next = new Map<string, Set<string>>();
  for (const a of arrows) {
    const [f, t] = [folderOf(a.from), folderOf(a.to)];
    if (f === t) continue;
    if (!next.has(f)) next.set(f, new Set());
    next.get(f)!.add(t);
  }
  const reaches = (start: string, goal: string): string[] | undefined => {
    // Breadth first, so the loop shown is a shortest one.
    const back = new Map<string, string>();
    const queue = [start];
    while (queue.length) {
      const at = queue.shift()!;
      for (const n of next.get(at) ?? []) {
        if (back.has(n)) continue;
        back.set(n, at);
        if (n === goal) {
          const loop = [goal];
          for (let p = at; p !== start; p = back.get(p)!) loop.unshift(p);
          return [start, ...loop];
        }
        queue.push(n);
      }
    }
    return undefined;
  };
  const cycles: string[][] = [];
  const covered = new Set<string>();
  for (const node of [...next.keys()].sort()) {
    if (covered.has(node)) continue;
    const loop = reaches(node, node);
    if (!loop) continue;
    loop.forEach((n) => covered.add(n));
    cycles.push(loop);
  }
  return cycles;
}
