/**
 * Outputs of deleted inputs (orphans): reported after every build until `--prune` removes them.
 * Only a file the manifest says journeyflow wrote is ever removed, and only when it is still that
 * file: inside the manifest's root (also once symlinks are resolved), a regular file (never a
 * link, which is not followed), holding the very bytes written. Anything else is the user's now
 * and stays; the manifest forgets it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { showControls } from '../diagnostics/terminal-text.js';
import { absolutePath, outputMatches, type Manifest, type OutputRecord } from './manifest.js';
import { isInside, realOrUndefined } from './read-file.js';

const shown = (file: string): string => showControls(path.relative(process.cwd(), file) || file);

/** Why the orphan at `file` may not be removed; undefined when it may. */
function refusal(root: string, file: string, record: OutputRecord): string | undefined {
  if (!isInside(file, root)) return `it lies outside ${shown(root)}`;
  const realRoot = realOrUndefined(root);
  const realFolder = realOrUndefined(path.dirname(file));
  if (!realRoot || !realFolder || !isInside(realFolder, realRoot)) return `its folder leads outside ${shown(root)} (through a symbolic link)`;
  if (fs.lstatSync(file).isSymbolicLink()) return 'it is a symbolic link now';
  if (!outputMatches(file, record)) return 'it changed since journeyflow wrote it';
  return undefined;
}

/** Removes the folders a removal emptied, up to (not including) the root; a folder in use stays. */
function removeEmptyFolders(root: string, from: string): void {
  for (let dir = from; dir !== root && isInside(dir, root); dir = path.dirname(dir)) {
    try { fs.rmdirSync(dir); } catch { return; }
  }
}

/**
 * Reports the orphans of `manifest` (or removes them with `prune`) as lines added to `notes`, and
 * returns the manifest with the orphans it still tracks: all of them when reporting, none after pruning.
 */
export function settleOrphans(manifest: Manifest, root: string, prune: boolean, quiet: boolean, notes: string[]): Manifest {
  const entries = Object.entries(manifest.orphans);
  if (!entries.length) return manifest;
  if (!prune) {
    if (quiet) return manifest;
    for (const [out, o] of entries) {
      const input = absolutePath(root, o.input);
      const why = manifest.inputs[o.input] ? `no longer produced by ${shown(input)}` : `its input ${shown(input)} was deleted`;
      notes.push(`orphan:  ${shown(absolutePath(root, out))} (${why})`);
    }
    notes.push(`journeyflow: ${entries.length} orphaned output(s) left in place; build with --prune to remove them`);
    return manifest;
  }
  let removed = 0;
  for (const [out, o] of entries) {
    const file = absolutePath(root, out);
    if (!fs.lstatSync(file, { throwIfNoEntry: false })) continue;
    const why = refusal(root, file, o);
    if (why) { notes.push(`kept:    ${shown(file)} (${why})`); continue; }
    fs.unlinkSync(file);
    removeEmptyFolders(root, path.dirname(file));
    removed++;
    if (!quiet) notes.push(`removed: ${shown(file)}`);
  }
  if (!quiet) notes.push(`journeyflow: ${removed} orphaned output(s) removed`);
  return { ...manifest, orphans: {} };
}
