import type { Scene } from '../../scene/types.js';
import type { LayoutEnv, LayoutOptions } from '../types.js';
import { wordsOf } from '../../model/locale.js';
import { appendLegend } from '../../scene/legend.js';
import { measureState, measureTransition, type StateCard } from './measure.js';
import { drawnLifecycle, type LifecycleModel } from './model.js';
import { placeLifecycle } from './place.js';
import { lifecycleLegend, lifecycleScene } from './scene.js';

/** A card `by` wider, its texts and meter moved right by half of it so they stay centred. */
function widened(card: StateCard, by: number): StateCard {
  const dx = by / 2;
  return { ...card, w: card.w + by, texts: card.texts.map((t) => ({ ...t, dx: t.dx + dx })), meter: card.meter ? { ...card.meter, dx: card.meter.dx + dx } : undefined };
}

/** Measures every card from its wrapped text, lets ELK place them, then styles the result. */
export async function layoutLifecycle(source: LifecycleModel, env: LayoutEnv, options: LayoutOptions = {}): Promise<Scene> {
  const model = drawnLifecycle(source);
  const words = wordsOf(model.locale);
  const widen = options.widenBoxes;
  const cards = new Map<string, StateCard>(model.states.map((s) => {
    const card = measureState(s, model.total, words, model.locale);
    return [s.id, widen?.ids.has(s.id) ? widened(card, widen.by) : card];
  }));
  const labels = model.transitions.map((t) => measureTransition(t));
  const placement = await placeLifecycle(model, cards, labels);
  const scene = lifecycleScene(model, placement, cards, env);
  return model.legend ? appendLegend(scene, words.legend, lifecycleLegend(model, env.theme), env.theme) : scene;
}
