import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { checkSource, drawDocument } from '../../src/compile.js';
import type { Scene } from '../../src/scene/types.js';
import { sceneLeaves } from '../../src/render/vector/scene-read.js';
import { BIN, ROOT } from '../support/cli.js';

export const EXAMPLES = path.join(ROOT, 'examples');

/** Runs a program without blocking the test process (LibreOffice and poppler take their time). */
export function run(cmd: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; timeout?: number } = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(cmd, args, { cwd: options.cwd ?? ROOT, env: options.env ?? process.env, timeout: options.timeout ?? 150000, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof (err as NodeJS.ErrnoException).code === 'number' ? Number((err as NodeJS.ErrnoException).code) : 1) : 0, stdout, stderr });
    });
  });
}

export function jfAsync(args: string[]) {
  return run(process.execPath, [BIN, ...args], { env: { ...process.env, NO_COLOR: '1' } });
}

export interface ExampleDiagram { file: string; stem: string; scenes: Scene[]; svgs: string[] }

/** Every example's scenes, drawn in-process with the same pipeline the CLI uses. */
export async function exampleDiagrams(): Promise<ExampleDiagram[]> {
  const out: ExampleDiagram[] = [];
  for (const name of fs.readdirSync(EXAMPLES).filter((f) => f.endsWith('.yaml')).sort()) {
    const abs = path.join(EXAMPLES, name);
    const options = { file: `examples/${name}`, absPath: abs, root: EXAMPLES };
    const checked = checkSource(fs.readFileSync(abs, 'utf8'), options);
    const drawn = await Promise.all(checked.documents.filter((d) => d.ok).map((d) => drawDocument(d, options)));
    out.push({ file: name, stem: name.replace(/\.yaml$/, ''), scenes: drawn.map((d) => d.scene), svgs: drawn.map((d) => d.svg) });
  }
  return out;
}

export interface Units { nodes: Map<string, string>; edges: Array<{ from: string; to: string; label: string }>; lanes: Map<string, string> }

/** Nodes (id → main label), edges and lanes of a scene, as the SVG contract groups them. */
export function unitsOf(scene: Scene): Units {
  const nodes = new Map<string, string>();
  const lanes = new Map<string, string>();
  const edges = new Map<string, { from: string; to: string; label: string }>();
  for (const v of sceneLeaves(scene)) {
    if (!v.unit) continue;
    const text = v.leaf.type === 'text' ? v.leaf.lines.join('\n') : '';
    if (v.unit.role === 'node') {
      const isMain = v.leaf.type === 'text' && (v.leaf.className === 'jf-label' || !nodes.get(v.unit.id));
      if (!nodes.has(v.unit.id) || (isMain && !nodes.get(v.unit.id))) nodes.set(v.unit.id, isMain ? text : nodes.get(v.unit.id) ?? '');
    } else if (v.unit.role === 'lane') {
      if (!lanes.get(v.unit.id)) lanes.set(v.unit.id, text);
    } else {
      const e = edges.get(v.unit.key) ?? { from: v.unit.from ?? '', to: v.unit.to ?? '', label: '' };
      if (text) e.label = e.label ? `${e.label}\n${text}` : text;
      edges.set(v.unit.key, e);
    }
  }
  return { nodes, edges: [...edges.values()], lanes };
}

/** Every line of text a scene draws. */
export function textLines(scene: Scene): string[] {
  return sceneLeaves(scene).flatMap((v) => (v.leaf.type === 'text' ? v.leaf.lines : [])).filter((l) => l.trim());
}

/** Text compared without white space: extractors break and space lines their own way. */
export const squash = (s: string): string => s.replace(/\s+/g, '');
