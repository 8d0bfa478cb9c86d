/** A field written as one text or a list of texts: lists keep their items, a single text is a list of one. */
export const textList = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : typeof v === 'string' && v !== '' ? [v] : []);
