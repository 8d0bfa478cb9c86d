import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { checkSource, renderDocument } from '../compile.js';
import { escapeXml } from '../render/escape.js';
import { hasErrors } from '../diagnostics/diagnostic.js';
import { formatDiagnostics } from '../diagnostics/format.js';
import { resolveInputs, UsageError, type InputFile } from './inputs.js';
import { importPackage } from '../runtime/import-package.js';

export interface ServeOptions {
  port: number;
  host: string;
  theme?: string;
  quiet: boolean;
  /** `/` shows the diagram file saved last (at start, the newest), for an editor's preview pane. */
  follow?: boolean;
}

interface Page { input: InputFile; svgs: Array<{ id: string; svg: string }>; problems: string; version: number }

/**
 * `serve`: a local preview. Lists every diagram, shows each one, rebuilds in memory when a file is
 * saved and tells open pages to refresh (server-sent events); errors show in the page instead of a
 * stale picture. Nothing is written to disk; only the listed inputs are ever served.
 */
export async function runServe(inputs: string[], opts: ServeOptions, stderr: NodeJS.WritableStream): Promise<number> {
  if (inputs.includes('-')) throw new UsageError('serve needs files or folders, not standard input');
  const pages = new Map<string, Page>();
  const clients = new Set<http.ServerResponse>();
  let version = 0;

  const render = async (input: InputFile): Promise<void> => {
    let text: string;
    try { text = fs.readFileSync(input.absPath!, 'utf8'); } catch { pages.delete(input.display); return; }
    // A subprocess `ref` or a step's `flow` link opens the linked diagram's page here (when it is served).
    const link = (t: { absPath: string }) => { const d = served.get(t.absPath); return d === undefined ? undefined : `/view?file=${encodeURIComponent(d)}`; };
    const options = { file: input.display, absPath: input.absPath, root: input.base, theme: opts.theme, link };
    const checked = checkSource(text, options);
    const svgs: Page['svgs'] = [];
    for (const doc of checked.documents) if (doc.ok) { const r = await renderDocument(doc, options); svgs.push({ id: r.id, svg: r.svg }); }
    const problems = formatDiagnostics(checked.diagnostics, 'text', new Map([[input.display, text]]));
    pages.set(input.display, { input, svgs: hasErrors(checked.diagnostics) ? [] : svgs, problems, version: ++version });
  };
  const served = new Map<string, string>();
  const refresh = async () => {
    const files = await resolveInputs(inputs);
    served.clear();
    for (const f of files) if (f.absPath) served.set(f.absPath, f.display);
    for (const key of [...pages.keys()]) if (!files.some((f) => f.display === key)) pages.delete(key);
    for (const f of files) await render(f);
  };
  await refresh();
  // The file a following page shows: the one saved last; before any save, the newest on disk.
  const mtime = (p: Page) => { try { return fs.statSync(p.input.absPath!).mtimeMs; } catch { return 0; } };
  let latest = [...pages.values()].sort((a, b) => mtime(b) - mtime(a))[0]?.input.display;

  const { watch } = await importPackage<typeof import('chokidar')>('chokidar');
  const watcher = watch(inputs.map((i) => path.resolve(i)), { ignoreInitial: true, ignored: /node_modules|\.git/, awaitWriteFinish: { stabilityThreshold: 20, pollInterval: 10 } });
  const changed = async (file: string) => {
    await refresh();
    const display = served.get(path.resolve(file));
    if (display !== undefined && pages.has(display)) latest = display;
    for (const c of clients) c.write(`data: ${version}\n\n`);
  };
  watcher.on('all', (_event, file) => { if (/\.ya?ml$/i.test(file)) void changed(file); });
  await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const nonce = crypto.randomBytes(12).toString('base64');
    const html = (body: string, title: string) => {
      res.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'content-security-policy': `default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; script-src 'nonce-${nonce}'`,
        'x-content-type-options': 'nosniff',
      });
      res.end(layout(title, body, nonce));
    };
    if (url.pathname === '/events') {
      res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
      res.write(`data: ${version}\n\n`);
      clients.add(res);
      req.on('close', () => clients.delete(res));
      return;
    }
    // With --follow, / follows the file saved last and the list of all diagrams is at /?all.
    const listUrl = opts.follow ? '/?all' : '/';
    const view = (page: Page, note = '') => {
      const problems = page.problems ? `<pre class="problems">${escapeXml(page.problems)}</pre>` : '';
      html(`<p><a href="${listUrl}">all diagrams</a> · ${escapeXml(page.input.display)}${note}</p>${problems}${page.svgs.map((s) => `<figure>${s.svg}</figure>`).join('')}`, page.input.display);
    };
    const following = opts.follow && latest !== undefined && !url.searchParams.has('all') ? pages.get(latest) : undefined;
    if (url.pathname === '/' && following) { view(following, ' (following the file saved last)'); return; }
    if (url.pathname === '/') {
      const list = [...pages.values()].sort((a, b) => a.input.display.localeCompare(b.input.display))
        .map((p) => `<li><a href="/view?file=${encodeURIComponent(p.input.display)}">${escapeXml(p.input.display)}</a>${p.problems ? ' <span class="bad">has problems</span>' : ''}</li>`).join('');
      html(`<h1>journeyflow</h1><ul>${list}</ul>`, 'journeyflow');
      return;
    }
    if (url.pathname === '/view') {
      const page = pages.get(url.searchParams.get('file') ?? '');
      if (!page) { res.writeHead(404, { 'content-type': 'text/plain' }); res.end('not one of the served diagrams\n'); return; }
      view(page);
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found\n');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => reject(err.code === 'EADDRINUSE' ? new UsageError(`port ${opts.port} is in use; choose another with --port`) : err));
    server.listen(opts.port, opts.host, resolve);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : opts.port;
  stderr.write(`journeyflow: serving ${pages.size} diagram file(s) at http://${opts.host}:${port}/ (Ctrl-C to stop)\n`);
  return new Promise((resolve) => {
    const stop = () => { for (const c of clients) c.end(); server.close(); void watcher.close().then(() => resolve(0)); };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}

function layout(title: string, body: string, nonce: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeXml(title)}</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem;color:#1f2937}figure{margin:1rem 0;overflow:auto}.problems{background:#fdecec;color:#7f1d1d;padding:1rem;border-radius:6px;white-space:pre-wrap}.bad{color:#b91c1c}</style></head>
<body>${body}<script nonce="${nonce}">
let seen;
const events = new EventSource('/events');
events.onmessage = (e) => { if (seen !== undefined && e.data !== seen) location.reload(); seen = e.data; };
</script></body></html>`;
}
