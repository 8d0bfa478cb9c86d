/**
 * Element ids from free text (activity names, lanes, resources): the text's Latin letters and digits
 * in lower case, joined by `-` (`Check Ticket #2` → `check-ticket-2`); text with none of them (Chinese,
 * symbols) gets `<prefix>-` and a hash of the text, so the id stays the same whatever else the log
 * holds. Clashes are numbered in name order (`check-ticket`, `check-ticket-2`): the same names always
 * give the same ids.
 */
const MAX_SLUG = 40;

function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(16).padStart(8, '0');
}

function slug(text: string): string {
  return text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+/, '').slice(0, MAX_SLUG).replace(/-+$/, '');
}

/** An id for each name, unique among themselves and against `taken` (e.g. the start and end nodes). */
export function idsFor(names: readonly string[], prefix: string, taken: readonly string[] = []): Map<string, string> {
  const used = new Set(taken);
  const out = new Map<string, string>();
  for (const name of [...new Set(names)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) {
    const base = slug(name) || `${prefix}-${fnv1a(name)}`;
    let id = base;
    for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
    used.add(id);
    out.set(name, id);
  }
  return out;
}
