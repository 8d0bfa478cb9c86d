import { csvPass } from './src/discover/csv-pass.js';
import { flowYaml } from './src/discover/flow-yaml.js';
import { XES_COLUMNS } from './src/discover/log.js';
import { checkSource } from './src/compile.js';
const dfg = await csvPass({ file: '/tmp/jf-discover-work/small.csv', display: 'small.csv', columns: { ...XES_COLUMNS, end: process.argv[2] || undefined }, laneNamed: false });
const text = flowYaml(dfg, { source: 'small.csv', hasEnd: !!process.argv[2], filter: { minFrequency: Number(process.argv[3] || 1), topPaths: process.argv[4] ? Number(process.argv[4]) : undefined } });
console.log(text);
console.log(checkSource(text, { file: 'x.flow.yaml' }).diagnostics);
