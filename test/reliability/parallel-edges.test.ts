import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { fixture, jf } from '../support/cli.js';
import { MAX_DRAWN_PARALLEL } from '../../src/model/parallel-edges.js';

// Issue 24, Deliver: parallel edges between one pair of nodes are bundled, not refused. 1 000
// labelled edges between two nodes took ELK 124 s and 1.35 GB; drawn as one edge carrying their
// count, combined volume and every label, they lay out as a graph of one edge, and the SVG, the
// txt picture and the Mermaid say the same.

const edges = (k: number, line: (i: number) => string) => Array.from({ length: k }, (_, i) => line(i)).join('\n');
const flow = (k: number, locale = 'en') => `kind: flow\nlocale: ${locale}\nnodes:\n  - { id: s, type: start, label: Ask }\n  - { id: e, type: end, label: Done }\n  - { id: x, label: Other }\nedges:\n${edges(k, (i) => `  - { from: s, to: e, label: "reason ${i}", volume: 2 }`)}\n  - s -> x\n  - x -> e\n`;
const lifecycle = (k: number) => `kind: lifecycle\nlocale: en\nstates:\n  - { id: a, label: New, initial: true, count: 100 }\n  - { id: b, label: Active, final: true, count: 10 }\ntransitions:\n${edges(k, (i) => `  - { from: a, to: b, label: "why ${i}", rate: 0.05 }`)}\n`;

const groups = (svg: string, className: string) => svg.match(new RegExp(`<g class="${className}"[^>]*>`, 'g')) ?? [];
const titleOf = (svg: string) => svg.match(/<g class="jf-edge" data-from="s" data-to="e"[^>]*>\s*<title>([^<]*)<\/title>/)?.[1] ?? '';

describe('parallel edges are bundled into one drawn edge (issue 24)', () => {
  let dir: string;
  const out = (name: string) => fs.readFileSync(path.join(dir, 'out', name), 'utf8');
  beforeAll(async () => {
    dir = fixture({ 'many.flow.yaml': flow(1000), 'many.lifecycle.yaml': lifecycle(1000), 'few.flow.yaml': flow(MAX_DRAWN_PARALLEL), 'zh.flow.yaml': flow(MAX_DRAWN_PARALLEL + 1, 'zh-CN') });
    const r = await jf(['build', '.', '-f', 'svg,txt,mmd', '-o', 'out'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
  });

  it('flow: 1 000 labelled edges between two nodes are one edge whose label counts them, width by their combined volume, <title> listing every label', () => {
    const svg = out('many.flow.svg');
    expect(groups(svg, 'jf-edge')).toHaveLength(3);
    expect(svg).toMatch(/<g class="jf-edge" data-from="s" data-to="e" data-volume="2000">/);
    // The label as drawn (wrapped into lines): the count, then the first labels and how many more.
    expect(svg.match(/<text class="jf-edge-label"[^>]*>(.*?)<\/text>/)?.[1].replace(/<[^>]+>/g, ' ').trim()).toMatch(/^×1,000 edges: reason\s+0; reason 1 \+998$/);
    const title = titleOf(svg);
    expect(title).toMatch(/^Ask → Done: ×1,000 edges: reason 0; reason 1; /);
    for (const i of [0, 500, 999]) expect(title).toContain(`reason ${i}`);
    expect(title).toContain('(2,000\u00a0customers)');
  });

  it('flow: txt and Mermaid say the same count, labels and volume', () => {
    expect(out('many.flow.txt')).toContain('×1,000 edges: reason 0; reason 1 +998 (2,000)');
    const mmd = out('many.flow.mmd');
    expect(mmd.match(/ -->/g)).toHaveLength(3);
    expect(mmd).toContain('n_s -->|"×1,000 edges#58; reason 0#59; reason 1 +998 (2000)"| n_e');
  });

  it('lifecycle: 1 000 transitions between two states are one, with the combined rate and every label in its title', () => {
    const svg = out('many.lifecycle.svg');
    expect(groups(svg, 'jf-edge')).toHaveLength(1);
    expect(svg).toContain('<g class="jf-edge" data-from="a" data-rate="50" data-to="b">');
    expect(svg).toMatch(/<title>New → Active: ×1,000 edges: why 0; why 1; [^<]*why 999 \(50%\)<\/title>/);
    expect(svg).toContain('with 2 states and 1000 transitions');
    expect(out('many.lifecycle.txt')).toContain('×1,000 edges: why 0; why 1 +998 50%');
    expect(out('many.lifecycle.mmd')).toContain('s_a --> s_b : ×1,000 edges#58; why 0#59; why 1 +998 (50#37;)');
  });

  it(`up to ${MAX_DRAWN_PARALLEL} edges between one pair are drawn apart; past that the label is in the reader's language`, () => {
    expect(groups(out('few.flow.svg'), 'jf-edge')).toHaveLength(MAX_DRAWN_PARALLEL + 2);
    expect(out('few.flow.svg')).not.toContain('×');
    expect(out('zh.flow.svg')).toContain(`×${MAX_DRAWN_PARALLEL + 1} 条连线`);
  });
});
