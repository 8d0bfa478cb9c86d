/**
 * XES event logs (IEEE 1849), streamed with saxes: each `<trace>` is a case and is counted as soon as
 * it closes, so memory holds one trace at a time however large the file. Column names map to XES
 * keys as PM4Py maps them: `case:concept:name` is the trace's `concept:name`, the others are the
 * events' own attributes. Only attributes directly inside an event or trace count (not `<global>`
 * defaults, not nested lists).
 */
import fs from 'node:fs';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { feedCase } from './cases.js';
import { DfgBuilder, type Dfg, type LogEvent } from './dfg.js';
import { tableError } from './diagnostics.js';
import { COLUMN_OPTIONS, readEvent, type LogColumns, type LogSource } from './log.js';

const ATTRIBUTE_TAGS = new Set(['string', 'date', 'int', 'float', 'boolean', 'id']);

interface Open { name: string; attributes: Record<string, string>; line: number; column: number }

/** Reads one XES file into the directly-follows graph. */
export async function xesPass(source: LogSource): Promise<Dfg> {
  const c = source.columns;
  const caseKey = c.case.startsWith('case:') ? c.case.slice(5) : c.case;
  const builder = new DfgBuilder(c.end !== undefined);
  const parser = new SaxesParser({ fileName: source.display });
  const stack: Open[] = [];
  let traceValues: Record<string, string> = {};
  let eventValues: Record<string, string> = {};
  let events: LogEvent[] = [];
  let eventAt: Open | undefined;
  let traces = 0;
  let failure: Error | undefined;
  const fail = (at: { line: number; column: number }, rule: string, message: string) => { failure ??= tableError({ file: source.display, ...at }, rule, message); };

  // Where the tag's `<` is (opentag comes after its `>`; opentagstart just after its name).
  let tagAt = { line: 1, column: 1 };
  parser.on('opentagstart', (tag) => { tagAt = { line: parser.line, column: parser.column - tag.name.length - 1 }; });
  parser.on('opentag', (tag) => {
    const t = tag as SaxesTagPlain;
    const open = { name: t.name, attributes: t.attributes, ...tagAt };
    const parent = stack[stack.length - 1]?.name;
    if (ATTRIBUTE_TAGS.has(t.name) && t.attributes.key !== undefined) {
      if (parent === 'event') eventValues[t.attributes.key] = t.attributes.value ?? '';
      else if (parent === 'trace') traceValues[t.attributes.key] = t.attributes.value ?? '';
    } else if (t.name === 'trace' && parent === 'log') { traceValues = {}; events = []; }
    else if (t.name === 'event' && parent === 'trace') { eventValues = {}; eventAt = open; }
    stack.push(open);
  });
  parser.on('closetag', (tag) => {
    stack.pop();
    if (failure) return;
    if (tag.name === 'event' && stack[stack.length - 1]?.name === 'trace') {
      const missing = (['activity', 'timestamp', 'lane', 'end'] as Array<keyof LogColumns>).find((k) => k !== 'lane' && c[k] !== undefined && eventValues[c[k]!] === undefined);
      if (missing) return fail(eventAt!, 'log-column', `the event has no ${JSON.stringify(c[missing])} attribute; name the ${missing} attribute with ${COLUMN_OPTIONS[missing]}`);
      const read = readEvent({ case: traceValues[caseKey] ?? '', activity: eventValues[c.activity], timestamp: eventValues[c.timestamp], lane: c.lane ? eventValues[c.lane] : undefined, end: c.end ? eventValues[c.end] : undefined }, c.end !== undefined);
      if ('rule' in read) return fail(eventAt!, read.rule, read.column === 'case' ? `the trace has no ${JSON.stringify(caseKey)} attribute (--case)` : read.message);
      events.push(read.event);
    } else if (tag.name === 'trace' && stack[stack.length - 1]?.name === 'log') {
      traces++;
      if (events.length) feedCase(builder, events);
    }
  });
  parser.on('error', (err) => { failure ??= tableError({ file: source.display, line: parser.line, column: parser.column + 1 }, 'log-syntax', `not well-formed XES: ${err.message.replace(/^[^:]*:\d+:\d+: /, '')}`); });

  const input = fs.createReadStream(source.file, { encoding: 'utf8', highWaterMark: 1 << 20 });
  try {
    for await (const chunk of input) {
      parser.write(chunk as string);
      if (failure) break;
    }
    if (!failure) parser.close();
  } finally {
    input.destroy();
  }
  if (failure) throw failure;
  const dfg = builder.result();
  if (!traces || !dfg.events) throw tableError({ file: source.display, line: 1, column: 1 }, 'log-empty', traces ? 'the log\'s traces hold no events' : 'the log has no traces');
  return dfg;
}
