import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeSource } from '../../src/server/decode.js';
import { BAD_FLOW, buildOutput, FLOW, JOURNEY, LIFECYCLE, postJson, postText, request, startTestService, type TestService } from './helpers.js';

// Kroki's three request forms, the output formats and options, each answered as `build` answers.
let t: TestService;
beforeAll(async () => { t = await startTestService(); });
afterAll(async () => { await t.close(); });

describe('the three request forms give the SVG that build writes', () => {
  it('GET /journeyflow/svg/<deflate + base64url>', async () => {
    const r = await request(`${t.base}/journeyflow/svg/${encodeSource(FLOW)}`);
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('image/svg+xml');
    expect(r.headers['content-security-policy']).toBe("default-src 'none'; style-src 'unsafe-inline'");
    expect(r.text).toBe((await buildOutput(FLOW, 'svg')).toString('utf8'));
  });

  it('POST / with JSON {diagram_source, diagram_type, output_format}', async () => {
    const r = await postJson(t.base, '/', { diagram_source: JOURNEY, diagram_type: 'journeyflow', output_format: 'svg' });
    expect(r.status).toBe(200);
    expect(r.text).toBe((await buildOutput(JOURNEY, 'svg')).toString('utf8'));
  });

  it('POST /journeyflow/svg with a text/plain body', async () => {
    const r = await postText(t.base, '/journeyflow/svg', LIFECYCLE);
    expect(r.status).toBe(200);
    expect(r.text).toBe((await buildOutput(LIFECYCLE, 'svg')).toString('utf8'));
  });

  it('POST /journeyflow/svg with JSON {diagram_source} and POST /journeyflow with an Accept header', async () => {
    const json = await postJson(t.base, '/journeyflow/svg', { diagram_source: FLOW });
    const accept = await postText(t.base, '/journeyflow', FLOW, { accept: 'text/html;q=0.9, image/svg+xml' });
    const svg = (await buildOutput(FLOW, 'svg')).toString('utf8');
    expect([json.status, json.text === svg, accept.status, accept.text === svg]).toEqual([200, true, 200, true]);
  });

  it('the kind aliases draw their kind', async () => {
    for (const [type, source] of [['journeyflow-flow', FLOW], ['journeyflow-journey', JOURNEY], ['journeyflow-lifecycle', LIFECYCLE]]) {
      const r = await postText(t.base, `/${type}/svg`, source);
      expect(r.status, type).toBe(200);
      expect(r.text).toContain(`jf-${type.slice('journeyflow-'.length)}`);
    }
  });
});

describe('output formats and options', () => {
  it('png, txt and mmd are the bytes build writes', async () => {
    for (const format of ['png', 'txt', 'mmd']) {
      const r = await request(`${t.base}/journeyflow/${format}/${encodeSource(FLOW)}`);
      expect(r.status, format).toBe(200);
      expect(r.body.equals(await buildOutput(FLOW, format)), format).toBe(true);
    }
    const png = await request(`${t.base}/journeyflow/png/${encodeSource(FLOW)}`);
    expect(png.headers['content-type']).toBe('image/png');
    expect(png.body.subarray(1, 4).toString()).toBe('PNG');
  });

  it('theme by query parameter, by Kroki-Diagram-Options header and by diagram_options is build -t', async () => {
    const dark = (await buildOutput(FLOW, 'svg', ['-t', 'dark'])).toString('utf8');
    const query = await request(`${t.base}/journeyflow/svg/${encodeSource(FLOW)}?theme=dark`);
    const header = await postText(t.base, '/journeyflow/svg', FLOW, { 'Kroki-Diagram-Options-Theme': 'dark' });
    const json = await postJson(t.base, '/', { diagram_source: FLOW, diagram_type: 'journeyflow', output_format: 'svg', diagram_options: { theme: 'dark' } });
    expect([query.text === dark, header.text === dark, json.text === dark]).toEqual([true, true, true]);
    expect(dark).not.toBe((await buildOutput(FLOW, 'svg')).toString('utf8'));
  });

  it('diagram_options win over headers, headers over query parameters (Kroki\'s order)', async () => {
    const neutral = (await buildOutput(FLOW, 'svg', ['-t', 'neutral'])).toString('utf8');
    const r = await postJson(t.base, '/journeyflow/svg?theme=dark', { diagram_source: FLOW, diagram_options: { Theme: 'neutral' } }, { 'kroki-diagram-options-theme': 'high-contrast' });
    expect(r.text === neutral).toBe(true);
  });

  it('scale is the PNG zoom of build -s', async () => {
    const r = await request(`${t.base}/journeyflow/png/${encodeSource(FLOW)}?scale=1`);
    expect(r.body.equals(await buildOutput(FLOW, 'png', ['-s', '1']))).toBe(true);
  });

  it('options journeyflow does not know are ignored, as Kroki does; bad values are refused', async () => {
    const ok = await request(`${t.base}/journeyflow/svg/${encodeSource(FLOW)}?width=100&locale=en-US`);
    expect(ok.status).toBe(200);
    const cases: Array<[string, RegExp]> = [
      ['theme=solarized', /Option theme "solarized" is not one of default, dark, neutral, high-contrast/],
      ['theme=../../brand.yaml', /theme files are not read/],
      ['scale=0', /Option scale must be a number above 0/],
      ['locale=zh-CN', /Option locale "zh-CN" is not available/],
    ];
    for (const [query, message] of cases) {
      const r = await request(`${t.base}/journeyflow/svg/${encodeSource(FLOW)}?${query}`);
      expect(r.status, query).toBe(400);
      expect(r.text).toMatch(message);
    }
  });
});

describe('errors as Kroki answers them', () => {
  it('diagnostics are a 400 in text, the file named <input>, with line, column, rule and code frame', async () => {
    const r = await postText(t.base, '/journeyflow/svg', BAD_FLOW);
    expect(r.status).toBe(400);
    expect(r.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(r.text).toMatch(/^Error 400: journeyflow found 1 error in the diagram\n<input>:5:14 error \[unknown-reference\] edge target "b" is not a node of this flow\n/);
    expect(r.text).toContain('> 5 | edges: [a -> b, a -> z]');
    expect(r.text).not.toMatch(/\bat .*\.(js|ts):\d+/);
  });

  it('a client that asks for JSON gets {"error": {code, message}}', async () => {
    const r = await postText(t.base, '/journeyflow/svg', BAD_FLOW, { accept: 'application/json' });
    const body = JSON.parse(r.text);
    expect(body.error.code).toBe(400);
    expect(body.error.message).toContain('<input>:5:14 error [unknown-reference]');
  });

  it('a kind that does not match its alias is a diagnostic at the kind', async () => {
    const r = await postText(t.base, '/journeyflow-journey/svg', FLOW);
    expect(r.status).toBe(400);
    expect(r.text).toContain('<input>:1:7 error [schema] diagram type "journeyflow-journey" draws kind: journey, but this document is kind: flow');
  });

  it('bad requests name what is wrong', async () => {
    const cases: Array<[Promise<{ status: number; text: string }>, number, RegExp]> = [
      [request(`${t.base}/plantuml/svg/SyfFKj2rKt3CoKnELR1Io4ZDoSa70000`), 400, /Unsupported diagram type: plantuml\. Must be one of journeyflow, journeyflow-journey, journeyflow-flow, journeyflow-lifecycle, journeyflow-funnel\./],
      [request(`${t.base}/journeyflow/pdf/${encodeSource(FLOW)}`), 400, /Unsupported output format: pdf for journeyflow\. Must be one of svg, png, txt, mmd/],
      [request(`${t.base}/journeyflow/svg/not*base64`), 400, /Unable to decode the source: it is not base64url/],
      [request(`${t.base}/journeyflow/svg/${Buffer.from(FLOW).toString('base64url')}`), 400, /not deflate \(zlib\) data/],
      [postText(t.base, '/journeyflow/svg', '   '), 400, /Request body must not be empty/],
      [postJson(t.base, '/', { diagram_source: FLOW, diagram_type: 'journeyflow' }), 400, /Field output_format must not be empty/],
      [request(`${t.base}/`, { body: '{"diagram_source": ', headers: { 'content-type': 'application/json' } }), 400, /Request body is not valid JSON/],
      [postText(t.base, '/journeyflow', FLOW), 400, /Output format is undefined/],
      [postText(t.base, '/journeyflow', FLOW, { accept: 'application/pdf' }), 400, /None of the accepted types \(application\/pdf\)/],
      [postText(t.base, '/journeyflow/svg', `${FLOW}id: one\n---\n${FLOW}id: two\n`), 400, /the source holds 2 documents; send one diagram per request/],
      [request(`${t.base}/journeyflow/svg`), 405, /Method Not Allowed/],
      [request(`${t.base}/favicon.ico`), 404, /Not Found/],
    ];
    for (const [reply, status, message] of cases) {
      const r = await reply;
      expect([r.status, message.test(r.text)], r.text).toEqual([status, true]);
      expect(r.text).toMatch(/^Error \d{3}: /);
    }
  });
});

describe('cache, ETag and service endpoints', () => {
  it('a repeated request comes from the cache with the same ETag; If-None-Match gives 304', async () => {
    const url = `${t.base}/journeyflow/svg/${encodeSource(`${FLOW}# etag test\n`)}`;
    const first = await request(url);
    const second = await request(url);
    expect([first.headers['x-journeyflow-cache'], second.headers['x-journeyflow-cache']]).toEqual(['miss', 'hit']);
    expect(second.headers.etag).toBe(first.headers.etag);
    expect(second.body.equals(first.body)).toBe(true);
    const revalidated = await request(url, { headers: { 'if-none-match': `W/"x", ${first.headers.etag}` } });
    expect(revalidated.status).toBe(304);
    expect(revalidated.body.length).toBe(0);
    const other = await request(`${url}?theme=dark`, { headers: { 'if-none-match': first.headers.etag as string } });
    expect(other.status).toBe(200);
    expect(other.headers.etag).not.toBe(first.headers.etag);
  });

  it('GET /metrics is Prometheus text with requests, errors, the latency histogram and cache hits', async () => {
    await postText(t.base, '/journeyflow/svg', BAD_FLOW);
    const r = await request(`${t.base}/metrics`);
    expect(r.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(r.text).toMatch(/^# HELP journeyflow_http_requests_total /m);
    expect(r.text).toMatch(/^journeyflow_http_requests_total\{code="200"\} [1-9]\d*$/m);
    expect(r.text).toMatch(/^journeyflow_requests_total\{outcome="diagnostics"\} [1-9]\d*$/m);
    expect(r.text).toMatch(/^journeyflow_request_errors_total [1-9]\d*$/m);
    expect(r.text).toMatch(/^journeyflow_request_duration_seconds_bucket\{le="\+Inf"\} [1-9]\d*$/m);
    expect(r.text).toMatch(/^journeyflow_request_duration_seconds_count [1-9]\d*$/m);
    expect(r.text).toMatch(/^journeyflow_cache_hits_total [1-9]\d*$/m);
    expect(r.text).toMatch(/^# TYPE journeyflow_request_duration_seconds histogram$/m);
  });

  it('GET /health answers pass; OPTIONS is a CORS preflight', async () => {
    const health = await request(`${t.base}/health`);
    expect(JSON.parse(health.text)).toMatchObject({ status: 'pass', version: { journeyflow: expect.any(String) } });
    const preflight = await request(`${t.base}/journeyflow/svg`, { method: 'OPTIONS' });
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('*');
  });
});
