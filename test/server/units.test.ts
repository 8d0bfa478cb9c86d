import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compile } from '../../src/api/index.js';
import { ResponseCache } from '../../src/server/cache.js';
import { decodeSource, encodeSource } from '../../src/server/decode.js';
import { collectOptions, interpretOptions } from '../../src/server/diagram-options.js';
import { formatFromAccept, route } from '../../src/server/kroki-request.js';
import { matchesEtag } from '../../src/server/responses.js';
import { serverOptions } from '../../src/cli/server-command.js';
import { ROOT } from '../support/cli.js';
import { FLOW } from './helpers.js';

// The render service's parts on their own: cache bound, option precedence, routing, decoding.

describe('ResponseCache', () => {
  it('never holds more bytes than its bound, dropping the least recently used first', () => {
    const cache = new ResponseCache(10_000);
    const entry = (n: number) => ({ body: 'x'.repeat(n), contentType: 'image/svg+xml', etag: '"e"' });
    for (let i = 0; i < 100; i++) {
      cache.set(`k${i}`, entry(1000));
      if (i === 50) cache.get('k45');
      expect(cache.bytes).toBeLessThanOrEqual(10_000);
    }
    expect(cache.get('k99')).toBeDefined();
    expect(cache.get('k0')).toBeUndefined();
    expect(cache.size).toBe(8);
    cache.set('huge', entry(20_000));
    expect(cache.get('huge')).toBeUndefined();
  });

  it('keeps a recently read entry over older ones', () => {
    const cache = new ResponseCache(3 * 1210);
    for (const k of ['a', 'b', 'c']) cache.set(k, { body: 'x'.repeat(1000), contentType: 't', etag: k });
    cache.get('a');
    cache.set('d', { body: 'x'.repeat(1000), contentType: 't', etag: 'd' });
    expect([cache.get('a')?.etag, cache.get('b'), cache.get('d')?.etag]).toEqual(['a', undefined, 'd']);
  });
});

describe('diagram options', () => {
  it('are collected from query, headers and diagram_options, later winning, names lower-cased', () => {
    const query = new URLSearchParams('theme=dark&scale=3&output_format=png&Width=5');
    const raw = collectOptions(query, { 'kroki-diagram-options-theme': 'neutral', 'x-other': 'y' }, { SCALE: 1 });
    expect(raw).toEqual({ theme: 'neutral', scale: '1', width: '5' });
    expect(interpretOptions(raw)).toEqual({ theme: 'neutral', scale: 1 });
    expect(interpretOptions({})).toEqual({ scale: 2 });
  });

  it('refuse values that are not simple', () => {
    expect(() => collectOptions(new URLSearchParams(), {}, { theme: { nested: 1 } })).toThrow(/diagram_options\.theme must be a string/);
    expect(() => collectOptions(new URLSearchParams(), {}, ['dark'])).toThrow(/must be a JSON object/);
    expect(() => interpretOptions({ theme: 'constructor' })).toThrow(/is not one of/);
  });
});

describe('routing and formats', () => {
  it('finds the three forms and refuses other methods as Kroki does', () => {
    expect(route('GET', '/journeyflow/svg/eNo')).toEqual({ form: 'get', diagramType: 'journeyflow', format: 'svg', encoded: 'eNo' });
    expect(route('POST', '/')).toEqual({ form: 'post-json' });
    expect(route('POST', '/journeyflow-flow/PNG')).toEqual({ form: 'post-typed', diagramType: 'journeyflow-flow', format: 'png' });
    expect(route('POST', '/journeyflow')).toEqual({ form: 'post-typed', diagramType: 'journeyflow', format: undefined });
    expect(() => route('PUT', '/journeyflow/svg')).toThrow(/Method Not Allowed/);
    expect(route('GET', '/')).toBeUndefined();
    expect(route('GET', '/a/b/c/d')).toBeUndefined();
  });

  it('reads Accept by q-value and order', () => {
    expect(formatFromAccept('image/png;q=0.5, image/svg+xml', 'journeyflow')).toBe('svg');
    expect(formatFromAccept('text/plain, image/png', 'journeyflow')).toBe('txt');
    expect(formatFromAccept('image/svg+xml;q=0, image/png', 'journeyflow')).toBe('png');
    expect(formatFromAccept('*/*', 'journeyflow')).toBe('svg');
  });

  it('matches If-None-Match lists, weak tags and *', () => {
    expect(matchesEtag('"a", W/"b"', '"b"')).toBe(true);
    expect(matchesEtag('*', '"b"')).toBe(true);
    expect(matchesEtag('"a"', '"b"')).toBe(false);
    expect(matchesEtag(undefined, '"b"')).toBe(false);
  });
});

describe('source encoding', () => {
  it('round-trips UTF-8 through deflate + base64url, and accepts the plain base64 alphabet with padding', () => {
    const source = `${FLOW}# 中文 ✓ +/+/\n`;
    const encoded = encodeSource(source);
    expect(encoded).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeSource(encoded, 1 << 20)).toBe(source);
    const standard = Buffer.from(encoded, 'base64url').toString('base64');
    expect(decodeSource(standard, 1 << 20)).toBe(source);
  });
});

describe('the server command\'s flags', () => {
  it('default to Kroki\'s port on 127.0.0.1, a body bound that follows --max-bytes, and refuse nonsense', () => {
    const o = serverOptions({ jobs: '3' });
    expect([o.port, o.host, o.threads, o.maxBodyBytes]).toEqual([8000, '127.0.0.1', 3, 5 * 1024 * 1024]);
    expect(serverOptions({ maxBytes: 1000 }).maxBodyBytes).toBe(1000 + 1024 * 1024);
    expect(() => serverOptions({ port: '70000' })).toThrow(/--port must be a whole number from 0 to 65535/);
    expect(() => serverOptions({ timeout: '0' })).toThrow(/--timeout/);
  });
});

describe('the library without file access', () => {
  it('checks ref paths by their text, draws them without a link, and refuses theme files', async () => {
    const ref = 'examples/onsite-repair.flow.yaml';
    const withRef = FLOW.replace('{ id: record, label: 客服记录报修信息,', `{ id: record, type: subprocess, ref: ${ref}, label: 客服记录报修信息,`);
    const linked = await compile(withRef, { absPath: path.join(ROOT, 'x.flow.yaml'), root: ROOT });
    const unlinked = await compile(withRef, { absPath: path.join(ROOT, 'x.flow.yaml'), root: ROOT, fileAccess: false });
    expect(linked.diagrams[0].svg).toContain('href="examples/onsite-repair.flow.svg"');
    expect(unlinked.diagnostics).toEqual([]);
    expect(unlinked.diagrams[0].svg).not.toContain('<a ');
    const escaping = await compile(withRef.replace(ref, '../secret.yaml'), { fileAccess: false });
    expect(escaping.diagnostics.map((d) => [d.rule, d.message])).toEqual([['unknown-reference', 'subprocess ref "../secret.yaml" leaves the folder tree; it is not read']]);
    const themed = await compile(FLOW, { fileAccess: false, theme: 'brand.yaml' });
    expect(themed.diagnostics[0].message).toMatch(/theme "brand\.yaml" is not a built-in theme .* theme files are not read here/);
    // A name of Object.prototype is not a built-in theme either.
    const inherited = await compile(`theme: constructor\n${FLOW}`, { fileAccess: false });
    expect(inherited.diagnostics.map((d) => [d.line, d.column, d.rule])).toEqual([[1, 8, 'unknown-reference']]);
  });

  it('gives text without a file name the id build gives standard input', async () => {
    const r = await compile(FLOW);
    expect(r.diagrams[0].id).toBe('diagram');
  });
});
