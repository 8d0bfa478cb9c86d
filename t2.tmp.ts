import { DuckDBInstance } from '@duckdb/node-api';
import { discoverySql } from './src/discover/sql.js';
import { sourceExpression } from './src/discover/duckdb-pass.js';
import { XES_COLUMNS } from './src/discover/log.js';
const inst = await DuckDBInstance.create(':memory:', { threads: '2', memory_limit: '512MB' });
const c = await inst.connect(); await c.run("SET TimeZone='UTC'");
const from = { expression: sourceExpression(process.argv[2], 'csv') };
for (const guarded of [false, true, false, true]) {
  const sql = discoverySql({ from, columns: { ...XES_COLUMNS, end: 'time:end' }, dialect: 'duckdb', guarded });
  const t = performance.now(); await c.runAndReadAll(sql); console.log('guarded', guarded, Math.round(performance.now() - t));
}
