// Every example laid out and drawn to SVG inside one process, round after round: the first round
// pays module loading, ELK's start and V8's warm-up, later rounds show the compiler's own speed
// (what `build --watch` and `serve` give). Prints the first round and the median of the others.
import fs from 'node:fs';
import path from 'node:path';
const started = performance.now();
const { checkSource, drawDocument } = await import('../dist/compile.js');
const dir = process.argv[2];
const files = fs.readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort().map((f) => path.join(dir, f));
const rounds = [];
for (let round = 0; round < 8; round++) {
  const t = performance.now();
  for (const file of files) {
    const checked = checkSource(fs.readFileSync(file, 'utf8'), { file, absPath: file, root: dir });
    for (const doc of checked.documents) if (doc.ok) await drawDocument(doc, { file, absPath: file, root: dir });
  }
  rounds.push(performance.now() - (round === 0 ? started : t));
}
const warm = rounds.slice(2).sort((a, b) => a - b);
process.stdout.write(JSON.stringify({ files: files.length, firstMs: rounds[0], warmMs: warm[Math.floor(warm.length / 2)] }) + '\n');
