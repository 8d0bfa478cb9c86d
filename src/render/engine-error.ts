/**
 * `--engine mermaid` asked for on a machine without mermaid-cli or a browser: a usage problem, said
 * in one line. In a module of its own so that the CLI can tell it apart without loading the
 * engine and the PNG renderer it imports (every command would pay for them at start).
 */
export class MissingEngineError extends Error {}
