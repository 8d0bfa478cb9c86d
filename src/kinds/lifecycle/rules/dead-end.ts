import type { Rule } from '../../types.js';
import { outgoing } from '../../../validate/edge-report.js';
import type { LifecycleModel } from '../model.js';

export const deadEnd: Rule<LifecycleModel> = {
  id: 'dead-end',
  // A warning, not an error: a tier map may well have a top tier (VIP) that customers only leave by
  // churning, and SPEC's own example draws one. `--strict` turns it into an error.
  severity: 'warning',
  description: 'A state that is not final needs a transition out of it, or customers are stuck there.',
  check(model, ctx) {
    // A loop back into the same state is no way out.
    const out = outgoing(model.transitions.filter((t) => t.from !== t.to));
    for (const s of model.states) {
      if (!s.final && !out.has(s.id)) ctx.report([...s.path, 'id'], `state "${s.id}" has no transition out of it; add one or mark it \`final: true\``);
    }
  },
};
