/**
 * The PNG path's two shortcuts draw exactly what resvg draws without them: the per-diagram font
 * subsets (src/render/png-font-subset.ts) against the whole bundled fonts, and journeyflow's PNG
 * encoder (src/render/png-encode.ts) against resvg-js's own, compared pixel by pixel after decoding.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { createRequire } from 'node:module';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { renderPng } from '../../src/api/index.js';
import { BAND_ROWS, encodePng } from '../../src/render/png-encode.js';
import type { Compressor } from '../../src/render/png-deflate.js';
import { jfProcess, ROOT, tmpDir } from '../support/cli.js';
import { parseSubsettable, subsetFont } from '../../src/render/png-font-subset.js';
import { sweepLeftoverSubsets } from '../../src/render/png-fonts.js';
import { BUNDLED_FAMILY, fontsFor, SUBSET_FAMILY, svgCodePoints } from '../../src/render/png.js';
import { loadResvg } from '../../src/render/png-resvg.js';

type ResvgModule = typeof import('@resvg/resvg-js');
const { Resvg } = createRequire(import.meta.url)('@resvg/resvg-js') as ResvgModule;

/** The straight RGBA pixels of a PNG, whatever filters its rows use. */
function pixels(png: Uint8Array): { width: number; height: number; rgba: Buffer } {
  const bytes = Buffer.from(png);
  const idat: Buffer[] = [];
  let width = 0;
  let height = 0;
  for (let p = 8; p < bytes.length;) {
    const length = bytes.readUInt32BE(p);
    const type = bytes.toString('latin1', p + 4, p + 8);
    if (type === 'IHDR') [width, height] = [bytes.readUInt32BE(p + 8), bytes.readUInt32BE(p + 12)];
    if (type === 'IDAT') idat.push(bytes.subarray(p + 8, p + 8 + length));
    p += 12 + length;
  }
  const raw = zlib.inflateSync(Buffer.concat(idat));
  const stride = width * 4;
  const rgba = Buffer.alloc(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    for (let x = 0; x < stride; x++) {
      const left = x >= 4 ? rgba[y * stride + x - 4] : 0;
      const up = y > 0 ? rgba[(y - 1) * stride + x] : 0;
      const corner = x >= 4 && y > 0 ? rgba[(y - 1) * stride + x - 4] : 0;
      const paeth = () => {
        const p = left + up - corner;
        const [pa, pb, pc] = [Math.abs(p - left), Math.abs(p - up), Math.abs(p - corner)];
        return pa <= pb && pa <= pc ? left : pb <= pc ? up : corner;
      };
      const predictor = [0, left, up, (left + up) >> 1, filter === 4 ? paeth() : 0][filter];
      rgba[y * stride + x] = (raw[y * (stride + 1) + 1 + x] + predictor) & 0xff;
    }
  }
  return { width, height, rgba };
}

const svgOf = (body: string, width = 240, height = 60) => `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${body}</svg>`;

/** resvg with the whole bundled fonts and its own encoder: what renderPng must match pixel for pixel. */
function reference(svg: string): Uint8Array {
  const fonts = fontsFor(svg);
  const family = fonts[0].includes('Journeyflow') ? SUBSET_FAMILY : BUNDLED_FAMILY;
  return new Resvg(svg, { font: { fontFiles: fonts, loadSystemFonts: false, defaultFontFamily: family, sansSerifFamily: family }, shapeRendering: 2, textRendering: 1 }).render().asPng();
}

describe('PNG font subsets', () => {
  const text = (s: string, weight = 400) => `<text x="4" y="40" font-size="22" font-weight="${weight}" fill="#223344">${s}</text>`;
  it.each([
    ['Latin with ligature and kerning pairs', text('office fi AVATAR Wy.') + text('Tō', 700).replace('x="4"', 'x="200"')],
    ['common hanzi, bold and regular, with the journey ✓', text('售后服务 ✓ 回访') + text('龙', 700).replace('x="4"', 'x="200"')],
    ['a character outside the common subset (whole fonts as the source)', text('龘齉 café')],
    ['characters written as references', text('&#x9F98;&#40857; &amp; A')],
  ])('draws %s exactly as the whole fonts do', async (_, body) => {
    const svg = svgOf(body);
    const ours = pixels(await renderPng(svg));
    const theirs = pixels(reference(svg));
    expect([ours.width, ours.height]).toEqual([theirs.width, theirs.height]);
    expect(ours.rgba.equals(theirs.rgba)).toBe(true);
    // Something was drawn: not a blank picture that would match any other blank picture.
    expect(ours.rgba.equals(pixels(await renderPng(svgOf(''))).rgba)).toBe(false);
  });

  it('keeps only the outlines the text needs, every glyph id and table but the character map in place', () => {
    const [regular] = fontsFor('A');
    const source = fs.readFileSync(regular);
    const font = parseSubsettable(source)!;
    expect(font).toBeDefined();
    const subset = subsetFont(font, svgCodePoints('Abc 售后'), false);
    expect(subset.length).toBeLessThan(source.length / 4);
    const again = parseSubsettable(subset)!;
    expect(again.cff.outlines.length).toBe(font.cff.outlines.length);
    for (const ch of 'Abc售后') expect(again.glyphOf(ch.codePointAt(0)!)).toBe(font.glyphOf(ch.codePointAt(0)!));
    expect(again.glyphOf('龙'.codePointAt(0)!)).toBe(0);
    expect([...again.tables.keys()]).not.toContain('vmtx');
    expect([...parseSubsettable(subsetFont(font, [0x41], true))!.tables.keys()]).toContain('vmtx');
    // The same text gives the same bytes.
    expect(subsetFont(font, svgCodePoints('Abc 售后'), false).equals(subset)).toBe(true);
  });

  it('refuses what it cannot subset (not an OpenType CFF font), leaves no temporary files behind and sweeps those of dead processes', async () => {
    // A subset file left by a process that no longer runs (killed mid-render); a render sweeps such
    // files once per process (the test calls the sweep itself: an earlier file may have rendered).
    const deadPid = (await promisify(execFile)(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'])).stdout;
    const leftover = path.join(os.tmpdir(), `journeyflow-${deadPid}-1-0-JourneyflowSansHans-Regular.otf`);
    const ours = path.join(os.tmpdir(), `journeyflow-${process.pid}-1-0-JourneyflowSansHans-Regular.otf`);
    fs.writeFileSync(leftover, 'left behind');
    fs.writeFileSync(ours, 'still rendering');
    sweepLeftoverSubsets();
    expect(fs.existsSync(leftover)).toBe(false);
    expect(fs.existsSync(ours)).toBe(true);
    fs.rmSync(ours);
    expect(parseSubsettable(Buffer.from('not a font at all'))).toBeUndefined();
    const before = fs.readdirSync(os.tmpdir()).filter((f) => f.startsWith(`journeyflow-${process.pid}-`));
    await renderPng(svgOf(`<text x="4" y="40" font-size="22">x</text>`));
    expect(fs.readdirSync(os.tmpdir()).filter((f) => f.startsWith(`journeyflow-${process.pid}-`))).toEqual(before);
  });
});

describe('resvg-js loaded without its C library probe', () => {
  it('draws what resvg-js loaded its own way draws, with the options passed through', () => {
    const svg = svgOf('<circle cx="60" cy="30" r="20" fill="#123456" fill-opacity="0.5"/>');
    const options = { fitTo: { mode: 'zoom' as const, value: 3 }, background: '#fedcba' };
    const ours = new (loadResvg().Resvg)(svg, options).render();
    const theirs = new Resvg(svg, options).render();
    expect([ours.width, ours.height]).toEqual([720, 180]);
    expect(ours.pixels.equals(theirs.pixels)).toBe(true);
  });
});

describe('PNG encoder', () => {
  it('writes the pixels resvg-js\'s own encoder writes, translucent ones demultiplied the same way', async () => {
    // Every alpha level across, a colour per row, and a translucent circle over a transparent ground.
    const rows = Array.from({ length: 48 }, (_, y) => `<rect y="${y}" width="256" height="1" fill="rgb(${(y * 37) % 256},${(y * 91) % 256},${(y * 13 + 7) % 256})" mask="url(#m)"/>`).join('');
    const svg = svgOf(`<defs><linearGradient id="g"><stop offset="0" stop-color="#fff" stop-opacity="0"/><stop offset="1" stop-color="#fff"/></linearGradient><mask id="m"><rect width="256" height="48" fill="url(#g)"/></mask></defs>${rows}<circle cx="128" cy="24" r="20" fill="#123456" fill-opacity="0.37"/>`, 256, 64);
    const image = new Resvg(svg).render();
    const ours = pixels(await encodePng(image.pixels, image.width, image.height));
    const theirs = pixels(image.asPng());
    let translucent = 0;
    for (let i = 3; i < theirs.rgba.length; i += 4) if (theirs.rgba[i] > 0 && theirs.rgba[i] < 255) translucent++;
    expect(translucent).toBeGreaterThan(5000);
    expect([ours.width, ours.height]).toEqual([256, 64]);
    expect(ours.rgba.equals(theirs.rgba)).toBe(true);
  });

  // Taller than several compressed bands, with rows repeating the row above (written as "up") and rows that do not.
  const banded = () => {
    const svg = svgOf(`<rect x="10" y="10" width="300" height="120" rx="12" fill="#e8f0fe" stroke="#1a73e8" stroke-width="3"/><circle cx="200" cy="70" r="40" fill="#fbbc04" fill-opacity="0.6"/><text x="20" y="160" font-size="14">AVATAR 售后</text>`, 420, 180);
    const image = new Resvg(svg, { fitTo: { mode: 'zoom', value: 2 }, font: { fontFiles: fontsFor(svg), loadSystemFonts: false, defaultFontFamily: SUBSET_FAMILY } }).render();
    expect(image.height).toBeGreaterThan(4 * BAND_ROWS);
    return image;
  };
  const idatOf = (png: Buffer) => {
    const at = png.indexOf('IDAT', 0, 'latin1');
    return png.subarray(at + 4, at + 4 + png.readUInt32BE(at - 4));
  };

  it('compresses to the bytes of the reference zlib, so a PNG is the same on every machine', async () => {
    // Node's zlib is Chromium's fork, with code paths chosen by CPU; pako is a plain JavaScript
    // port of the reference zlib. Equal bytes here mean the committed PNGs do not depend on either.
    type PakoDeflate = { push(data: Uint8Array, flush: number): boolean; result: Uint8Array };
    const pako = createRequire(import.meta.url)('pako') as { inflate(data: Uint8Array): Uint8Array; Deflate: new (options: { level: number }) => PakoDeflate };
    // The reference zlib fed the same pieces as Node's stream: each band, then the finish.
    const reference: Compressor = async (count, bandBytes, fill) => {
      const deflate = new pako.Deflate({ level: 3 });
      const band = Buffer.alloc(bandBytes);
      for (let i = 0; i < count; i++) deflate.push(band.subarray(0, fill(i, band)), zlib.constants.Z_NO_FLUSH);
      deflate.push(new Uint8Array(0), zlib.constants.Z_FINISH);
      return Buffer.from(deflate.result);
    };
    const image = banded();
    const png = await encodePng(image.pixels, image.width, image.height);
    expect(png.equals(await encodePng(image.pixels, image.width, image.height, reference))).toBe(true);
    // One valid zlib stream: the reference inflater checks its Adler-32, combined from the bands'.
    const rows = Buffer.from(pako.inflate(idatOf(png)));
    expect(rows.length).toBe(image.height * (image.width * 4 + 1));
    expect(pixels(png).rgba.equals(pixels(image.asPng()).rgba)).toBe(true);
  });

  it('writes the same bytes on every run and however many threads libuv\'s pool has', async () => {
    const image = banded();
    const png = await encodePng(image.pixels, image.width, image.height);
    expect((await encodePng(image.pixels, image.width, image.height)).equals(png)).toBe(true);
    // Whole processes with one and with four threads in libuv's pool.
    const journey = path.join(ROOT, 'examples', 'retail-journey.journey.yaml');
    const built = await Promise.all(['1', '4'].map(async (threads) => {
      const out = tmpDir('jf-png-threads-');
      const run = await jfProcess(['build', journey, '-f', 'png', '-o', out, '-q'], { env: { UV_THREADPOOL_SIZE: threads } });
      expect(run.stderr).toBe('');
      return fs.readFileSync(path.join(out, 'retail-journey.journey.png'));
    }));
    expect(built[0].equals(built[1])).toBe(true);
  });
});
