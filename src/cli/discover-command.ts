import fs from 'node:fs';
import path from 'node:path';
import { Option, type Command } from 'commander';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { formatDiagnostics, type DiagnosticFormat } from '../diagnostics/format.js';
import { formatOption } from './options.js';
import { UsageError } from './inputs.js';
import { writeFileAtomic } from './write.js';

const DIALECTS = ['duckdb', 'postgres', 'snowflake', 'bigquery', 'trino', 'spark'];

const shown = (abs: string): string => {
  const rel = path.relative(process.cwd(), abs);
  return (rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : abs).split(path.sep).join('/');
};

function existingFile(file: string, what: string): string {
  const abs = path.resolve(file);
  let stat: fs.Stats | undefined;
  try { stat = fs.statSync(abs); } catch { stat = undefined; }
  if (!stat?.isFile()) throw new UsageError(`${what} ${file}: ${stat ? 'not a regular file' : 'no such file'}`);
  return abs;
}

const count = (v: string | undefined, flag: string): number | undefined => {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new UsageError(`${flag} must be a whole number ≥ 1, got "${v}"`);
  return n;
};

interface Io { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream }

/** Checks the YAML as `build` will (schema, rules), then writes it whole, or prints it for `-o -`. */
async function emit(text: string, out: string, o: Record<string, any>, io: Io, guard?: Buffer): Promise<number> {
  const { checkSource } = await import('../compile.js');
  const target = out === '-' ? undefined : path.resolve(out);
  const checked = checkSource(text, { file: target ? shown(target) : '<stdout>', absPath: target, fileAccess: false });
  const errors = checked.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length) {
    io.stderr.write(formatDiagnostics(errors, o.format as DiagnosticFormat) + 'journeyflow: nothing written: the YAML discover made does not pass the checks above\n');
    return 1;
  }
  if (!target) { io.stdout.write(text); return 0; }
  writeFileAtomic(target, text, guard ? { unchangedFrom: guard } : {});
  if (!o.quiet) io.stderr.write(`journeyflow: wrote ${shown(target)}\n`);
  return 0;
}

async function run(log: string | undefined, o: Record<string, any>, io: Io): Promise<number> {
  const discover = await import('../discover/index.js');
  const columns = { case: o.case, activity: o.activity, timestamp: o.timestamp, lane: o.resource ?? o.lane, end: o.endTimestamp };
  const filters = { minFrequency: count(o.minFrequency, '--min-frequency'), topPaths: count(o.topPaths, '--top-paths'), title: o.title };
  if (o.delimiter !== undefined && o.delimiter.length !== 1) throw new UsageError(`--delimiter must be one character, got "${o.delimiter}"`);
  try {
    if (o.journey) {
      if (!o.into) throw new UsageError('--journey needs --into <x.journey.yaml>: the journey whose emotions it fills');
      const into = existingFile(o.into, '--into');
      const before = fs.readFileSync(into);
      const filled = await discover.fillJourney({ file: existingFile(o.journey, '--journey'), display: shown(path.resolve(o.journey)), journey: before.toString('utf8'), journeyDisplay: shown(into), delimiter: o.delimiter, columns: { respondent: o.respondent, stage: o.stage, step: o.step, score: o.score, persona: o.persona } });
      if (!o.quiet) io.stderr.write(`journeyflow: ${filled.steps} steps from ${filled.answers} answers\n`);
      const out = o.out ?? o.into;
      return emit(filled.text, out, o, io, path.resolve(out) === into ? before : undefined);
    }
    if (o.sql) {
      const file = log === undefined ? undefined : existingFile(log, 'log');
      const format = file ? discover.formatOf(file) : undefined;
      if (format === 'xes') throw new UsageError('--sql reads tables (CSV, Parquet, JSON or a warehouse table), not XES');
      const table = file && format !== undefined ? { file, display: shown(file), format, delimiter: o.delimiter } : undefined;
      io.stdout.write(await discover.discoverSqlText({ columns, dialect: o.dialect, table: o.table, log: table }));
      return 0;
    }
    if (!o.out) throw new UsageError('discover needs -o <x.flow.yaml> (or -o - for standard output)');
    if (o.dfg) return emit(await discover.flowFromDfgFile(existingFile(o.dfg, '--dfg'), shown(path.resolve(o.dfg)), filters), o.out, o, io);
    if (log === undefined) throw new UsageError('discover needs an event log (CSV, XES, Parquet or JSON), --dfg <result.csv> or --journey <survey.csv>');
    const file = existingFile(log, 'log');
    return emit(await discover.discoverFlow({ file, display: shown(file), columns, delimiter: o.delimiter, engine: o.engine }, filters), o.out, o, io);
  } catch (err) {
    if (err instanceof discover.TableError) { io.stderr.write(formatDiagnostics([err.diagnostic as Diagnostic], o.format as DiagnosticFormat) + 'journeyflow: nothing written\n'); return 1; }
    if (err instanceof discover.DiscoverUsageError) throw new UsageError(err.message);
    throw err;
  }
}

/** Registers `journeyflow discover`; src/discover/ (and DuckDB) are loaded only when it runs. */
export function addDiscoverCommand(program: Command, stdout: NodeJS.WritableStream, stderr: NodeJS.WritableStream, setCode: (code: number) => void): void {
  program.command('discover')
    .description('write a flow YAML discovered from an event log (directly-follows graph), or fill a journey\'s emotions from a survey')
    .argument('[log]', 'event log: CSV (or .tsv), XES, Parquet or JSON')
    .option('-o, --out <file>', 'YAML file to write; - for standard output')
    .option('--case <column>', 'case id column (default case:concept:name)')
    .option('--activity <column>', 'activity column (default concept:name)')
    .option('--timestamp <column>', 'timestamp column, ISO 8601 (default time:timestamp)')
    .option('--resource <column>', 'resource or department column: the lanes (default org:resource when the log has it)')
    .option('--lane <column>', 'the same as --resource')
    .option('--end-timestamp <column>', 'end time of each event (the timestamp is then its start)')
    .option('--delimiter <char>', 'CSV field separator (default , and tab for .tsv)')
    .addOption(new Option('--engine <engine>', 'duckdb (default for CSV, Parquet, JSON) or js (plain JavaScript; CSV and XES)').choices(['duckdb', 'js']))
    .option('--min-frequency <n>', 'leave out activities with fewer than n events and edges taken fewer than n times')
    .option('--top-paths <n>', 'keep the n most frequent edges (and what keeps every activity joined to start and end)')
    .option('--title <text>', 'title of the flow')
    .option('--sql', 'print the discovery query (SQL with window functions) instead, to run in a warehouse', false)
    .addOption(new Option('--dialect <name>', 'SQL dialect for --sql').choices(DIALECTS).default('duckdb'))
    .option('--table <name>', 'table --sql reads (default event_log)')
    .option('--dfg <file>', 'build the flow from the query\'s result (from,to,cases,median_s…) instead of a log')
    .option('--journey <survey>', 'survey CSV (respondent, stage, step, score[, persona]): fills the emotions of --into')
    .option('--into <journey>', 'journey YAML whose step emotions --journey fills (rewritten in place unless -o)')
    .option('--respondent <column>', 'survey respondent column (default respondent)')
    .option('--stage <column>', 'survey stage column: stage id or label (default stage)')
    .option('--step <column>', 'survey step column: step id or label (default step)')
    .option('--score <column>', 'survey score column (default score)')
    .option('--persona <column>', 'survey persona column: persona id or name (default persona, when present)')
    .option('-q, --quiet', 'print only diagnostics', false)
    .addOption(formatOption())
    .action(async (log: string | undefined, o) => { setCode(await run(log, o, { stdout, stderr })); });
}
