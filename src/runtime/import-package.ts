/**
 * import() of an installed package (the Mermaid engine, the worker pool, the file watcher). The
 * CLI runs as one bundle compiled through a V8 code cache (see code-cache.ts), and such code has
 * no module loader behind its import(); the launcher, bin/journeyflow.js, lends its own under
 * this symbol. Everywhere else (the library, tests) this is a plain import().
 */
export const IMPORT_PACKAGE = Symbol.for('journeyflow.importPackage');

export function importPackage<T>(name: string): Promise<T> {
  const lent = (globalThis as Record<symbol, unknown>)[IMPORT_PACKAGE] as ((specifier: string) => Promise<T>) | undefined;
  return lent ? lent(name) : (import(name) as Promise<T>);
}
