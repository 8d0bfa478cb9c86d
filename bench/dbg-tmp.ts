import fs from 'node:fs';
import { flowModel, measureFlow, variant } from './routing-metrics.js';
// @ts-expect-error js
import { generateFlow } from './generate.mjs';
const yaml = process.argv[2] === 'gen' ? generateFlow(Number(process.argv[3]), 0) : fs.readFileSync(process.argv[2], 'utf8');
const m = await measureFlow('x', flowModel(variant(yaml, process.argv[4] ?? 'TB', true)));
for (const e of m.edges) console.log(e.from, e.to, JSON.stringify(e.points), e.bends, e.detour);
import { placeFlow } from '../src/kinds/flow/layout.js';
const p = await placeFlow(flowModel(variant(yaml, process.argv[4] ?? 'TB', true)));
for (const id of ['n1','n2','n3','n4','n13']) console.log(id, p.placement.nodes.get(id));
