import fs from 'node:fs';
import path from 'node:path';

/**
 * Where a `ref` / `flow` link points, once checked to exist inside the tree being built; absPath is
 * absent when the compile has no file access (the path was then checked by its text only).
 */
export type ReferenceCheck = { ok: true; absPath?: string; relative: string } | { ok: false; reason: string };

/** A reference that was looked up on disk: where it is when it exists. */
export type ResolvedReference = { ok: true; absPath: string; relative: string } | { ok: false; reason: string };

const NOT_RELATIVE = 'must be a path relative to this file';
const notRelative = (target: string) => /^[a-z][a-z0-9+.-]*:/i.test(target) || path.isAbsolute(target) || target.startsWith('\\');

/**
 * A reference checked by its text alone, for a compile without file access: refused when absolute
 * or when it climbs out of its folder (`../../etc/passwd`), else accepted unread.
 */
export function checkReferenceText(target: string): ReferenceCheck {
  if (notRelative(target)) return { ok: false, reason: NOT_RELATIVE };
  const normal = path.posix.normalize(target.replace(/\\/g, '/'));
  if (normal === '..' || normal.startsWith('../')) return { ok: false, reason: 'leaves the folder tree; it is not read' };
  return { ok: true, relative: normal };
}

/**
 * Resolves a file named inside a document (a subprocess `ref`, a step's `flow`, a theme file),
 * relative to that document. Anything absolute, anything that leaves `root` (also through a
 * symlink) and anything missing is refused; a refused path is never read.
 */
export function checkReference(target: string, fromFile: string | undefined, root: string): ResolvedReference {
  if (notRelative(target)) return { ok: false, reason: NOT_RELATIVE };
  const baseDir = fromFile ? path.dirname(fromFile) : process.cwd();
  const resolved = path.resolve(baseDir, target);
  const inside = (p: string, r: string) => {
    const rel = path.relative(r, p);
    return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
  };
  if (!inside(resolved, root)) return { ok: false, reason: 'leaves the folder tree being built; it is not read' };
  let real: string;
  try {
    real = fs.realpathSync(resolved);
  } catch {
    return { ok: false, reason: 'does not exist' };
  }
  let realRoot = root;
  try { realRoot = fs.realpathSync(root); } catch { /* root itself missing: compare as given */ }
  if (!inside(real, realRoot)) return { ok: false, reason: 'leads outside the folder tree being built (through a symbolic link); it is not read' };
  if (!fs.statSync(real).isFile()) return { ok: false, reason: 'is not a file' };
  return { ok: true, absPath: resolved, relative: path.relative(baseDir, resolved).split(path.sep).join('/') };
}

/** File name of a diagram's output: `x.flow.yaml` → `x.flow.svg`; documents of a multi-document file get `.<id>`. */
export function outputName(inputBase: string, ext: string, docId?: string): string {
  const stem = inputBase.replace(/\.ya?ml$/i, '');
  return docId ? `${stem}.${docId}.${ext}` : `${stem}.${ext}`;
}

/** Default diagram id from a file name: without .yaml/.yml and a trailing `.<kind>` of one of `kindNames`. */
export function defaultIdFor(file: string | undefined, kindNames: readonly string[]): string {
  if (!file) return 'diagram';
  const kindSuffix = new RegExp(`\\.(${kindNames.join('|')})$`, 'i');
  const base = path.basename(file).replace(/\.(ya?ml|md|markdown)$/i, '').replace(kindSuffix, '');
  const id = base.toLowerCase().replace(/[^a-z0-9_-]+/g, '-').replace(/^[-_]+/, '');
  return id || 'diagram';
}
