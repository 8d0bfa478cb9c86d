import type { Command } from 'commander';
import { DEFAULT_LIMITS } from '../load/limits.js';
import { addLimitOptions, limitsFrom } from './options.js';
import { UsageError } from './inputs.js';
import { defaultJobs } from './pool.js';
import type { ServerCommandOptions } from '../server/index.js';
import { DEFAULT_CONFIG } from '../server/config.js';

/*
 * The `server` command's flags. Only this file is loaded with the CLI; the service itself
 * (src/server/index.ts) is imported when the command runs.
 */

const DEFAULTS = { ...DEFAULT_CONFIG, port: 8000, cacheMb: DEFAULT_CONFIG.cacheBytes / 1024 / 1024 };
/** Room in a body beside the source: a JSON envelope, and escapes (`\u4e2d` is 6 bytes for 3). */
const BODY_OVERHEAD_BYTES = 1024 * 1024;

/** A whole-number flag value in [min, max], or a usage error naming the flag. */
export function whole(name: string, value: unknown, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new UsageError(`${name} must be a whole number from ${min} to ${max}, got "${value}"`);
  return n;
}

export function serverOptions(o: Record<string, unknown>): ServerCommandOptions {
  const limits = limitsFrom(o);
  const maxBytes = limits.maxBytes ?? DEFAULT_LIMITS.maxBytes;
  return {
    port: whole('--port', o.port ?? DEFAULTS.port, 0, 65535),
    host: String(o.host ?? '127.0.0.1'),
    threads: o.jobs !== undefined ? whole('--jobs', o.jobs, 1, 256) : defaultJobs(),
    timeoutMs: whole('--timeout', o.timeout ?? DEFAULTS.timeoutMs, 1),
    bodyTimeoutMs: whole('--body-timeout', o.bodyTimeout ?? DEFAULTS.bodyTimeoutMs, 1),
    maxBodyBytes: o.maxBody !== undefined ? whole('--max-body', o.maxBody, 1) : maxBytes + BODY_OVERHEAD_BYTES,
    maxInFlight: whole('--max-queue', o.maxQueue ?? DEFAULTS.maxInFlight, 1),
    maxConnections: DEFAULTS.maxConnections,
    cacheBytes: whole('--cache-mb', o.cacheMb ?? DEFAULTS.cacheMb, 0) * 1024 * 1024,
    limits,
  };
}

export function addServerCommand(program: Command, stderr: NodeJS.WritableStream, setCode: (code: number) => void): void {
  addLimitOptions(program.command('server')
    .description('render service speaking Kroki\'s HTTP API, for docs tools with a Kroki plugin (MkDocs, Sphinx, Asciidoctor, remark)')
    .option('-p, --port <n>', `port (0 picks a free one; default ${DEFAULTS.port}, Kroki's)`)
    .option('--host <host>', 'address to bind (default 127.0.0.1: this machine only; 0.0.0.0 in a container)')
    .option('-j, --jobs <n>', 'render threads (default: the number of cores)')
    .option('--timeout <ms>', `time limit of one render; its thread is ended past it (default ${DEFAULTS.timeoutMs})`)
    .option('--body-timeout <ms>', `time limit for a request body to arrive (default ${DEFAULTS.bodyTimeoutMs})`)
    .option('--max-body <bytes>', 'largest request body (default: --max-bytes + 1 MiB)')
    .option('--max-queue <n>', `most diagram requests in progress at once; past it 503 + Retry-After (default ${DEFAULTS.maxInFlight})`)
    .option('--cache-mb <n>', `memory for rendered diagrams, least recently used dropped first; 0 for none (default ${DEFAULTS.cacheMb})`))
    .action(async (o: Record<string, unknown>) => {
      const options = serverOptions(o);
      setCode(await (await import('../server/index.js')).runServer(options, stderr));
    });
}
