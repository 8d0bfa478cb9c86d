import type { Rule } from '../../types.js';
import { reachableFrom } from '../../../validate/edge-report.js';
import type { LifecycleModel } from '../model.js';

export const unreachableNode: Rule<LifecycleModel> = {
  id: 'unreachable-node',
  severity: 'error',
  description: 'Every state must be reachable by transitions from an initial state (the first state unless some say `initial: true`).',
  check(model, ctx) {
    const starts = model.states.filter((s) => s.initial).map((s) => s.id);
    // Reachability, not just "has an incoming transition": two states feeding only each other are cut off too.
    const reached = reachableFrom(starts, model.transitions);
    for (const s of model.states) {
      if (!reached.has(s.id)) ctx.report([...s.path, 'id'], `state "${s.id}" cannot be reached from the initial state; add a transition into it or mark it \`initial: true\``);
    }
  },
};
