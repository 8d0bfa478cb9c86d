import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { compile } from '../../src/compile.js';
import { ROOT } from '../support/cli.js';
import { HOSTILE } from '../support/hostile.js';

// Keys whose string values (or list items) are free text shown to readers.
const TEXT_KEYS = new Set(['title', 'description', 'label', 'name', 'thought', 'criteria', 'strategy', 'owner', 'pains', 'opportunities', 'goals', 'frustrations', 'needs', 'backstage', 'frontstage', 'support', 'actors']);

/** Replaces every free-text value of a document with `text`; ids, enums and paths stay. */
function poison(value: unknown, text: string, key = ''): unknown {
  if (typeof value === 'string') return TEXT_KEYS.has(key) ? text : value;
  if (Array.isArray(value)) return value.map((v) => poison(v, text, key));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, poison(v, text, k)]));
  return value;
}

const ELEMENTS = new Set(['svg', 'g', 'a', 'title', 'desc', 'defs', 'marker', 'path', 'rect', 'ellipse', 'circle', 'polygon', 'polyline', 'line', 'text', 'tspan']);
const ATTRIBUTE = /^(xmlns|width|height|viewBox|role|aria-[a-z-]+|class|id|data-[a-z-]+|font-family|font-size|font-weight|font-style|x|y|dx|dy|rx|ry|cx|cy|r|x1|y1|x2|y2|d|points|fill|stroke|stroke-width|stroke-dasharray|stroke-linecap|stroke-linejoin|opacity|fill-opacity|text-anchor|marker-end|markerWidth|markerHeight|markerUnits|refX|refY|orient|transform|href|target|rel|xml:space)$/;

/**
 * A strict scan of our own SVG: known elements and attributes only, safe links, nothing active.
 * Every element and attribute is checked; the findings are gathered and asserted once per SVG
 * (one expect per attribute made this file spend half its time in the assertion library).
 */
function assertInert(svg: string): string {
  expect(svg).not.toMatch(/<!\[CDATA\[|<!--|<\?|<!DOCTYPE/i);
  const problems: string[] = [];
  let text = '';
  const tag = /<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"]*")*)\s*(\/?)>|([^<]+)/g;
  let m: RegExpExecArray | null;
  let consumed = 0;
  while ((m = tag.exec(svg))) {
    if (m.index !== consumed) { problems.push(`unexpected markup near ${JSON.stringify(svg.slice(consumed, consumed + 80))}`); break; }
    consumed = tag.lastIndex;
    if (m[5] !== undefined) { text += m[5]; continue; }
    if (!ELEMENTS.has(m[2])) problems.push(`element <${m[2]}>`);
    for (const [, name, val] of m[3].matchAll(/([\w:-]+)="([^"]*)"/g)) {
      if (!ATTRIBUTE.test(name)) problems.push(`attribute ${name}`);
      if (name === 'href' && !/^(https?:\/\/|[^:]*\.svg$)/.test(val)) problems.push(`href ${JSON.stringify(val)}`);
      if (/javascript:|url\((?!#)|expression\(|var\(/i.test(val)) problems.push(`${name}=${JSON.stringify(val)}`);
    }
  }
  expect(problems).toEqual([]);
  expect(consumed).toBe(svg.length);
  return text;
}

const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
const squash = (s: string) => s.replace(/[\s\u2028\u2029]+/g, '').replace(/[\u0000-\u001f\u202e]/g, '');

const bases = fs.readdirSync(path.join(ROOT, 'examples')).filter((f) => f.endsWith('.yaml')).map((f) => ({ f, doc: parse(fs.readFileSync(path.join(ROOT, 'examples', f), 'utf8')) }));

describe('hostile text in every text field of every kind', () => {
  it(`has a corpus of at least 60 hostile strings (${HOSTILE.length})`, () => expect(HOSTILE.length).toBeGreaterThanOrEqual(60));

  for (const { f, doc } of bases) {
    it(`${f}: every hostile string stays inert and literal in SVG and cannot restructure Mermaid`, async () => {
      const plain = await compile(JSON.stringify(poison(doc, 'plain')), { file: f, absPath: path.join(ROOT, 'examples', f), limits: { maxTextLength: 100000 } });
      expect(plain.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      // Statements, counted outside quoted labels (a label may hold line breaks).
      const structure = (mmd: string) => mmd.split('\n').filter((l) => !l.trimStart().startsWith('%%')).join('\n').replace(/"[^"]*"/g, '""').split('\n').length;
      for (const h of HOSTILE) {
        const r = await compile(JSON.stringify(poison(doc, h)), { file: f, absPath: path.join(ROOT, 'examples', f), limits: { maxTextLength: 100000 } });
        expect(r.diagnostics.filter((d) => d.severity === 'error'), h).toEqual([]);
        const [d] = r.diagrams;
        const text = unescape(assertInert(d.svg));
        // Wrapping may split the string over lines, and long ones may be shortened with an ellipsis;
        // a prefix of it must still be there verbatim.
        const want = squash(h).slice(0, 12);
        if (want) expect(squash(text), `${f}: ${JSON.stringify(h)}`).toContain(want);
        // Mermaid: same number of lines as with plain text (no statement added), no directive, no raw breakout.
        expect(structure(d.mermaid), h).toBe(structure(plain.diagrams[0].mermaid));
        expect(d.mermaid).not.toMatch(/%%\{/);
        // Outside comments (which Mermaid drops), no markup or URL scheme survives unencoded.
        const statements = d.mermaid.split('\n').filter((l) => !l.trimStart().startsWith('%%')).join('\n');
        expect(statements).not.toContain('<script');
        expect(statements).not.toMatch(/javascript:/i);
      }
    });
  }
});
