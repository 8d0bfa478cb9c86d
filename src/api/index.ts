/** The library: compile YAML text to SVG and Mermaid, and rasterize SVG to PNG. */
export { compile, checkSource, type CompileOptions, type CompileResult } from '../compile.js';
export { renderPng, type PngOptions } from '../render/png.js';
export type { Diagnostic, Severity } from '../diagnostics/diagnostic.js';
export { formatDiagnostics, type DiagnosticFormat } from '../diagnostics/format.js';
export type { DiagramKind } from '../kinds/registry.js';
