import { wrapText } from '../../layout/text.js';
import type { Theme } from '../../render/themes.js';
import { textBlock } from '../../scene/text.js';
import type { SceneItem } from '../../scene/types.js';
import type { LayoutEnv } from '../types.js';
import { CELL_PAD, SMALL_SIZE, type Cell } from './cells.js';
import type { JourneyWords } from './labels.js';
import type { Evidence, JourneyModel, JourneyStep } from './model.js';

export const STEP_SIZE = 14;
const INSET = 8; // step box inset from its cell
const BOX_PAD = 10; // text inset inside the step box

function evidenceColour(e: Evidence, theme: Theme): string {
  return e === 'research' ? theme.opportunity.stroke : e === 'data' ? theme.accent : theme.pain.stroke;
}

function tooltip(model: JourneyModel, step: JourneyStep, words: JourneyWords): string {
  const parts = [step.label];
  if (step.actors.length) parts.push(step.actors.join(words.enumSep));
  const ch = step.channels.map((c) => model.channels.find((x) => x.id === c)?.label ?? c);
  if (ch.length) parts.push(ch.join(words.enumSep));
  if (step.evidence) parts.push(`${words.evidence[step.evidence]}${words.colon}${words.evidenceMeaning[step.evidence]}`);
  if (step.flow) parts.push(step.flow);
  if (step.responses.length) parts.push(`n = ${responsesText(model, step, words)}`);
  return parts.join('\n');
}

/** `12`, or `陈小姐 2、赵老师 1` per persona (by name, in the personas' order): how many answers the emotion rests on. */
function responsesText(model: JourneyModel, step: JourneyStep, words: JourneyWords): string {
  const plain = step.responses.find((r) => r.persona === undefined);
  const named = model.personas.flatMap((p) => step.responses.filter((r) => r.persona === p.id).map((r) => `${p.name} ${r.n}`));
  return [...(plain ? [String(plain.n)] : []), ...named].join(words.enumSep);
}

/**
 * The step's node group (SPEC §4): one rect whose geometry is the step's box, then its texts
 * (label, actors, evidence). Assumptions get a dashed outline so they stand out from research.
 */
export function stepCell(model: JourneyModel, step: JourneyStep, cellW: number, words: JourneyWords, env: LayoutEnv): Cell {
  const theme = env.theme;
  const textW = cellW - 2 * INSET - 2 * BOX_PAD;
  const label = wrapText(step.label, STEP_SIZE, textW, 'bold');
  const actors = step.actors.length ? wrapText(step.actors.join(' · '), SMALL_SIZE, textW, 'normal') : undefined;
  const evidence = step.evidence ? wrapText(`● ${words.evidence[step.evidence]}`, SMALL_SIZE, textW, 'normal', 1) : undefined;
  const blockH = label.height + (actors ? actors.height + 4 : 0) + (evidence ? evidence.height + 4 : 0);
  return {
    h: blockH + 2 * BOX_PAD + 2 * INSET,
    draw(x, y, w, h) {
      const box = { x: x + INSET, y: y + INSET, w: w - 2 * INSET, h: h - 2 * INSET };
      const cx = box.x + box.w / 2;
      let top = box.y + (box.h - blockH) / 2;
      const children: SceneItem[] = [
        { type: 'rect', ...box, rx: 8, fill: theme.node.fill, stroke: theme.node.stroke, strokeWidth: 1.5, dash: step.evidence === 'assumption' ? '5 3' : undefined, className: 'jf-shape' },
        textBlock(label, cx, top, { size: STEP_SIZE, weight: 'bold', fill: theme.text }, 'jf-label'),
      ];
      top += label.height + 4;
      if (actors) { children.push(textBlock(actors, cx, top, { size: SMALL_SIZE, fill: theme.mutedText }, 'jf-actors')); top += actors.height + 4; }
      if (evidence && step.evidence) children.push(textBlock(evidence, cx, top, { size: SMALL_SIZE, fill: evidenceColour(step.evidence, theme) }, 'jf-evidence'));
      const link = step.flow ? env.linkFor(step.flow) : undefined;
      return [{
        type: 'group',
        className: 'jf-node jf-step',
        attrs: { 'data-id': step.id, 'data-stage': step.stageId, ...(step.evidence ? { 'data-evidence': step.evidence } : {}) },
        tooltip: tooltip(model, step, words),
        link,
        children,
      }];
    },
  };
}

export const STEP_MIN_H = 64 + 2 * CELL_PAD;
