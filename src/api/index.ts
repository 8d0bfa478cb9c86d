/** The library: compile YAML text to SVG and Mermaid, rasterize SVG to PNG, and draw scenes as PPTX, draw.io and PDF. */
export { compile, checkSource, type CompileOptions, type CompileResult } from '../compile.js';
export { renderPng, type PngOptions } from '../render/png.js';
export type { Diagnostic, Severity } from '../diagnostics/diagnostic.js';
export { formatDiagnostics, type DiagnosticFormat } from '../diagnostics/format.js';
export type { DiagramKind } from '../kinds/registry.js';
export { drawDocument, type CheckedDocument } from '../compile.js';
export type { Scene, SceneItem } from '../scene/types.js';
export { renderPptx, type PptxPage, type PptxOptions } from '../render/pptx/index.js';
export { renderDrawio, renderDrawioSvg, type DrawioPage, type DrawioOptions } from '../render/drawio/index.js';
export { renderPdf, PAGE_NAMES, type PdfPage, type PdfOptions, type PageSize } from '../render/pdf/index.js';
