import type { Limits } from '../load/limits.js';

/*
 * The render service's settings and their defaults, apart from the service itself so that the
 * CLI's flag parsing (loaded with every command) does not load the HTTP server.
 */

export interface ServiceConfig {
  /** Render threads (`-j`). */
  threads: number;
  /** Most milliseconds for one render (the thread is ended past it) and for one wait for a thread. */
  timeoutMs: number;
  /** Most milliseconds for a request body to arrive. */
  bodyTimeoutMs: number;
  maxBodyBytes: number;
  /** Most diagram requests being read, waiting or rendering at once; past it, 503 + Retry-After. */
  maxInFlight: number;
  /** Most open connections; more are refused by the socket layer. */
  maxConnections: number;
  cacheBytes: number;
  /** The library's bounds for a source (`--max-*`). */
  limits: Partial<Limits>;
  /** Render thread entry (tests pass another). */
  workerUrl?: URL;
}

export const DEFAULT_CONFIG: Omit<ServiceConfig, 'threads' | 'maxBodyBytes'> = {
  timeoutMs: 10_000,
  bodyTimeoutMs: 10_000,
  maxInFlight: 64,
  maxConnections: 1024,
  cacheBytes: 64 * 1024 * 1024,
  limits: {},
};
