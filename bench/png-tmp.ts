import fs from 'node:fs';
import { compile } from '../src/compile.js';
import { renderPng } from '../src/render/png.js';
import { variant } from './routing-metrics.js';
// @ts-expect-error js
import { generateFlow } from './generate.mjs';
// usage: src (file|gen:N:L) direction laneless(0/1) out.png
const [src, dir, laneless, out] = process.argv.slice(2);
const yaml = src.startsWith('gen:') ? generateFlow(Number(src.split(':')[1]), Number(src.split(':')[2])) : fs.readFileSync(src, 'utf8');
const file = src.startsWith('gen:') ? '/work/wt/quality/examples/g.flow.yaml' : src;
const r = await compile(variant(yaml, dir, laneless === '1'), { file, absPath: file, root: '/work/wt/quality/examples' });
fs.writeFileSync(out, await renderPng(r.diagrams[0].svg, { scale: 1 }));
