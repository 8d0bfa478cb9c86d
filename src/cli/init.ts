import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { KIND_DEFINITIONS } from '../kinds/registry.js';
import type { KindTemplate } from '../kinds/types.js';
import { UsageError } from './inputs.js';
import { writeFileAtomic } from './write.js';

const EXAMPLES = fileURLToPath(new URL('../../examples/', import.meta.url));
const SCHEMAS = fileURLToPath(new URL('../../schemas/', import.meta.url));

/**
 * Each kind contributes its templates (KindDefinition.templates), each one or more of the maintained
 * examples, so templates are always valid and current; listed in registry order.
 */
export const TEMPLATES: Readonly<Record<string, KindTemplate & { kind: string }>> = Object.fromEntries(
  KIND_DEFINITIONS.flatMap((d) => Object.entries(d.templates).map(([name, t]) => [name, { ...t, kind: d.kind }])),
);

const SCHEMA_LINE = /^# yaml-language-server: \$schema=.*\n/m;

/** Points the editor schema line at the schemas installed with journeyflow, relative to the new file. */
function withSchemaLine(text: string, kind: string, targetDir: string): string {
  const rel = path.relative(targetDir, path.join(SCHEMAS, `${kind}.schema.json`)).split(path.sep).join('/');
  const line = `# yaml-language-server: $schema=${rel}\n`;
  return SCHEMA_LINE.test(text) ? text.replace(SCHEMA_LINE, line) : line + text;
}

export function runInit(dir: string | undefined, template: string | undefined, force: boolean, stderr: NodeJS.WritableStream): number {
  const names = template ? [template] : Object.keys(TEMPLATES);
  for (const n of names) if (!Object.hasOwn(TEMPLATES, n)) throw new UsageError(`unknown template "${n}"; choose one of ${Object.keys(TEMPLATES).join(', ')}`);
  const target = path.resolve(dir ?? '.');
  const seen = new Set<string>();
  const plan = names.flatMap((n) => TEMPLATES[n].files.map(([src, dst]) => ({ src: path.join(EXAMPLES, src), dst: path.join(target, dst), kind: TEMPLATES[n].kind }))).filter((p) => !seen.has(p.dst) && seen.add(p.dst));
  const existing = plan.filter((p) => fs.existsSync(p.dst));
  if (existing.length && !force) throw new UsageError(`not overwriting ${existing.map((p) => path.relative(process.cwd(), p.dst) || p.dst).join(', ')} (use --force)`);
  for (const p of plan) {
    const text = fs.readFileSync(p.src, 'utf8');
    // A template may bring files of other kinds along (a journey's linked flow): each file says its own.
    const kind = text.match(/^kind:\s*(\w+)/m)?.[1] ?? p.kind;
    writeFileAtomic(p.dst, withSchemaLine(text, kind, target));
    stderr.write(`created ${path.relative(process.cwd(), p.dst) || p.dst}\n`);
  }
  stderr.write(`next: journeyflow build ${path.relative(process.cwd(), target) || '.'} -f svg,png\n`);
  return 0;
}
