import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { UsageError } from './inputs.js';

/** Project defaults from journeyflow.config.yaml; flags given on the command line win. */
export interface ProjectConfig {
  file?: string;
  out?: string;
  formats?: string;
  theme?: string;
  scale?: number;
  jobs?: number;
  engine?: 'native' | 'mermaid';
  fonts?: string[];
}

const NAMES = ['journeyflow.config.yaml', 'journeyflow.config.yml'];
const KEYS = new Set(['out', 'formats', 'theme', 'scale', 'jobs', 'engine', 'fonts', 'font']);

/** Looks for a config file in the working directory and its parents. */
export function findConfig(start = process.cwd()): string | undefined {
  let dir = path.resolve(start);
  for (;;) {
    for (const n of NAMES) if (fs.existsSync(path.join(dir, n))) return path.join(dir, n);
    const up = path.dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

export function loadConfig(file = findConfig()): ProjectConfig {
  if (!file) return {};
  let raw: unknown;
  try {
    raw = parse(fs.readFileSync(file, 'utf8'), { maxAliasCount: 20 });
  } catch (err) {
    throw new UsageError(`${file}: not valid YAML: ${(err as Error).message.split('\n')[0]}`);
  }
  if (raw === null || raw === undefined) return { file };
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new UsageError(`${file}: expected a map of settings`);
  const o = raw as Record<string, unknown>;
  for (const k of Object.keys(o)) if (!KEYS.has(k)) throw new UsageError(`${file}: unknown setting "${k}" (known: out, formats, theme, scale, jobs, engine, fonts)`);
  const dir = path.dirname(file);
  const str = (k: string) => {
    if (o[k] === undefined) return undefined;
    if (typeof o[k] !== 'string') throw new UsageError(`${file}: "${k}" must be a string`);
    return o[k] as string;
  };
  const num = (k: string) => {
    if (o[k] === undefined) return undefined;
    if (typeof o[k] !== 'number' || !(Number(o[k]) > 0)) throw new UsageError(`${file}: "${k}" must be a positive number`);
    return o[k] as number;
  };
  const formats = Array.isArray(o.formats) ? o.formats.join(',') : str('formats');
  const fontList = o.fonts ?? o.font;
  const fonts = fontList === undefined ? undefined : (Array.isArray(fontList) ? fontList : [fontList]).map((f) => path.resolve(dir, String(f)));
  const engine = str('engine');
  if (engine && engine !== 'native' && engine !== 'mermaid') throw new UsageError(`${file}: "engine" must be native or mermaid`);
  const out = str('out');
  const theme = str('theme');
  return {
    file,
    out: out && out !== '-' ? path.resolve(dir, out) : out,
    formats,
    theme: theme && /\.ya?ml$/i.test(theme) ? path.relative(process.cwd(), path.resolve(dir, theme)) : theme,
    scale: num('scale'),
    jobs: num('jobs'),
    engine: engine as ProjectConfig['engine'],
    fonts,
  };
}

/**
 * A line saying which config file is used, when it is not in the working folder: one found in a
 * parent folder silently changes where outputs go and how they look (issue 24).
 */
export function configNotice(config: ProjectConfig, cwd = process.cwd()): string | undefined {
  if (!config.file || path.dirname(path.resolve(config.file)) === path.resolve(cwd)) return undefined;
  return `using settings from ${config.file}`;
}
