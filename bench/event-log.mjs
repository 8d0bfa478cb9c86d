// A synthetic event log from a known after-sales process, for the discover tests and benchmark.
// Seeded (mulberry32): the same seed gives the same log on every machine. Besides the log it returns
// what it emitted, counted as it went — directly-follows pairs, start and end activities, events per
// activity and per resource — so a test compares what discover finds with what the process did.
import fs from 'node:fs';

/** mulberry32: small, fast and repeatable. */
export function seeded(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The process: each activity's lane, and where a case goes next (probabilities). */
export const PROCESS = {
  lanes: ['Customer', 'Service desk', 'Technician'],
  activities: {
    'Report issue': { lane: 'Customer', next: [['Record ticket', 1]] },
    'Record ticket': { lane: 'Service desk', next: [['Request details', 0.2], ['Assess ticket', 0.8]] },
    'Request details': { lane: 'Customer', next: [['Record ticket', 1]] }, // a loop back
    'Assess ticket': { lane: 'Service desk', next: [['Remote fix', 0.4], ['Dispatch technician', 0.6]] }, // the decision
    'Remote fix': { lane: 'Technician', next: [['Customer check', 1]] },
    'Dispatch technician': { lane: 'Service desk', next: [['Onsite repair', 1]] },
    'Onsite repair': { lane: 'Technician', next: [['Customer check', 1]] },
    'Customer check': { lane: 'Customer', next: [['Onsite repair', 0.15], ['Close ticket', 0.85]] }, // a second loop
    'Close ticket': { lane: 'Service desk', next: [] },
  },
  start: 'Report issue',
};

/** One in `noise` events is done by another lane than its activity's: the majority still decides. */
const OTHER_LANE = { Customer: 'Service desk', 'Service desk': 'Technician', Technician: 'Customer' };

function pick(options, random) {
  let r = random();
  for (const [name, p] of options) { if ((r -= p) < 0) return name; }
  return options[options.length - 1][0];
}

/** The events of one case, in order: [activity, resource, start ms, end ms]. */
function caseEvents(startMs, random) {
  const events = [];
  let at = startMs;
  for (let activity = PROCESS.start; activity; ) {
    const spec = PROCESS.activities[activity];
    const resource = random() < 0.1 ? OTHER_LANE[spec.lane] : spec.lane;
    at += 1000 + Math.floor(random() * 3_600_000); // waiting before the step: 1 s .. 1 h
    const end = at + 1000 + Math.floor(random() * 600_000);
    events.push([activity, resource, at, end]);
    at = end;
    activity = spec.next.length ? pick(spec.next, random) : undefined;
  }
  return events;
}

const iso = (ms) => new Date(ms).toISOString();

/** Tallies of what the generator emitted (the answers a test compares with). */
function emptyTally() {
  return { cases: 0, events: 0, follows: new Map(), starts: new Map(), ends: new Map(), activities: new Map(), resources: new Map() };
}
const bump = (map, key, by = 1) => map.set(key, (map.get(key) ?? 0) + by);

function tallyCase(tally, events) {
  tally.cases++;
  tally.events += events.length;
  bump(tally.starts, events[0][0]);
  bump(tally.ends, events[events.length - 1][0]);
  events.forEach(([activity, resource], i) => {
    bump(tally.activities, activity);
    if (!tally.resources.has(activity)) tally.resources.set(activity, new Map());
    bump(tally.resources.get(activity), resource);
    if (i > 0) bump(tally.follows, `${events[i - 1][0]}\u0000${activity}`);
  });
}

const csvField = (s) => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/**
 * Generates `cases` cases. `order`: 'case' writes each case's events together; 'shuffled' mixes all
 * rows (seeded), so a reader must sort by case and time itself. Returns { rows, header, tally }.
 */
export function generateLog({ cases, seed = 1, order = 'case' }) {
  const random = seeded(seed);
  const tally = emptyTally();
  const rows = [];
  for (let c = 0; c < cases; c++) {
    const events = caseEvents(Date.UTC(2024, 0, 1) + c * 60_000, random);
    tallyCase(tally, events);
    for (const [activity, resource, start, end] of events) rows.push([`case-${c + 1}`, activity, iso(start), resource, iso(end)]);
  }
  if (order === 'shuffled') {
    for (let i = rows.length - 1; i > 0; i--) { const j = Math.floor(random() * (i + 1)); [rows[i], rows[j]] = [rows[j], rows[i]]; }
  }
  return { header: ['case:concept:name', 'concept:name', 'time:timestamp', 'org:resource', 'time:end'], rows, tally };
}

export const toCsv = ({ header, rows }) => [header, ...rows].map((r) => r.map(csvField).join(',')).join('\n') + '\n';

/**
 * Writes at least `events` events to `file` as CSV, case after case, without holding the log in
 * memory (for the 1 M and 10 M event benchmark). Returns the number of events and cases written.
 */
export function writeLargeLog(file, events, seed = 7) {
  const random = seeded(seed);
  const fd = fs.openSync(file, 'w');
  let written = 0;
  let c = 0;
  let chunk = 'case:concept:name,concept:name,time:timestamp,org:resource,time:end\n';
  while (written < events) {
    const caseId = `case-${++c}`;
    for (const [activity, resource, start, end] of caseEvents(Date.UTC(2024, 0, 1) + c * 1000, random)) {
      chunk += `${caseId},${activity},${iso(start)},${resource},${iso(end)}\n`;
      written++;
    }
    if (chunk.length > 1 << 20) { fs.writeSync(fd, chunk); chunk = ''; }
  }
  fs.writeSync(fd, chunk);
  fs.closeSync(fd);
  return { events: written, cases: c };
}

const xmlText = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * The same log as XES (one <trace> per case, events in row order): the columns become XES keys,
 * the case id the trace's concept:name, times <date> attributes.
 */
export function toXes({ header, rows }) {
  const [caseKey, ...eventKeys] = header;
  const traces = new Map();
  for (const row of rows) {
    if (!traces.has(row[0])) traces.set(row[0], []);
    traces.get(row[0]).push(row.slice(1));
  }
  const attribute = (key, value) => `${/time/.test(key) ? 'date' : 'string'} key="${xmlText(key)}" value="${xmlText(value)}"`;
  const out = ['<?xml version="1.0" encoding="UTF-8"?>', '<log xes.version="1.0" xmlns="http://www.xes-standard.org/">',
    '  <global scope="event"><string key="concept:name" value="UNKNOWN"/></global>'];
  for (const [caseId, events] of traces) {
    out.push('  <trace>', `    <${attribute(caseKey.replace(/^case:/, ''), caseId)}/>`);
    for (const values of events) out.push('    <event>', ...values.map((v, i) => `      <${attribute(eventKeys[i], v)}/>`), '    </event>');
    out.push('  </trace>');
  }
  out.push('</log>');
  return out.join('\n') + '\n';
}
