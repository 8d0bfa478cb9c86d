import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { threadId } from 'node:worker_threads';
import { parseSubsettable, subsetFont, type SubsettableFont } from './png-font-subset.js';

/** The bundled fonts parsed for subsetting, by path (null: not subsettable), read once per process. */
const parsed = new Map<string, SubsettableFont | null>();
let written = 0;

function subsettable(file: string): SubsettableFont | undefined {
  if (!parsed.has(file)) parsed.set(file, parseSubsettable(fs.readFileSync(file)) ?? null);
  return parsed.get(file) ?? undefined;
}

export interface FontSubsets {
  files: string[];
  /** Deletes the subset files (after the render that reads them). */
  remove(): void;
}

/**
 * The bundled fonts cut down to one diagram's characters (see png-font-subset.ts), written to
 * temporary files for resvg-js, which takes fonts only as paths. Undefined, and the whole fonts
 * used, when a font cannot be subset or the files cannot be written: slower, the same picture.
 */
export function subsetFontFiles(fonts: string[], codePoints: Set<number>, vertical: boolean): FontSubsets | undefined {
  const files: string[] = [];
  const remove = () => files.forEach((f) => fs.rmSync(f, { force: true }));
  try {
    for (const font of fonts) {
      const source = subsettable(font);
      if (!source) { remove(); return undefined; }
      // Unique per process, thread and render: server threads render side by side.
      const file = path.join(os.tmpdir(), `journeyflow-${process.pid}-${threadId}-${written++}-${path.basename(font)}`);
      fs.writeFileSync(file, subsetFont(source, codePoints, vertical), { flag: 'wx' });
      files.push(file);
    }
    return { files, remove };
  } catch {
    remove();
    return undefined;
  }
}
