import fs from 'node:fs';
import { csvPass } from './src/discover/csv-pass.js';
import { duckdbPass } from './src/discover/duckdb-pass.js';
import { XES_COLUMNS } from './src/discover/log.js';
import { generateLog, toCsv } from './bench/event-log.mjs';
import { isDeepStrictEqual } from 'node:util';
const log = generateLog({ cases: 300, seed: 3, order: 'shuffled' });
// add ties: copy timestamps
for (let i = 0; i < log.rows.length; i += 17) { const r = log.rows[i]; const other = log.rows.find((x, j) => j !== i && x[0] === r[0]); if (other) { r[2] = other[2]; r[4] = other[4]; } }
fs.writeFileSync('/tmp/jf-discover-work/small.csv', toCsv(log));
for (const file of ['/tmp/jf-discover-work/small.csv', process.argv[2]].filter(Boolean)) {
  for (const end of [undefined, 'time:end']) {
    const src = { file, display: 'x.csv', columns: { ...XES_COLUMNS, end }, laneNamed: false };
    let t = performance.now(); const a = await csvPass(src); const ta = performance.now() - t;
    t = performance.now(); const b = await duckdbPass(src, 'csv'); const tb = performance.now() - t;
    console.log(file, end, 'js', Math.round(ta), 'duck', Math.round(tb), 'equal', isDeepStrictEqual(a, b));
    if (!isDeepStrictEqual(a, b)) { console.log(JSON.stringify(a).slice(0, 800)); console.log(JSON.stringify(b).slice(0, 800)); }
  }
}
