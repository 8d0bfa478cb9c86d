import crypto from 'node:crypto';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { resolveLimits, type Limits } from '../load/limits.js';
import { ResponseCache } from './cache.js';
import { interpretOptions } from './diagram-options.js';
import { HttpError } from './http-error.js';
import { readBody } from './body.js';
import { readRequest, route, type Route } from './kroki-request.js';
import { Metrics, type Outcome } from './metrics.js';
import { QueueTimeout, RenderPool, RenderTimeout } from './pool.js';
import { CONTENT_TYPES, DIAGRAM_TYPE_NAMES, type RenderJob } from './protocol.js';
import type { ServiceConfig } from './config.js';
import { allowCors, answerPreflight, matchesEtag, sendBody, sendError } from './responses.js';

/*
 * `journeyflow server`: Kroki's HTTP API over the library. This thread reads requests, answers
 * from the cache, and hands each render to the pool of render threads; it never renders, so it
 * keeps answering (health, metrics, cache hits, 503s) while the threads are busy. Nothing is read
 * from or written to disk for a request.
 */

export { DEFAULT_CONFIG, type ServiceConfig } from './config.js';

const VERSION: string = (createRequire(import.meta.url)('../../package.json') as { version: string }).version;
/** Kroki's cache lifetime for a rendered diagram: its URL names its content, so it never goes stale. */
const CACHE_CONTROL = 'public, max-age=432000';
/** An SVG opened as a page may do nothing but draw (journeyflow's SVGs hold no script; this makes sure). */
const DIAGRAM_CSP = "default-src 'none'; style-src 'unsafe-inline'";

export interface RenderService {
  server: http.Server;
  metrics: Metrics;
  cache: ResponseCache;
  pool: RenderPool;
  listen(port: number, host: string): Promise<AddressInfo>;
  /** Refuses new requests, finishes those in flight (up to graceMs), then stops the threads. */
  shutdown(graceMs?: number): Promise<void>;
}

/** The content hash a response is cached and tagged by: everything that decides its bytes. */
function cacheKey(job: RenderJob, limits: Limits): string {
  const scale = job.format === 'png' ? job.scale : 0;
  const parts = [VERSION, job.diagramType, job.format, job.theme ?? '', scale, limits, job.source];
  return crypto.createHash('sha256').update(JSON.stringify(parts)).digest('base64url');
}

function failureOf(err: unknown): { error: HttpError; outcome: Outcome } {
  if (err instanceof HttpError) {
    const outcome: Outcome = err.status === 413 ? 'too_large' : err.status === 503 ? 'overloaded' : err.status < 500 ? 'bad_request' : 'internal';
    return { error: err, outcome };
  }
  if (err instanceof RenderTimeout) return { error: new HttpError(503, err.message), outcome: 'timeout' };
  if (err instanceof QueueTimeout) return { error: new HttpError(503, `The server is busy: ${err.message}.`, { 'retry-after': '2' }), outcome: 'overloaded' };
  // A render thread lost (out of memory, a crash): said plainly, never with a stack.
  return { error: new HttpError(500, `Internal error while rendering: ${(err as Error)?.message ?? String(err)}`), outcome: 'internal' };
}

export async function startRenderService(config: ServiceConfig): Promise<RenderService> {
  const pool = new RenderPool({ threads: config.threads, timeoutMs: config.timeoutMs, workerUrl: config.workerUrl });
  try {
    await pool.start();
  } catch (err) {
    // A thread that cannot start (a broken install) must not leave the others running.
    await pool.close();
    throw err;
  }
  return new KrokiService(config, pool);
}

class KrokiService implements RenderService {
  readonly server: http.Server;
  readonly cache: ResponseCache;
  readonly metrics = new Metrics();
  private readonly limits: Limits;
  private inFlight = 0;
  private draining = false;
  /** Answers not yet written, told at shutdown to close their connection once written. */
  private readonly open = new Set<ServerResponse>();

  constructor(private readonly config: ServiceConfig, readonly pool: RenderPool) {
    this.limits = resolveLimits(config.limits);
    this.cache = new ResponseCache(config.cacheBytes);
    this.server = http.createServer({
      // A sender that dribbles headers or body holds a socket for seconds, not minutes.
      headersTimeout: Math.min(config.bodyTimeoutMs, 10_000),
      requestTimeout: config.bodyTimeoutMs + config.timeoutMs + 5_000,
      connectionsCheckingInterval: 500,
      keepAliveTimeout: 5_000,
    }, (req, res) => { void this.handle(req, res); });
    this.server.maxConnections = config.maxConnections;
  }

  listen(port: number, host: string): Promise<AddressInfo> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, host, () => { this.server.off('error', reject); resolve(this.server.address() as AddressInfo); });
    });
  }

  async shutdown(graceMs = this.config.timeoutMs + this.config.bodyTimeoutMs): Promise<void> {
    this.draining = true;
    for (const res of this.open) if (!res.headersSent) res.setHeader('connection', 'close');
    const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.server.closeIdleConnections();
    const deadline = setTimeout(() => this.server.closeAllConnections(), graceMs);
    // Keep-alive sockets that become idle after their last answer are closed as they go idle.
    const sweep = setInterval(() => this.server.closeIdleConnections(), 50);
    await closed;
    clearTimeout(deadline);
    clearInterval(sweep);
    await this.pool.close();
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = performance.now();
    let outcome: Outcome = 'service';
    allowCors(res);
    if (this.draining) res.setHeader('connection', 'close');
    this.open.add(res);
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const method = req.method ?? 'GET';
      if (method === 'OPTIONS') { answerPreflight(res); return; }
      if (this.draining) throw new HttpError(503, 'The server is shutting down.', { 'retry-after': '1' });
      if (this.answerService(method, url.pathname, res)) return;
      const r = route(method, url.pathname);
      if (!r) throw new HttpError(404, 'Not Found');
      if (this.inFlight >= this.config.maxInFlight) throw new HttpError(503, `The server is busy (${this.inFlight} requests in progress); try again shortly.`, { 'retry-after': '1' });
      this.inFlight++;
      try { outcome = await this.diagram(req, res, r, url); } finally { this.inFlight--; }
    } catch (err) {
      const failure = failureOf(err);
      outcome = failure.outcome;
      sendError(req, res, failure.error);
    } finally {
      this.open.delete(res);
      this.metrics.observe(res.statusCode, outcome, (performance.now() - started) / 1000);
    }
  }

  /** Reads one diagram request into a render job. */
  private async jobFor(req: IncomingMessage, r: Route, url: URL): Promise<RenderJob> {
    const body = r.form === 'get' ? Buffer.alloc(0) : await readBody(req, this.config.maxBodyBytes, this.config.bodyTimeoutMs);
    const request = readRequest(r, url.searchParams, req.headers, body, this.limits.maxBytes);
    const options = interpretOptions(request.options);
    return { source: request.source, diagramType: request.diagramType, format: request.format, theme: options.theme, scale: options.scale, limits: this.limits };
  }

  /** Renders (or finds) one diagram request; returns what became of it for the metrics. */
  private async diagram(req: IncomingMessage, res: ServerResponse, r: Route, url: URL): Promise<Outcome> {
    const job = await this.jobFor(req, r, url);
    const key = cacheKey(job, this.limits);
    const etag = `"${key.slice(0, 32)}"`;
    const contentType = CONTENT_TYPES[job.format];
    const headers = { etag, 'cache-control': CACHE_CONTROL, 'content-security-policy': DIAGRAM_CSP };
    // The ETag names the inputs of a deterministic render, so it can be answered without one.
    if (matchesEtag(req.headers['if-none-match'], etag)) {
      this.metrics.cacheHits++;
      res.writeHead(304, headers).end();
      return 'not_modified';
    }
    const hit = this.cache.get(key);
    if (hit) {
      this.metrics.cacheHits++;
      sendBody(res, 200, hit.contentType, hit.body, { ...headers, 'x-journeyflow-cache': 'hit' });
      return 'cached';
    }
    this.metrics.cacheMisses++;
    const outcome = await this.pool.run(job);
    if (!outcome.ok) { sendError(req, res, new HttpError(400, outcome.message)); return 'diagnostics'; }
    this.cache.set(key, { body: outcome.body, contentType, etag });
    const timing: Record<string, string> = outcome.renderMs !== undefined ? { 'server-timing': `render;dur=${outcome.renderMs.toFixed(1)}` } : {};
    sendBody(res, 200, contentType, outcome.body, { ...headers, ...timing, 'x-journeyflow-cache': 'miss' });
    return 'rendered';
  }

  /** /health, /metrics and / : the answers that need no render. */
  private answerService(method: string, pathname: string, res: ServerResponse): boolean {
    if (method !== 'GET' && method !== 'HEAD') return false;
    if (pathname === '/health' || pathname === '/healthz' || pathname === '/v1/health') {
      const health = { status: 'pass', version: { journeyflow: VERSION }, threads: this.config.threads, ready: this.pool.readyThreads };
      sendBody(res, 200, 'application/health+json', JSON.stringify(health) + '\n', { 'cache-control': 'no-store' });
      return true;
    }
    if (pathname === '/metrics') {
      const text = this.metrics.render({ inFlight: this.inFlight, cacheBytes: this.cache.bytes, cacheEntries: this.cache.size, workerRestarts: this.pool.restarts });
      sendBody(res, 200, 'text/plain; version=0.0.4; charset=utf-8', text, { 'cache-control': 'no-store' });
      return true;
    }
    if (pathname === '/') {
      sendBody(res, 200, 'text/plain; charset=utf-8', helloText());
      return true;
    }
    return false;
  }
}

function helloText(): string {
  return `journeyflow ${VERSION} render service (Kroki API)
  GET  /{type}/{format}/{source deflated + base64url}
  POST /            JSON {diagram_source, diagram_type, output_format, diagram_options}
  POST /{type}/{format}   the source as text/plain (or JSON {diagram_source, diagram_options})
types: ${DIAGRAM_TYPE_NAMES.join(', ')}
formats: svg, png, txt, mmd    options: theme, scale, locale (query, Kroki-Diagram-Options-* headers, diagram_options)
GET /health, GET /metrics
`;
}
