/*
 * PPTX and PDF checked with clients no one here wrote: LibreOffice Impress opens every example's deck
 * (one soffice run converts them all) and poppler reads the PDFs, ours and LibreOffice's.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import JSZip from 'jszip';
import { parse, stringify } from 'yaml';
import { checkSource, drawDocument } from '../../src/compile.js';
import type { Scene } from '../../src/scene/types.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { renderPdf } from '../../src/render/pdf/index.js';
import { renderPptx } from '../../src/render/pptx/index.js';
import { slideViews } from '../../src/render/pptx/split.js';
import { sceneLeaves } from '../../src/render/vector/scene-read.js';
import { tmpDir } from '../support/cli.js';
import { BIN } from '../support/cli.js';
import { EXAMPLES, exampleDiagrams, jfAsync, run, squash, textLines, unitsOf, type ExampleDiagram } from './helpers.js';

const SOFFICE = ['/usr/bin/soffice', '/usr/bin/libreoffice'].find((p) => fs.existsSync(p));
const POPPLER = fs.existsSync('/usr/bin/pdftotext') && fs.existsSync('/usr/bin/pdfinfo');
// On CI the tools are installed by .ci/run, so a missing one fails there instead of skipping.
const SKIP = (!SOFFICE || !POPPLER) && !process.env.CI;
const norm = (s: string) => squash(s.normalize('NFKC'));

let out = '';
let converted = '';
let examples: ExampleDiagram[] = [];
let wide: Scene;

/** The retail journey with its six stages repeated: twelve stages, far wider than a 16:9 slide. */
async function wideJourney(): Promise<Scene> {
  const doc = parse(fs.readFileSync(path.join(EXAMPLES, 'retail-journey.journey.yaml'), 'utf8'));
  const again = doc.stages.map((s: { id: string; label: string }) => ({ ...s, id: `${s.id}-2`, label: `${s.label}（复购）` }));
  doc.stages = [...doc.stages, ...again];
  doc.id = 'wide';
  const checked = checkSource(stringify(doc), { file: 'wide.journey.yaml', root: EXAMPLES });
  return (await drawDocument(checked.documents[0], { root: EXAMPLES })).scene;
}

async function pdfText(file: string): Promise<string> {
  const r = await run('pdftotext', ['-enc', 'UTF-8', file, '-']);
  expect(r.code, r.stderr).toBe(0);
  return norm(r.stdout);
}

async function pdfInfo(file: string): Promise<{ pages: number; sizes: Array<[number, number]> }> {
  const r = await run('pdfinfo', ['-f', '1', '-l', '999', file]);
  expect(r.code, r.stderr).toBe(0);
  const sizes = [...r.stdout.matchAll(/Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/g)].map((m) => [Number(m[1]), Number(m[2])] as [number, number]);
  return { pages: Number(/Pages:\s+(\d+)/.exec(r.stdout)?.[1]), sizes };
}

describe.skipIf(SKIP)('PPTX in LibreOffice, PDF in poppler', () => {
  beforeAll(async () => {
    if (!SOFFICE || !POPPLER) throw new Error('LibreOffice Impress and poppler-utils are needed: apt-get install -y libreoffice-impress poppler-utils');
    examples = await exampleDiagrams();
    out = tmpDir('jf-office-');
    const built = await jfAsync(['build', 'examples', '-o', out, '-f', 'pptx,pdf', '-q']);
    expect(built.code, built.stderr).toBe(0);
    converted = path.join(out, 'lo');
    wide = await wideJourney();
    fs.writeFileSync(path.join(out, 'wide.journey.pptx'), await renderPptx([{ scene: wide }]));
    // One soffice run for every deck, with a profile of its own (a shared one locks between users).
    const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'jf-lo-profile-'));
    const decks = [...examples.map((e) => path.join(out, `${e.stem}.pptx`)), path.join(out, 'wide.journey.pptx')];
    const r = await run(SOFFICE!, [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', converted, ...decks], { timeout: 150000 });
    expect(r.code, r.stderr).toBe(0);
  }, 175000);

  it('LibreOffice opens every deck, and its PDF holds every label of nodes, edges and lanes', async () => {
    for (const e of examples) {
      const file = path.join(converted, `${e.stem}.pdf`);
      expect(fs.existsSync(file), `${e.file}: LibreOffice wrote no PDF`).toBe(true);
      const text = await pdfText(file);
      const slides = e.scenes.flatMap((s) => slideViews(s, false)).length;
      expect((await pdfInfo(file)).pages, e.file).toBe(slides);
      for (const scene of e.scenes) {
        const u = unitsOf(scene);
        const labels = [scene.title, ...u.nodes.values(), ...u.lanes.values(), ...u.edges.map((x) => x.label)].filter(Boolean);
        for (const l of labels) expect(text, `${e.file}: "${l}" missing from the slides`).toContain(norm(l));
      }
    }
  });

  it('slides are native shapes: a group per node, edge and lane, a shape per drawn item', async () => {
    for (const e of examples) {
      const zip = await JSZip.loadAsync(fs.readFileSync(path.join(out, `${e.stem}.pptx`)));
      const slides = Object.keys(zip.files).filter((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n));
      const xml = (await Promise.all(slides.map((n) => zip.file(n)!.async('string')))).join('');
      expect(xml).not.toContain('<p:pic>');
      const groups = (role: string) => new Set([...xml.matchAll(new RegExp(`<p:grpSp><p:nvGrpSpPr><p:cNvPr id="\\d+" name="${role}:([^"]*)"`, 'g'))].map((m) => m[1]));
      const views = e.scenes.flatMap((s) => slideViews(s, false));
      let leaves = 0;
      const expected = { node: new Set<string>(), edge: new Set<string>(), lane: new Set<string>() };
      for (const v of views) for (const l of sceneLeaves(v.scene)) { leaves++; if (l.unit) expected[l.unit.role].add(l.unit.key); }
      for (const role of ['node', 'edge', 'lane'] as const) expect([...groups(role)].sort(), `${e.file} ${role} groups`).toEqual([...expected[role]].sort());
      expect((xml.match(/<p:sp>/g) ?? []).length, `${e.file}: shapes`).toBe(leaves);
      // Nodes of the scene all appear (a split journey shows each step on one of its slides).
      expect(groups('node').size, e.file).toBe(e.scenes.reduce((n, s) => n + unitsOf(s).nodes.size, 0));
    }
  });

  it('a journey wider than 16:9 becomes a slide per run of stages (each in LibreOffice), or one slide with --one-slide', async () => {
    const split = slideViews(wide, false);
    expect(split.length).toBeGreaterThan(1);
    const stages = split.flatMap((v) => v.part!.stages);
    expect(stages).toHaveLength(12);
    expect(new Set(stages).size).toBe(12);
    for (const v of split) expect(v.scene.width / v.scene.height).toBeLessThanOrEqual(16 / 9 + 0.01);
    const file = path.join(converted, 'wide.journey.pdf');
    expect((await pdfInfo(file)).pages).toBe(split.length);
    const text = await pdfText(file);
    for (const label of unitsOf(wide).nodes.values()) expect(text, label).toContain(norm(label));
    expect(slideViews(wide, true)).toHaveLength(1);
    const one = await JSZip.loadAsync(await renderPptx([{ scene: wide }], { oneSlide: true }));
    expect(Object.keys(one.files).filter((n) => /^ppt\/slides\/slide\d+\.xml$/.test(n))).toHaveLength(1);
  });

  it('notes carry the description; runs name a Latin and an East Asian font', async () => {
    const e = examples.find((x) => x.stem === 'retail-journey.journey')!;
    const zip = await JSZip.loadAsync(fs.readFileSync(path.join(out, `${e.stem}.pptx`)));
    const notes = await zip.file('ppt/notesSlides/notesSlide1.xml')!.async('string');
    expect(notes).toContain(e.scenes[0].description.slice(0, 20));
    const slide = await zip.file('ppt/slides/slide1.xml')!.async('string');
    expect(slide).toContain('<a:latin typeface="Noto Sans SC"/><a:ea typeface="Microsoft YaHei"/>');
    expect(slide).not.toContain('JF-FONT');
  });

  it('our PDF: a page per diagram at its size, every text line searchable (Chinese too), the font embedded as a subset', async () => {
    for (const e of examples) {
      const file = path.join(out, `${e.stem}.pdf`);
      const info = await pdfInfo(file);
      expect(info.pages, e.file).toBe(e.scenes.length);
      e.scenes.forEach((s, i) => {
        expect(info.sizes[i][0], e.file).toBeCloseTo(s.width * 0.75, 0);
        expect(info.sizes[i][1], e.file).toBeCloseTo(s.height * 0.75, 0);
      });
      const text = await pdfText(file);
      for (const s of e.scenes) for (const line of textLines(s)) expect(text, `${e.file}: "${line}"`).toContain(norm(line));
      const fonts = await run('pdffonts', [file]);
      expect(fonts.stdout).toMatch(/[A-Z]{6}\+\S+\s+CID Type 0C\s+Identity-H\s+yes yes yes/);
    }
    expect(fs.statSync(path.join(out, 'retail-journey.journey.pdf')).size).toBeLessThan(1024 * 1024);
  });

  it('--page a4 turns a wide diagram landscape and fits it; letter and a3 too', async () => {
    const journey = examples.find((x) => x.stem === 'retail-journey.journey')!.scenes[0];
    const dir = tmpDir('jf-page-');
    for (const [page, w, h] of [['a4', 841.89, 595.28], ['a3', 1190.55, 841.89], ['letter', 792, 612]] as const) {
      const file = path.join(dir, `${page}.pdf`);
      fs.writeFileSync(file, await renderPdf([{ scene: journey }], { page }));
      const info = await pdfInfo(file);
      expect(info.sizes[0][0]).toBeCloseTo(w, 0);
      expect(info.sizes[0][1]).toBeCloseTo(h, 0);
    }
  });

  it('links: a subprocess opens the PDF of its flow beside this one; http links stay web links', async () => {
    const raw = fs.readFileSync(path.join(out, 'after-sales.flow.pdf')).toString('latin1');
    expect(raw).toMatch(/\/S \/GoToR[\s\S]{0,80}\/F \(onsite-repair\.flow\.pdf\)|\/F \(onsite-repair\.flow\.pdf\)[\s\S]{0,80}\/S \/GoToR/);
    expect(raw).toContain('/URI (https://crm.example.com/tickets)');
    // Two diagrams in one PDF: the link becomes a jump to the other page.
    const e = examples.find((x) => x.stem === 'after-sales.flow')!;
    const sub = examples.find((x) => x.stem === 'onsite-repair.flow')!;
    const both = Buffer.from(await renderPdf([{ scene: e.scenes[0], name: 'after-sales.flow.pdf' }, { scene: sub.scenes[0], name: 'onsite-repair.flow.pdf' }])).toString('latin1');
    expect(both).not.toContain('GoToR');
    expect(both).toMatch(/\/S \/GoTo\s/);
  });

  it('same input, same bytes: the CLI build and a second in-process render agree for every example', async () => {
    for (const e of examples) {
      const pages = e.scenes.map((scene) => ({ scene, name: `${e.stem}.${scene.id}` }));
      const named = (ext: string) => pages.map((p, i) => ({ scene: p.scene, name: e.scenes.length > 1 ? `${e.stem}.${e.scenes[i].id}.${ext}` : `${e.stem}.${ext}` }));
      expect(Buffer.from(await renderPptx(named('pptx'))).equals(fs.readFileSync(path.join(out, `${e.stem}.pptx`))), `${e.file} pptx`).toBe(true);
      expect(Buffer.from(await renderPdf(named('pdf'))).equals(fs.readFileSync(path.join(out, `${e.stem}.pdf`))), `${e.file} pdf`).toBe(true);
    }
  });

  it('same bytes in another time zone (zip entry times and document dates are fixed)', async () => {
    const dir = tmpDir('jf-tz-');
    const r = await run(process.execPath, [BIN, 'build', 'examples/after-sales.flow.yaml', '-o', dir, '-f', 'pptx,pdf', '-q'], { env: { ...process.env, TZ: process.env.TZ === 'Asia/Shanghai' ? 'America/New_York' : 'Asia/Shanghai' } });
    expect(r.code, r.stderr).toBe(0);
    for (const f of ['after-sales.flow.pptx', 'after-sales.flow.pdf']) expect(fs.readFileSync(path.join(dir, f)).equals(fs.readFileSync(path.join(out, f))), f).toBe(true);
  });
});
