import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture } from '../support/cli.js';
import { codeFrame, formatDiagnostics } from '../../src/diagnostics/format.js';
import { showControls } from '../../src/diagnostics/terminal-text.js';
import type { Diagnostic } from '../../src/diagnostics/diagnostic.js';
import { jfAsync } from './async-cli.js';

// Any byte a terminal obeys: C0 controls but tab and line feed, DEL, C1 controls (CSI, OSC as 0x9b, 0x9d).
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;
const ERASE_LINE = '\u001b[2K';
const OSC52 = '\u001b]52;c;cm0gLXJmIH4=\u0007';

const hostileFlow = (extra = '') => [
  'kind: flow',
  'title: "T\\e[2K\\a\\0"',
  'theme: "dark\\e[2K\\e]52;c;cm0gLXJmIH4=\\a"',
  'nodes:',
  '  - { id: s, type: start, label: "Go\\e]0;pwned\\a\\0" }',
  '  - { id: e, type: end, label: End }',
  'edges:',
  '  - s -> e',
  extra,
].join('\n');

describe('control characters never reach a terminal raw', () => {
  it('showControls writes every control character as a visible \\u escape and keeps printable text', () => {
    expect(showControls(`a${ERASE_LINE}b\u0007\u0000\u009b\u202e`)).toBe('a\\u001b[2Kb\\u0007\\u0000\\u009b\\u202e');
    expect(showControls('tab\tand\nline', true)).toBe('tab\tand\nline');
    expect(showControls('tab\tand\nline')).toBe('tab\\u0009and\\u000aline');
    expect(showControls('日本語 ✓ — ok')).toBe('日本語 ✓ — ok');
  });

  it('diagnostics in text and github formats, and their code frames, show escapes instead of the sequences', () => {
    const d: Diagnostic = { file: `x${ERASE_LINE}.yaml`, line: 2, column: 1, endLine: 2, endColumn: 5, severity: 'error', rule: 'unknown-theme', message: `theme "${OSC52}" is unknown`, path: '/theme' };
    const source = `kind: flow\ntheme: ${OSC52}\n`;
    for (const format of ['text', 'github'] as const) {
      const out = formatDiagnostics([d], format, new Map([[d.file, source]]));
      expect(out, format).not.toMatch(RAW_CONTROL);
      expect(out, format).toContain('\\u001b]52;c;');
    }
    expect(codeFrame(source, d)).toContain('theme: \\u001b]52;c;cm0gLXJmIH4=\\u0007');
  });

  it('validate and build print a hostile theme name, title and label escaped, in text and --format github', async () => {
    const dir = fixture({ 'h.flow.yaml': hostileFlow() });
    for (const format of ['text', 'github']) {
      const v = await jfAsync(['validate', 'h.flow.yaml', '--format', format], { cwd: dir });
      expect(v.stdout + v.stderr, format).not.toMatch(RAW_CONTROL);
      expect(v.stdout + v.stderr, format).toMatch(/\\u001b\[2K/);
    }
    const b = await jfAsync(['build', 'h.flow.yaml', '-f', 'txt,mmd', '-t', 'dark'], { cwd: dir });
    expect(b.stdout + b.stderr).not.toMatch(RAW_CONTROL);
  });

  it('a code frame of a line holding raw ESC/OSC bytes shows them escaped', async () => {
    const dir = fixture({ 'raw.flow.yaml': `kind: flow\nnodes: [ { id: s, type: start, label: "x${OSC52}${ERASE_LINE}" } ]\nedges: [ s -> nowhere ]\n` });
    const r = await jfAsync(['validate', 'raw.flow.yaml'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).not.toMatch(RAW_CONTROL);
  });

  it('the txt picture and the Mermaid %% comment carry escapes, not ESC, BEL or NUL', async () => {
    const dir = fixture({ 'h.flow.yaml': hostileFlow().replace(/^theme: .*$/m, '') });
    const r = await jfAsync(['build', 'h.flow.yaml', '-f', 'txt,mmd', '-o', 'out'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    const txt = fs.readFileSync(path.join(dir, 'out/h.flow.txt'), 'utf8');
    const mmd = fs.readFileSync(path.join(dir, 'out/h.flow.mmd'), 'utf8');
    expect(txt).not.toMatch(RAW_CONTROL);
    expect(txt).toContain('\\u001b');
    expect(mmd).not.toMatch(RAW_CONTROL);
    expect(mmd.split('\n').find((l) => l.startsWith('%%'))).toContain('\\u001b[2K');
  });

  it('a file name holding an escape sequence is shown escaped by check and in diagnostics', async () => {
    const name = `a${ERASE_LINE}.flow.yaml`;
    const dir = fixture({ [name]: hostileFlow().replace(/^theme: .*$/m, 'theme: nope') });
    const r = await jfAsync(['check', '.'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout + r.stderr).not.toMatch(RAW_CONTROL);
    expect(r.stdout + r.stderr).toContain('a\\u001b[2K.flow');
  });
});
