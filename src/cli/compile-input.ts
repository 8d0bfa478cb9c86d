/**
 * One input in memory: checked, laid out and rendered to every asked format; nothing is written.
 * The module that loads the layout and render stack, imported by build and check only when an
 * input has to be compiled (an up-to-date incremental build never loads it), and by the workers.
 */
import path from 'node:path';
import { checkSource, drawDocument, layoutDiagnostic, readDataAhead, type CompileOptions } from '../compile.js';
import type { Diagnostic } from '../diagnostics/diagnostic.js';
import { outputName } from '../load/references.js';
import type { MermaidEngine } from '../render/mermaid-engine.js';
import { mermaidSizeProblem } from '../render/mermaid-text.js';
import { renderPng } from '../render/png.js';
import { renderTxt } from '../render/txt/index.js';
import type { BuildOptions, BuiltOutput } from './build-options.js';
import { isSceneFormat, SCENE_FORMATS, type ScenePage } from './formats.js';
import type { InputFile } from './inputs.js';

/** Where an output goes: under -o keeping the input's folder layout, or beside the input. */
function targetPath(input: InputFile, outDir: string | undefined, ext: string, docId: string | undefined): string {
  if (!input.absPath) return path.join(outDir ?? process.cwd(), `${docId ?? 'diagram'}.${ext}`);
  const name = outputName(path.basename(input.absPath), ext, docId);
  if (!outDir) return path.join(path.dirname(input.absPath), name);
  const rel = path.relative(input.base, path.dirname(input.absPath));
  return path.join(path.resolve(outDir), rel, name);
}

/** Compiles one input file to its outputs in memory; nothing is written here. */
export async function compileInput(input: InputFile, text: string, opts: BuildOptions, engine?: MermaidEngine): Promise<{ diagnostics: Diagnostic[]; outputs: BuiltOutput[]; dependencies: string[] }> {
  const compileOptions: CompileOptions = { file: input.display, absPath: input.absPath, root: input.base, theme: opts.theme, locale: opts.locale, limits: opts.limits, strict: opts.strict };
  compileOptions.dataTables = await readDataAhead(text, compileOptions);
  const checked = checkSource(text, compileOptions);
  const outputs: BuiltOutput[] = [];
  const multi = checked.documents.length > 1 || checked.documents.some((d) => d.doc.count > 1);
  // Only what the formats need: mmd and txt never wait for a layout, svg never writes Mermaid.
  const sceneFormats = opts.formats.filter(isSceneFormat);
  const drawing = sceneFormats.length > 0 || (!engine && opts.formats.some((f) => f === 'svg' || f === 'png'));
  const needsMermaid = Boolean(engine) || opts.formats.includes('mmd');
  const pages: ScenePage[] = [];
  for (const doc of checked.documents) {
    if (!doc.ok) continue;
    let svg = '';
    if (drawing) {
      try {
        const drawn = await drawDocument(doc, compileOptions);
        svg = drawn.svg;
        pages.push({ scene: drawn.scene, svg, name: path.basename(targetPath(input, undefined, 'svg', multi || !input.absPath ? doc.model.id : undefined)) });
      } catch (err) {
        // The layout engine can fail on extreme graphs (e.g. its recursion depth); that costs this
        // diagram only, reported at the document like any other problem.
        checked.diagnostics.push(layoutDiagnostic(doc, err, ', or run journeyflow with "node --stack-size=16000"'));
        continue;
      }
    }
    const mermaid = needsMermaid ? await doc.definition.toMermaid(doc.model) : '';
    const tooLong = opts.formats.includes('mmd') ? mermaidSizeProblem(mermaid) : undefined;
    if (tooLong) checked.diagnostics.push(doc.doc.diagnostic([], 'mermaid-too-large', tooLong, 'warning'));
    const docId = multi || !input.absPath ? doc.model.id : undefined;
    for (const f of opts.formats) {
      const file = targetPath(input, opts.out, f, docId);
      if (isSceneFormat(f)) continue;
      if (f === 'mmd') outputs.push({ file, bytes: mermaid });
      else if (f === 'txt') outputs.push({ file, bytes: renderTxt(await doc.definition.toText(doc.model)) });
      else if (engine) outputs.push({ file, bytes: await engine.render(mermaid, f, f === 'png' ? opts.scale : 1) });
      else if (f === 'svg') outputs.push({ file, bytes: svg });
      else outputs.push({ file, bytes: await renderPng(svg, { scale: opts.scale, fontFiles: opts.fontFiles }) });
    }
  }
  if (pages.length) outputs.push(...(await sceneOutputs(input, pages, sceneFormats, opts, multi)));
  return { diagnostics: checked.diagnostics, outputs, dependencies: checked.dependencies };
}

/** The scene formats of one input: a file holding every diagram as a page, or one file per diagram. */
async function sceneOutputs(input: InputFile, pages: ScenePage[], formats: Array<keyof typeof SCENE_FORMATS>, opts: BuildOptions, multi: boolean): Promise<BuiltOutput[]> {
  const outputs: BuiltOutput[] = [];
  for (const f of formats) {
    const spec = SCENE_FORMATS[f];
    const render = await spec.load();
    // Links between diagrams name each other's output of the same format.
    const named = pages.map((p) => ({ ...p, name: p.name.replace(/\.svg$/, `.${spec.ext}`) }));
    if (spec.per === 'file') outputs.push({ file: targetPath(input, opts.out, spec.ext, undefined), bytes: await render(named, opts.sceneOptions ?? {}) });
    else for (const p of named) outputs.push({ file: targetPath(input, opts.out, spec.ext, multi || !input.absPath ? p.scene.id : undefined), bytes: await render([p], opts.sceneOptions ?? {}) });
  }
  return outputs;
}
