import type { Rule } from '../../types.js';
import { didYouMean } from '../../../validate/schema.js';
import { reportUnknownEnds } from '../../../validate/edge-report.js';
import type { FlowModel } from '../model.js';

export const unknownReference: Rule<FlowModel> = {
  id: 'unknown-reference',
  severity: 'error',
  description: 'Edges must join existing nodes, nodes must name a declared lane, and a subprocess ref must name a flow file inside the tree.',
  check(model, ctx) {
    reportUnknownEnds(ctx, model.edges, model.nodes.map((n) => n.id), { edge: 'edge', node: 'node', within: 'this flow' });
    const laneIds = model.lanes.map((l) => l.id);
    const lanes = new Set(laneIds);
    for (const n of model.nodes) {
      if (n.lane !== undefined && !lanes.has(n.lane)) {
        ctx.report([...n.path, 'lane'], `lane "${n.lane}" of node "${n.id}" is not declared under lanes${didYouMean(n.lane, laneIds, '; this flow declares no lanes')}`);
      }
      if (n.ref !== undefined) {
        const check = ctx.checkReference(n.ref);
        if (!check.ok) ctx.report([...n.path, 'ref'], `subprocess ref "${n.ref}" ${check.reason}`);
      }
    }
  },
};
