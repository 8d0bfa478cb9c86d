import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { UsageError } from './inputs.js';
import { writeFileAtomic } from './write.js';

const EXAMPLES = fileURLToPath(new URL('../../examples/', import.meta.url));
const SCHEMAS = fileURLToPath(new URL('../../schemas/', import.meta.url));

/** Each template is one of the maintained examples (so templates are always valid and current). */
export const TEMPLATES: Record<string, { description: string; files: Array<[source: string, target: string]> }> = {
  'retail-journey': {
    description: 'retail customer journey map (six stages, touchpoints, pain points, KPIs) and its service-blueprint version (two personas, -2..+2, evidence, funnel)',
    // The purchase step links to the first-purchase flow, so that file comes along.
    files: [['retail-journey.journey.yaml', 'retail-journey.journey.yaml'], ['retail-blueprint.journey.yaml', 'retail-blueprint.journey.yaml'], ['first-purchase.flow.yaml', 'first-purchase.flow.yaml']],
  },
  'first-purchase': { description: 'first-purchase process with customer volumes, drop-off and bottlenecks', files: [['first-purchase.flow.yaml', 'first-purchase.flow.yaml']] },
  'after-sales': { description: 'after-sales service across departments (swimlanes) with an on-site repair subprocess', files: [['after-sales.flow.yaml', 'after-sales.flow.yaml'], ['onsite-repair.flow.yaml', 'onsite-repair.flow.yaml']] },
  'customer-lifecycle': { description: 'customer tiers (prospect, active, VIP, dormant, churned) and lifecycle transitions', files: [['ecommerce-tiers.lifecycle.yaml', 'customer-lifecycle.lifecycle.yaml']] },
};

const SCHEMA_LINE = /^# yaml-language-server: \$schema=.*\n/m;

/** Points the editor schema line at the schemas installed with journeyflow, relative to the new file. */
function withSchemaLine(text: string, kind: string, targetDir: string): string {
  const rel = path.relative(targetDir, path.join(SCHEMAS, `${kind}.schema.json`)).split(path.sep).join('/');
  const line = `# yaml-language-server: $schema=${rel}\n`;
  return SCHEMA_LINE.test(text) ? text.replace(SCHEMA_LINE, line) : line + text;
}

export function runInit(dir: string | undefined, template: string | undefined, force: boolean, stderr: NodeJS.WritableStream): number {
  const names = template ? [template] : Object.keys(TEMPLATES);
  for (const n of names) if (!TEMPLATES[n]) throw new UsageError(`unknown template "${n}"; choose one of ${Object.keys(TEMPLATES).join(', ')}`);
  const target = path.resolve(dir ?? '.');
  const seen = new Set<string>();
  const plan = names.flatMap((n) => TEMPLATES[n].files.map(([src, dst]) => ({ src: path.join(EXAMPLES, src), dst: path.join(target, dst) }))).filter((p) => !seen.has(p.dst) && seen.add(p.dst));
  const existing = plan.filter((p) => fs.existsSync(p.dst));
  if (existing.length && !force) throw new UsageError(`not overwriting ${existing.map((p) => path.relative(process.cwd(), p.dst) || p.dst).join(', ')} (use --force)`);
  for (const p of plan) {
    const text = fs.readFileSync(p.src, 'utf8');
    const kind = text.match(/^kind:\s*(\w+)/m)?.[1] ?? 'flow';
    writeFileAtomic(p.dst, withSchemaLine(text, kind, target));
    stderr.write(`created ${path.relative(process.cwd(), p.dst) || p.dst}\n`);
  }
  stderr.write(`next: journeyflow build ${path.relative(process.cwd(), target) || '.'} -f svg,png\n`);
  return 0;
}
