import type { Scene } from '../../scene/types.js';
import type { LayoutEnv } from '../types.js';
import { captionsFor, measureState, measureTransition, type StateCard } from './measure.js';
import type { LifecycleModel } from './model.js';
import { placeLifecycle } from './place.js';
import { lifecycleScene } from './scene.js';

/** Measures every card from its wrapped text, lets ELK place them, then styles the result. */
export async function layoutLifecycle(model: LifecycleModel, env: LayoutEnv): Promise<Scene> {
  const captions = captionsFor(model);
  const cards = new Map<string, StateCard>(model.states.map((s) => [s.id, measureState(s, model.total, captions)]));
  const labels = model.transitions.map((t) => measureTransition(t));
  const placement = await placeLifecycle(model, cards, labels);
  return lifecycleScene(model, placement, cards, env);
}
