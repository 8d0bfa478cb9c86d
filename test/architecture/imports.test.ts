/*
 * The shape of the program, read from its imports (issue 16): a kind is reached only through its
 * definition, gathered by src/kinds/registry.ts, and no two folders of src/ import each other,
 * directly or round a loop. A failure names the arrows to remove.
 */
import { describe, expect, it } from 'vitest';
import { folderCycles, importArrows, kindFolderOf, staticClosure } from './import-graph.js';

const arrows = importArrows();

describe('import graph of src/', () => {
  it('is read from the source (sanity: the registry imports every kind folder)', () => {
    const fromRegistry = arrows.filter((a) => a.from === 'kinds/registry.ts').map((a) => kindFolderOf(a.to));
    expect(fromRegistry.filter(Boolean).length).toBeGreaterThanOrEqual(3);
  });

  it('has no arrow into a kind folder except from the registry', () => {
    const intruders = arrows
      .filter((a) => { const kind = kindFolderOf(a.to); return kind !== undefined && kind !== kindFolderOf(a.from) && a.from !== 'kinds/registry.ts'; })
      .map((a) => `src/${a.from} → src/${a.to}`);
    expect(intruders, 'reach a kind through its KindDefinition (src/kinds/types.ts), not its files').toEqual([]);
  });

  it('loads no layout, text, diff or Mermaid code with the kind definitions (validate needs only models and rules)', () => {
    const heavy = [...staticClosure(arrows, 'kinds/registry.ts')].filter((f) => /^(diff|layout|render)\/|\/(layout|scene|place[^/]*|measure|mermaid|txt|diff[^/]*)\.ts$/.test(f));
    expect(heavy, 'load these with `async (…) => (await import(\'./x.js\')).fn(…)` in the definition').toEqual([]);
  });

  it('loads no compiler, layout or render code for an up-to-date incremental build or check (issue 23)', () => {
    for (const command of ['cli/build.ts', 'cli/check.ts']) {
      const heavy = [...staticClosure(arrows, command)].filter((f) => f === 'compile.ts' || /^(layout|render|scene|kinds|validate)\//.test(f));
      expect(heavy, `${command}: import src/cli/compile-input.ts with await import() where an input is compiled`).toEqual([]);
    }
  });

  it('keeps discover a front end that writes YAML: it uses model, diagnostics and runtime helpers only, and only its command loads it', () => {
    const outOf = arrows.filter((a) => a.from.startsWith('discover/') && !/^(discover|model|diagnostics|runtime)\//.test(a.to)).map((a) => `src/${a.from} → src/${a.to}`);
    expect(outOf, 'discover hands YAML to the pipeline; it does not load, lay out or render').toEqual([]);
    const into = arrows.filter((a) => a.to.startsWith('discover/') && !a.from.startsWith('discover/') && a.from !== 'cli/discover-command.ts').map((a) => `src/${a.from} → src/${a.to}`);
    expect(into, 'reach discover through src/cli/discover-command.ts').toEqual([]);
    expect(arrows.filter((a) => a.from === 'cli/discover-command.ts' && a.to.startsWith('discover/')).every((a) => a.dynamic), 'load discover (and DuckDB) only when the command runs').toBe(true);
  });

  it('has no cycle between folders (each kind folder and the registry counted on their own)', () => {
    expect(folderCycles(arrows).map((loop) => loop.join(' → '))).toEqual([]);
  });
});
