import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture } from '../support/cli.js';
import { RefusedWrite, writeFileAtomic } from '../../src/cli/write.js';
import { jfAsync, tinyFlow } from './async-cli.js';
import { jsonDiagnostics, STACK } from './helpers.js';

const block = (yaml: string, fence = '```') => `${fence}journeyflow\n${yaml}${fence}\n`;

/** Runs `md` on one file holding `text`; answers the run and the file's bytes afterwards. */
async function md(text: string | Buffer, args: string[] = []) {
  const dir = fixture({});
  const file = path.join(dir, 'doc.md');
  fs.writeFileSync(file, text);
  const r = await jfAsync(['md', file, '--format', 'json', ...args]);
  expect(r.stdout + r.stderr).not.toMatch(STACK);
  return { r, after: fs.readFileSync(file), file };
}

describe('md never loses a byte outside its own blocks', () => {
  it('a begin marker without an end marker refuses the file with a diagnostic at its line, and changes nothing', async () => {
    const text = `# Doc\n\nHow a region looks:\n\n<!-- journeyflow:begin -->\n\nProse that must stay.\n\n${block(tinyFlow())}\nMore prose after the block.\n`;
    const { r, after } = await md(text);
    expect(r.code).toBe(1);
    expect(after.toString('utf8')).toBe(text);
    const d = JSON.parse(r.stderr).find((x: { rule: string }) => x.rule === 'md-markers');
    expect(d).toMatchObject({ line: 5, severity: 'error' });
    expect(d.message).toMatch(/no <!-- journeyflow:end -->/);
  });

  it('an end marker without a begin marker is refused too', async () => {
    const text = `Intro\n\n<!-- journeyflow:end -->\n\n${block(tinyFlow())}`;
    const { r, after } = await md(text);
    expect(r.code).toBe(1);
    expect(after.toString('utf8')).toBe(text);
    expect(JSON.parse(r.stderr)[0]).toMatchObject({ rule: 'md-markers', line: 3 });
  });

  it('markers inside a code example are prose, not markers: the example stays and the real block renders', async () => {
    const example = '```html\n<!-- journeyflow:begin -->\n<p>an example of the markup</p>\n```\n';
    const text = `# Doc\n\n${example}\n${block(tinyFlow('Begin here'))}\nThe end.\n`;
    const { r, after } = await md(text);
    expect(r.code, r.stderr).toBe(0);
    const out = after.toString('utf8');
    expect(out.startsWith(`# Doc\n\n${example}\n<!-- journeyflow:begin -->`)).toBe(true);
    expect(out).toContain('```mermaid');
    expect(out.endsWith('<!-- journeyflow:end -->\n\nThe end.\n')).toBe(true);
  });

  it('an indented ``` inside a YAML block scalar does not close the block (CommonMark), so no YAML is cut off', async () => {
    const yaml = tinyFlow().replace('  - { id: e, type: end, label: End }\n', '  - id: e\n    type: end\n    label: |\n        ```\n        End\n');
    const text = `Before\n\n${block(yaml)}\nAfter\n`;
    const { r, after } = await md(text);
    const out = after.toString('utf8');
    // The block renders, whole: its source in the region keeps the lines after the indented fence.
    expect(r.code, r.stderr).toBe(0);
    expect(out).toContain('```mermaid');
    expect(out).toMatch(/<details>[\s\S]*        ```\n        End\nedges:\n  - s -> e\n[\s\S]*<\/details>/);
    expect(out.endsWith('After\n')).toBe(true);
  });

  it('keeps each line\'s own line ending (one CRLF line in an LF file stays the only one) and a UTF-8 BOM', async () => {
    const text = `\ufeff# Title\r\nLF line\n\n${block(tinyFlow())}\nLast line without a newline`;
    const { r, after, file } = await md(Buffer.from(text, 'utf8'));
    expect(r.code, r.stderr).toBe(0);
    expect([...after.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const out = after.toString('utf8');
    expect(out.startsWith('\ufeff# Title\r\nLF line\n\n<!-- journeyflow:begin -->\n')).toBe(true);
    expect(out.match(/\r\n/g)).toHaveLength(1);
    expect(out.endsWith('<!-- journeyflow:end -->\n\nLast line without a newline')).toBe(true);
    // A second run gives the same bytes.
    expect((await jfAsync(['md', file])).code).toBe(0);
    expect(fs.readFileSync(file).equals(after)).toBe(true);
  });

  it('a ```journeyflow fence that is never closed is refused, not run to the end of the file', async () => {
    const text = `Intro\n\n\`\`\`journeyflow\n${tinyFlow()}\nProse that a run-away fence would swallow.\n`;
    const { r, after } = await md(text);
    expect(r.code).toBe(1);
    expect(after.toString('utf8')).toBe(text);
    expect(jsonDiagnostics({ ...r, code: r.code, signal: null, ms: 0 })[0]).toMatchObject({ rule: 'md-markers', line: 3 });
  });

  it('a Markdown file that is a FIFO or a symlink is refused with a diagnostic, never read or replaced', async () => {
    const dir = fixture({ 'real.md': block(tinyFlow()) });
    fs.symlinkSync(path.join(dir, 'real.md'), path.join(dir, 'link.md'));
    const r = await jfAsync(['md', path.join(dir, 'link.md'), '--format', 'json'], { timeoutMs: 20000 });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stderr)[0]).toMatchObject({ rule: 'md-unreadable' });
    expect(fs.lstatSync(path.join(dir, 'link.md')).isSymbolicLink()).toBe(true);
    expect(fs.readFileSync(path.join(dir, 'real.md'), 'utf8')).toBe(block(tinyFlow()));
  });

  it('compare-and-swap: a file that changed after it was read is not overwritten (what md uses before its rename)', () => {
    const dir = fixture({ 'doc.md': 'as read\n' });
    const file = path.join(dir, 'doc.md');
    const read = fs.readFileSync(file);
    fs.appendFileSync(file, 'a line appended by an editor meanwhile\n');
    expect(() => writeFileAtomic(file, 'rendered\n', { unchangedFrom: read })).toThrow(RefusedWrite);
    expect(fs.readFileSync(file, 'utf8')).toBe('as read\na line appended by an editor meanwhile\n');
    expect(fs.readdirSync(dir)).toEqual(['doc.md']); // no temporary file left behind
    writeFileAtomic(file, 'rendered\n', { unchangedFrom: fs.readFileSync(file) });
    expect(fs.readFileSync(file, 'utf8')).toBe('rendered\n');
  });
});
