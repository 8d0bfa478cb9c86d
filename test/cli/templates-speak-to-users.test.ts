import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TEMPLATES } from '../../src/cli/init.js';
import { ROOT } from '../support/cli.js';

// Words that tell where an example came from (the project's seed articles, its tests) rather than
// what the diagram shows: `init` copies these files to users, who have no such seeds.
const PROVENANCE = /种子|seed|golden|fixture|issue \d|\bTODO\b|\bFIXME\b/i;

describe('templates and examples speak to users only', () => {
  const examples = fs.readdirSync(path.join(ROOT, 'examples')).filter((f) => /\.ya?ml$/.test(f));

  it('covers every file a template copies', () => {
    const copied = Object.values(TEMPLATES).flatMap((t) => t.files.map(([src]) => src));
    expect(copied.length).toBeGreaterThan(0);
    for (const src of copied) expect(examples).toContain(src);
  });

  it('has no note about where an example came from, in comments or texts', () => {
    for (const file of examples) {
      const lines = fs.readFileSync(path.join(ROOT, 'examples', file), 'utf8').split('\n');
      const notes = lines.map((l, i) => `${file}:${i + 1}: ${l}`).filter((l) => PROVENANCE.test(l.split(': ').slice(1).join(': ')));
      expect(notes).toEqual([]);
    }
  });
});
