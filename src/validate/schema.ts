import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Ajv2020, ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import type { Path, SourceDocument } from '../load/document.js';

const SCHEMA_DIR = fileURLToPath(new URL('../../schemas/', import.meta.url));

let ajv: Ajv2020 | undefined;
const validators = new Map<string, ValidateFunction>();

/** A kind's schema is `schemas/<kind>.schema.json`, named after the kind; no list of kinds is kept here. */
export function schemaPath(kind: string): string {
  return `${SCHEMA_DIR}${kind}.schema.json`;
}

export function readSchema(kind: string): Record<string, unknown> {
  return JSON.parse(fs.readFileSync(schemaPath(kind), 'utf8'));
}

const require = createRequire(import.meta.url);
// Spelt from the parent folder so the path also holds inside the CLI bundle (dist/cli/journeyflow.cjs).
const COMPILED_DIR = fileURLToPath(new URL('../validate/compiled/', import.meta.url));

/**
 * The validator of a kind's whole document, or of one element of it (`def`: a `$defs` entry that is
 * an object, such as `node` or `edge`): the standalone code precompiled at build time
 * (scripts/compile-schemas.mjs) when present, else compiled here on first use; either way reused.
 */
function validatorFor(kind: string, def = 'document'): ValidateFunction {
  const key = `${kind}#${def}`;
  let v = validators.get(key);
  if (!v) {
    const compiled = path.join(COMPILED_DIR, `${kind}.cjs`);
    if (fs.existsSync(compiled)) v = (require(compiled) as Record<string, ValidateFunction | undefined>)[def];
    if (!v) {
      const { Ajv2020 } = require('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js');
      ajv ??= new Ajv2020({ allErrors: true, verbose: true, strict: true, allowUnionTypes: true, inlineRefs: false });
      const schema = readSchema(kind);
      const id = schema.$id as string;
      if (!ajv.getSchema(id)) ajv.addSchema(schema);
      v = ajv.getSchema(def === 'document' ? id : `${id}#/$defs/${def}`);
    }
    if (!v) throw new Error(`schemas/${kind}.schema.json has no $defs entry "${def}"`);
    validators.set(key, v);
  }
  return v;
}

const MAX_SCHEMA_DIAGNOSTICS = 200;

/** Checks a document against its kind's JSON Schema; each error becomes a diagnostic at its YAML node. */
export function validateSchema(kind: string, doc: SourceDocument): Diagnostic[] {
  const validate = validatorFor(kind);
  if (validate(doc.value)) return [];
  // Pruning compares errors pairwise and each diagnostic looks up its YAML node: a few thousand
  // errors are plenty to report, and keep a hostile document from costing minutes.
  const errors = pruneBranchNoise((validate.errors ?? []).slice(0, 2000));
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  let more = 0;
  for (const e of errors) {
    const { path, key, message } = describe(e);
    const id = `${path.join('/')}|${message}`;
    if (seen.has(id)) continue;
    seen.add(id);
    if (out.length >= MAX_SCHEMA_DIAGNOSTICS) { more++; continue; }
    out.push(doc.diagnostic(path, 'schema', message, 'error', key));
  }
  const total = validate.errors?.length ?? 0;
  if (more || total > 2000) out.push(doc.diagnostic([], 'schema', `more schema errors in this document are not shown (${total} in all before grouping)`));
  return out;
}

/** A problem of one element checked on its own: where inside the element, and the message. */
export interface ElementProblem {
  path: Path;
  message: string;
}

/**
 * Checks one element (a flow node, a journey step…) against its `$defs` entry of the kind's schema,
 * with the same constraints and messages as a whole document; paths are relative to the element.
 */
export function validateElement(kind: string, def: string, value: unknown): ElementProblem[] {
  const validate = validatorFor(kind, def);
  if (validate(value)) return [];
  return pruneBranchNoise((validate.errors ?? []).slice(0, MAX_SCHEMA_DIAGNOSTICS)).map((e) => {
    const { path, message } = describe(e);
    return { path, message };
  });
}

const pointerToPath = (pointer: string): Path =>
  pointer === '' ? [] : pointer.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~')).map((s) => (/^\d+$/.test(s) ? Number(s) : s));

/**
 * ajv reports every failed branch of an anyOf/oneOf. Keep the errors of the branch whose type fits the
 * value (an edge written as an object gets object errors, not "must be string"), and drop the summary.
 */
function pruneBranchNoise(errors: ErrorObject[]): ErrorObject[] {
  const branchPaths = new Set(errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf').map((e) => e.instancePath));
  if (!branchPaths.size) return errors;
  const out: ErrorObject[] = [];
  for (const e of errors) {
    if (branchPaths.has(e.instancePath) && e.keyword === 'type') continue;
    if (e.keyword === 'anyOf' || e.keyword === 'oneOf') {
      const specific = errors.some((o) => o !== e && o.instancePath.startsWith(e.instancePath) && o.keyword !== 'type' && o.keyword !== 'anyOf' && o.keyword !== 'oneOf');
      const specificDeeper = errors.some((o) => o.instancePath.length > e.instancePath.length && o.instancePath.startsWith(e.instancePath));
      if (specific || specificDeeper) continue;
    }
    out.push(e);
  }
  return out;
}

const typeName = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'a list' : typeof v === 'object' ? 'a map' : `${typeof v} ${JSON.stringify(v)}`);
const show = (v: unknown): string => (typeof v === 'string' ? JSON.stringify(v) : JSON.stringify(v) ?? String(v));
const fieldName = (path: Path): string => {
  const last = [...path].reverse().find((p) => typeof p === 'string');
  return last === undefined ? 'document' : `"${String(last)}"`;
};

function describe(e: ErrorObject): { path: Path; key: boolean; message: string } {
  const path = pointerToPath(e.instancePath);
  const desc = (e.parentSchema as { description?: string } | undefined)?.description;
  const where = fieldName(path);
  switch (e.keyword) {
    case 'required': {
      const missing = (e.params as { missingProperty: string }).missingProperty;
      return { path, key: false, message: `missing required field "${missing}"${path.length ? ` in ${where}` : ''}` };
    }
    case 'additionalProperties': {
      const extra = (e.params as { additionalProperty: string }).additionalProperty;
      const allowed = Object.keys((e.parentSchema as { properties?: object }).properties ?? {});
      const hint = closest(extra, allowed);
      return { path: [...path, extra], key: true, message: `unknown field "${extra}"${hint ? `; did you mean "${hint}"?` : allowed.length ? `; allowed: ${allowed.join(', ')}` : ''}` };
    }
    case 'enum': {
      const allowed = (e.params as { allowedValues: unknown[] }).allowedValues;
      return { path, key: false, message: `${where} is ${show(e.data)}; expected one of ${allowed.map((a) => String(a)).join(', ')}` };
    }
    case 'const':
      return { path, key: false, message: `${where} must be ${show((e.params as { allowedValue: unknown }).allowedValue)}` };
    case 'type': {
      const want = [(e.params as { type: string | string[] }).type].flat().join(' or ');
      return { path, key: false, message: `${where} must be ${article(want)}, got ${typeName(e.data)}` };
    }
    case 'pattern':
    case 'format':
      return { path, key: false, message: `${where} ${show(e.data)} is not valid${desc ? `: ${desc}` : ''}` };
    case 'minimum':
    case 'exclusiveMinimum':
    case 'maximum':
    case 'exclusiveMaximum': {
      const p = e.params as { comparison: string; limit: number };
      return { path, key: false, message: `${where} is ${show(e.data)}; it must be ${p.comparison} ${p.limit}` };
    }
    case 'minItems':
      return { path, key: false, message: `${where} needs at least ${(e.params as { limit: number }).limit} item(s)` };
    case 'maxItems':
      return { path, key: false, message: `${where} may hold at most ${(e.params as { limit: number }).limit} item(s)` };
    case 'minLength':
      return { path, key: false, message: `${where} must not be empty` };
    case 'maxLength':
      return { path, key: false, message: `${where} is longer than ${(e.params as { limit: number }).limit} characters` };
    case 'anyOf':
    case 'oneOf':
      return { path, key: false, message: `${where} has the wrong shape${desc ? `: ${desc}` : ''}` };
    default:
      return { path, key: false, message: `${where} ${e.message ?? 'is not valid'}` };
  }
}

const article = (t: string) => (/^[aeiou]/.test(t) ? `an ${t}` : `a ${t}`);

/**
 * The tail of an "unknown id" message: the nearest declared id, else (with `listDeclared`) the
 * declared ids, else `none`.
 */
export function didYouMean(id: string, known: readonly string[], none = '', listDeclared = true): string {
  const near = closest(id, known);
  if (near) return `; did you mean "${near}"?`;
  if (!known.length || !listDeclared) return none;
  return `; declared: ${known.slice(0, 12).join(', ')}${known.length > 12 ? `, … (${known.length} in all)` : ''}`;
}

/** The allowed name nearest to a misspelt one (at most 2 edits, and fewer than half its length), for "did you mean". */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestD = Math.min(3, Math.ceil(word.length / 2));
  for (const c of candidates) {
    const d = editDistance(word.toLowerCase(), c.toLowerCase());
    if (d < bestD) { bestD = d; best = c; }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length];
}
