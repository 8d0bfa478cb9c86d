import fs from 'node:fs';
import path from 'node:path';
import { checkSource } from '../../src/compile.js';
import type { LifecycleModel } from '../../src/kinds/lifecycle/model.js';
import { ROOT } from '../support/cli.js';
import { mermaid12Dir } from '../mermaid12/install.js';

export function lifecycleModel(yaml: string): LifecycleModel {
  const r = checkSource(yaml, { file: 't.lifecycle.yaml' });
  const doc = r.documents[0];
  if (!doc?.ok) throw new Error(JSON.stringify(r.diagnostics));
  return doc.model as LifecycleModel;
}

export interface StateStmt { stmt: string; id?: string; description?: string; value?: string; state1?: StateStmt; state2?: StateStmt; note?: { position: string; text: string } }

/**
 * Mermaid's own stateDiagram-v2 parser (the jison grammar the renderer runs, after the same entity
 * encoding), loaded from the installed package's chunks without a browser. Returns the statement list
 * the grammar builds, so tests see exactly how Mermaid reads our text. Mermaid 11 is a devDependency;
 * Mermaid 12 lives in test/mermaid12 and is installed on first use (call this from a beforeAll with
 * a timeout that allows for that install).
 */
export async function mermaidStateParser(pkg: 'mermaid' | 'mermaid12'): Promise<(src: string) => StateStmt[]> {
  const packageDir = pkg === 'mermaid12' ? await mermaid12Dir() : path.join(ROOT, 'node_modules', 'mermaid');
  const dir = path.join(packageDir, 'dist', 'chunks', 'mermaid.core');
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.mjs'));
  const diagramFile = files.find((f) => f.startsWith('stateDiagram-v2-'));
  const encFile = files.find((f) => fs.readFileSync(path.join(dir, f), 'utf8').includes('var encodeEntities ='));
  if (!diagramFile || !encFile) throw new Error(`${pkg}: stateDiagram-v2 parser not found`);
  const { diagram } = await import(path.join(dir, diagramFile));
  const { encodeEntities } = await import(path.join(dir, encFile));
  return (src: string) => {
    const db = diagram.db;
    let doc: StateStmt[] = [];
    // The statement list is what the grammar produced; skipping extraction avoids DOMPurify (no DOM here).
    db.setRootDoc = (d: StateStmt[]) => { doc = d; };
    diagram.parser.parser.yy = db;
    // As Mermaid's preprocessDiagram does: drop `%%` comment lines, then encode entities.
    const cleaned = src.replace(/^\s*%%(?!{)[^\n]+\n?/gm, '').trimStart();
    diagram.parser.parse(`${encodeEntities(cleaned)}\n`);
    return doc;
  };
}

/** Mermaid's entity placeholders back to characters, `<br/>` to newlines: the text a reader sees. */
export const shown = (text: string): string =>
  text.replace(/\uFB02\u00B0\u00B0(\d+)\u00B6\u00DF/g, (_, n) => String.fromCodePoint(Number(n))).replace(/<br\/>/g, '\n');
