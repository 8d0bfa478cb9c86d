import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { escapeXml } from '../render/escape.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { showControls } from '../diagnostics/terminal-text.js';
import { resolveLimits } from '../load/limits.js';
import { readInput, resolveInputs, UsageError, type InputFile } from './inputs.js';
import { importPackage } from '../runtime/import-package.js';
import { defaultJobs } from './pool.js';
import { defaultWorkerUrl, QueueTimeout, RenderPool, RenderTimeout } from '../server/pool.js';
import { previewProblems, type PreviewJob, type PreviewOutcome } from '../server/preview-task.js';

export interface ServeOptions {
  port: number;
  host: string;
  theme?: string;
  quiet: boolean;
  allowOutside?: boolean;
  /** `/` shows the diagram file saved last (at start, the newest), for an editor's preview pane. */
  follow?: boolean;
  /** Preview threads (`-j`); default: two, or one on a one-core machine. */
  jobs?: number;
  /** Most milliseconds for one preview (`--timeout`); its thread is ended past it and the page says so. */
  timeoutMs?: number;
  /** The preview thread's entry (tests pass another). */
  workerUrl?: URL;
}

/** Default time limit of one preview: above the layout's own 20 s limit, so that one speaks first. */
export const SERVE_TIMEOUT_MS = 30000;

type Previewer = RenderPool<PreviewJob, PreviewOutcome>;

interface Page { input: InputFile; svgs: Array<{ id: string; svg: string }>; problems: string; version: number }

/** Open `/events` streams allowed at once: each holds a socket, and sockets are finite (EMFILE). */
export const MAX_EVENT_CLIENTS = 64;

/**
 * `serve`: a local preview. Lists every diagram, shows each one, rebuilds in memory when a file is
 * saved and tells open pages to refresh (server-sent events); errors show in the page instead of a
 * stale picture. Nothing is written to disk; only the listed inputs are ever served, and only to
 * requests naming this machine (a DNS-rebinding page names its own host). Previews are drawn on
 * pool threads, each under a time limit, so this thread only answers HTTP and reads files.
 */
export async function runServe(inputs: string[], opts: ServeOptions, stderr: NodeJS.WritableStream): Promise<number> {
  if (inputs.includes('-')) throw new UsageError('serve needs files or folders, not standard input');
  const pool: Previewer = new RenderPool({ threads: opts.jobs ?? Math.min(2, defaultJobs()), timeoutMs: opts.timeoutMs ?? SERVE_TIMEOUT_MS, workerUrl: opts.workerUrl ?? defaultWorkerUrl('preview-worker') });
  try {
    await pool.start();
  } catch (err) {
    await pool.close();
    throw err;
  }
  const state = new Previews(inputs, opts, pool);
  try {
    await state.refresh();
  } catch (err) {
    await pool.close();
    throw err;
  }
  state.followNewest();
  const { watch } = await importPackage<typeof import('chokidar')>('chokidar');
  const watcher = watch(inputs.map((i) => path.resolve(i)), { ignoreInitial: true, ignored: /node_modules|\.git/, awaitWriteFinish: { stabilityThreshold: 20, pollInterval: 10 } });
  watcher.on('all', (_event, file) => { if (/\.ya?ml$/i.test(file)) state.changed(path.resolve(file)); });
  // An unreadable sub-folder (EACCES) or a vanished one must not take the preview down.
  watcher.on('error', (err) => stderr.write(`journeyflow: cannot watch ${showControls(String((err as NodeJS.ErrnoException).path ?? ''))}: ${showControls((err as Error).message)}; its changes will not show\n`));
  await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));

  const server = http.createServer((req, res) => state.handle(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => reject(err.code === 'EADDRINUSE' ? new UsageError(`port ${opts.port} is in use; choose another with --port`) : err));
    server.listen(opts.port, opts.host, resolve);
  }).catch(async (err) => { await Promise.all([watcher.close(), pool.close()]); throw err; });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;
  stderr.write(`journeyflow: serving ${state.pages.size} diagram file(s) at http://${opts.host}:${port}/ (Ctrl-C to stop)\n`);
  return new Promise((resolve) => {
    const stop = () => { state.close(); server.close(); void Promise.all([watcher.close(), pool.close()]).then(() => resolve(0)); };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

/** The rendered previews, the queue that keeps them current, and the HTTP answers. */
class Previews {
  readonly pages = new Map<string, Page>();
  private readonly clients = new Set<http.ServerResponse>();
  private readonly served = new Map<string, InputFile>();
  private readonly pending = new Set<string>();
  private draining = false;
  private version = 0;
  /** Files whose previews are being drawn now (said by /health). */
  private readonly rendering = new Set<string>();
  private readonly hosts: Set<string>;
  /** The file a following page shows (`--follow`): the one saved last. */
  private latest?: string;

  constructor(private readonly inputs: string[], private readonly opts: ServeOptions, private readonly pool: Previewer) {
    this.hosts = allowedHosts(opts.host);
  }

  /** Finds the inputs again (files come and go) and renders them all. */
  async refresh(): Promise<void> {
    const files = await resolveInputs(this.inputs, { allowOutside: this.opts.allowOutside });
    this.served.clear();
    for (const f of files) this.served.set(f.absPath!, f);
    const shown = new Set(files.map((f) => f.display));
    for (const key of [...this.pages.keys()]) if (!shown.has(key)) this.pages.delete(key);
    await this.renderAll(files);
  }

  /** Renders files on the pool, as many at once as it has threads (more would only wait in its queue). */
  private async renderAll(files: readonly InputFile[]): Promise<void> {
    let next = 0;
    const lane = async () => { while (next < files.length) await this.render(files[next++]); };
    await Promise.all(Array.from({ length: Math.min(this.pool.threads, files.length) }, lane));
  }

  /** Before any save, a following page shows the newest file on disk. */
  followNewest(): void {
    const mtime = (p: Page) => { try { return fs.statSync(p.input.absPath!).mtimeMs; } catch { return 0; } };
    this.latest = [...this.pages.values()].sort((a, b) => mtime(b) - mtime(a))[0]?.input.display;
  }

  /**
   * A saved file joins the queue; saves that arrive while rendering coalesce into the next round.
   * A known diagram re-renders alone; anything else (a new file, a theme) renders everything.
   */
  changed(file: string): void {
    this.pending.add(file);
    if (this.draining) return;
    this.draining = true;
    void (async () => {
      while (this.pending.size) {
        const round = [...this.pending];
        this.pending.clear();
        if (round.every((f) => this.served.has(f))) await this.renderAll(round.map((f) => this.served.get(f)!));
        else await this.refresh();
        const saved = this.served.get(round[round.length - 1])?.display;
        if (saved !== undefined && this.pages.has(saved)) this.latest = saved;
        for (const c of this.clients) c.write(`data: ${this.version}\n\n`);
      }
    })().catch(() => { /* a render failure is shown in its page; the queue goes on */ }).finally(() => { this.draining = false; });
  }

  private async render(input: InputFile): Promise<void> {
    // Read as any input: a regular file, bounded, inside its tree (checked again at every save).
    const read = readInput(input, resolveLimits({}));
    if (read.diagnostic?.message.includes('does not exist')) { this.pages.delete(input.display); return; }
    // A subprocess `ref` or a step's `flow` link opens the linked diagram's page here (when it is served).
    const links = new Map([...this.served].map(([absPath, f]) => [absPath, `/view?file=${encodeURIComponent(f.display)}`]));
    const job: PreviewJob = { text: read.text ?? '', file: input.display, absPath: input.absPath!, root: input.base, theme: this.opts.theme, links, unreadable: read.diagnostic };
    this.rendering.add(input.display);
    try {
      const { svgs, problems } = await this.preview(job);
      this.pages.set(input.display, { input, svgs, problems, version: ++this.version });
    } finally {
      this.rendering.delete(input.display);
    }
  }

  /** The preview from a pool thread; one that ran over the time limit, or whose thread died, is a problem shown in its page. */
  private async preview(job: PreviewJob): Promise<PreviewOutcome> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.pool.run(job);
      } catch (err) {
        // A wait for a thread runs out only while an ended thread is replaced: try again, a few times.
        if (err instanceof QueueTimeout && attempt < 3) continue;
        return { svgs: [], problems: previewProblems([renderProblem(job.file, err)], job) };
      }
    }
  }

  handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    if (!this.hosts.has(hostName(req.headers.host))) { res.writeHead(403, { 'content-type': 'text/plain' }); res.end('this preview answers only requests for this machine (Host header)\n'); return; }
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/events') { this.events(req, res); return; }
    if (url.pathname === '/health') {
      res.writeHead(200, { 'content-type': 'application/health+json', 'cache-control': 'no-store' });
      res.end(JSON.stringify({ status: 'pass', diagrams: this.pages.size, rendering: [...this.rendering] }) + '\n');
      return;
    }
    // With --follow, / follows the file saved last and the list of all diagrams is at /?all.
    const listUrl = this.opts.follow ? '/?all' : '/';
    const view = (page: Page, note = '') => {
      const problems = page.problems ? `<pre class="problems">${escapeXml(page.problems)}</pre>` : '';
      html(res, `<p><a href="${listUrl}">all diagrams</a> · ${escapeXml(page.input.display)}${note}</p>${problems}${page.svgs.map((s) => `<figure>${s.svg}</figure>`).join('')}`, page.input.display, this.version);
    };
    const following = this.opts.follow && this.latest !== undefined && !url.searchParams.has('all') ? this.pages.get(this.latest) : undefined;
    if (url.pathname === '/' && following) { view(following, ' (following the file saved last)'); return; }
    if (url.pathname === '/') {
      const list = [...this.pages.values()].sort((a, b) => a.input.display.localeCompare(b.input.display))
        .map((p) => `<li><a href="/view?file=${encodeURIComponent(p.input.display)}">${escapeXml(p.input.display)}</a>${p.problems ? ' <span class="bad">has problems</span>' : ''}</li>`).join('');
      html(res, `<h1>journeyflow</h1><ul>${list}</ul>`, 'journeyflow', this.version);
      return;
    }
    if (url.pathname === '/view') {
      const page = this.pages.get(url.searchParams.get('file') ?? '');
      if (!page) { res.writeHead(404, { 'content-type': 'text/plain' }); res.end('not one of the served diagrams\n'); return; }
      view(page);
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found\n');
  }

  private events(req: http.IncomingMessage, res: http.ServerResponse): void {
    if (this.clients.size >= MAX_EVENT_CLIENTS) {
      res.writeHead(503, { 'content-type': 'text/plain', 'retry-after': '5' });
      res.end(`at most ${MAX_EVENT_CLIENTS} pages can follow changes at once; close some tabs\n`);
      return;
    }
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
    res.write(`data: ${this.version}\n\n`);
    this.clients.add(res);
    req.on('close', () => this.clients.delete(res));
  }

  close(): void { for (const c of this.clients) c.end(); }
}

/** A preview stopped at the time limit, or lost with its thread (out of memory, say): said at the file's first line. */
function renderProblem(file: string, err: unknown): Diagnostic {
  const stopped = err instanceof RenderTimeout;
  const message = stopped
    ? `this diagram is too complex to preview: ${(err as Error).message}; remove edges or split it into subprocesses (or raise serve's --timeout)`
    : `this diagram could not be drawn: ${(err as Error)?.message ?? String(err)}`;
  return { file, line: 1, column: 1, endLine: 1, endColumn: 1, severity: 'error', rule: stopped ? 'layout-too-complex' : 'layout-failed', message, path: '' };
}

/** The host names a request may use: localhost names, loopback addresses and the bound address (all of this machine's when bound to every interface). */
function allowedHosts(bound: string): Set<string> {
  const hosts = new Set(['localhost', '127.0.0.1', '::1', bound.toLowerCase().replace(/^\[|\]$/g, '')]);
  if (bound === '0.0.0.0' || bound === '::') for (const list of Object.values(os.networkInterfaces())) for (const a of list ?? []) hosts.add(a.address.toLowerCase());
  return hosts;
}

/** The name in a Host header without its port (`[::1]:4400` → `::1`); '' when there is none. */
function hostName(header: string | undefined): string {
  const h = (header ?? '').trim().toLowerCase();
  const name = h.startsWith('[') ? h.slice(1, h.indexOf(']')) : h.replace(/:\d*$/, '');
  // `*.localhost` is loopback by definition (RFC 6761).
  return name.endsWith('.localhost') ? 'localhost' : name.replace(/\.$/, '');
}

/** `version`: what the page shows, so that a save between this response and the page's event stream still reloads it. */
function html(res: http.ServerResponse, body: string, title: string, version: number): void {
  const nonce = crypto.randomBytes(12).toString('base64');
  res.writeHead(200, {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': `default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; script-src 'nonce-${nonce}'`,
    'x-content-type-options': 'nosniff',
  });
  res.end(layout(title, body, nonce, version));
}

function layout(title: string, body: string, nonce: string, version: number): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeXml(title)}</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem;color:#1f2937}figure{margin:1rem 0;overflow:auto}.problems{background:#fdecec;color:#7f1d1d;padding:1rem;border-radius:6px;white-space:pre-wrap}.bad{color:#b91c1c}</style></head>
<body>${body}<script nonce="${nonce}">
let seen = '${version}';
const events = new EventSource('/events');
events.onmessage = (e) => { if (e.data !== seen) location.reload(); seen = e.data; };
</script></body></html>`;
}
