import fs from 'node:fs';
import path from 'node:path';
import { globSync } from 'tinyglobby';
import { isMap, parseAllDocuments, type Node } from 'yaml';

/** A YAML file on disk that holds a diagram: its path, kind and title (of its first document). */
export interface DiagramFile {
  absPath: string;
  kind: string;
  title: string;
}

/** Folders listed for completion and cross-file references stop here, so a huge tree stays quick. */
const MAX_FILES = 2000;

/** YAML files under `dir` (node_modules and dot-folders left out), at most MAX_FILES. */
export function yamlFiles(dir: string): string[] {
  try {
    return globSync(['**/*.yaml', '**/*.yml'], { cwd: dir, absolute: true, ignore: ['**/node_modules/**', '**/.*/**'], deep: 8 }).slice(0, MAX_FILES);
  } catch {
    return [];
  }
}

/** Kind and title of the first document of a YAML text that names a kind, or undefined. */
export function diagramHead(text: string): { kind: string; title: string } | undefined {
  try {
    for (const doc of parseAllDocuments(text, { uniqueKeys: false }) as Array<{ contents: Node | null }>) {
      const root = doc.contents;
      if (!isMap(root)) continue;
      const kind = root.get('kind');
      if (typeof kind !== 'string') continue;
      const title = root.get('title');
      return { kind, title: typeof title === 'string' ? title : '' };
    }
  } catch {
    // An unreadable file holds no diagram we could offer.
  }
  return undefined;
}

/** Diagram files under `dir` of one kind (any kind when omitted), read from disk. */
export function diagramFiles(dir: string, kind?: string): DiagramFile[] {
  const out: DiagramFile[] = [];
  for (const absPath of yamlFiles(dir)) {
    let text: string;
    try { text = fs.readFileSync(absPath, 'utf8'); } catch { continue; }
    const head = diagramHead(text);
    if (head && (kind === undefined || head.kind === kind)) out.push({ absPath, ...head });
  }
  return out;
}

/** A path as documents write references: relative to the document's folder, with forward slashes. */
export function relativeRef(fromFile: string, target: string): string {
  return path.relative(path.dirname(fromFile), target).split(path.sep).join('/');
}
