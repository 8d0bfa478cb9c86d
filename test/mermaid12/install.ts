/*
 * Stock Mermaid 12 for the tests that read our Mermaid output back with it (browser render, the
 * journey and stateDiagram grammars). It is not a devDependency of the project: Mermaid 12 pulls
 * chevrotain 13 and commander 15, which declare Node >= 22, so every `npm install` on Node 20
 * printed EBADENGINE warnings for a package only three test files use. This folder is its own tiny
 * package with its own lock file, installed on first use (test/support/npm-folder.ts).
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { installNpmFolder } from '../support/npm-folder.js';

export const MERMAID12_ROOT = path.dirname(fileURLToPath(import.meta.url));

/**
 * The folder of the installed `mermaid@12` package (test/mermaid12/node_modules/mermaid), installed
 * first if needed. Rejects with one line naming npm's complaint when the install fails.
 */
export async function mermaid12Dir(): Promise<string> {
  await installNpmFolder(MERMAID12_ROOT, 'Mermaid 12');
  return path.join(MERMAID12_ROOT, 'node_modules', 'mermaid');
}
