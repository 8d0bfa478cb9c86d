import { wrapText } from '../../layout/text.js';
import { FONT_FAMILY } from '../../render/themes.js';
import { r1 } from '../../scene/geometry.js';
import { textBlock } from '../../scene/text.js';
import type { Scene, SceneItem } from '../../scene/types.js';
import type { LayoutEnv } from '../types.js';
import { CELL_PAD, chipFlow, COL_W, EMPTY_CELL, needsPanel, noteStack, thoughtBubble, type Cell } from './cells.js';
import { EMOTION_H, emotionItems, emotionLegend, emotionSeries } from './emotion.js';
import { personaCards, titleBand } from './frame.js';
import { blueprintLine, FUNNEL_H, funnelBand, measureHeaders, stageGroups, type BlueprintLine, type Column } from './grid.js';
import { kpiStack } from './kpi-cell.js';
import { wordsFor, type JourneyWords } from './labels.js';
import { allSteps, type JourneyLane, type JourneyModel } from './model.js';
import { stepCell } from './step-cell.js';
import { journeyLegend } from './legend.js';
import { appendLegend } from '../../scene/legend.js';

const PAD = 24;
export const LABEL_W = 132;
const ROW_LABEL_SIZE = 13;
const MIN_ROW_H = 52;
const PER_STAGE: ReadonlySet<JourneyLane> = new Set(['needs', 'kpis']);
const LINE_ABOVE: Partial<Record<JourneyLane, BlueprintLine>> = { frontstage: 'interaction', backstage: 'visibility', support: 'internal' };

interface Row {
  lane: JourneyLane;
  y: number;
  h: number;
  /** Cells by step (per-step lanes) or by stage (needs, kpis), with the x range each covers. */
  cells: Array<{ x: number; w: number; cell: Cell; step?: string }>;
}

function laneCell(lane: JourneyLane, model: JourneyModel, col: Column, i: number, env: LayoutEnv, words: JourneyWords): Cell {
  const theme = env.theme;
  const inner = COL_W - 2 * CELL_PAD;
  const step = col.cells[i]?.step;
  if (!step) return EMPTY_CELL;
  switch (lane) {
    case 'steps': return stepCell(model, step, COL_W, words, env);
    case 'channels': return chipFlow(step.channels.map((id) => ({ id, label: model.channels.find((c) => c.id === id)?.label ?? id })), inner, theme);
    case 'thoughts': return thoughtBubble(step.thought, inner, theme);
    case 'pains': return noteStack(step.pains, inner, theme.pain, 'jf-pain', { prefix: '⚠ ' });
    case 'opportunities': return noteStack(step.opportunities, inner, theme.opportunity, 'jf-opportunity', { prefix: '✓ ', rx: 10 });
    case 'frontstage': return noteStack(step.frontstage, inner, theme.chip, 'jf-frontstage', { rx: 2 });
    case 'backstage': return noteStack(step.backstage, inner, { fill: theme.background, stroke: theme.chip.stroke, text: theme.chip.text }, 'jf-backstage', { rx: 2 });
    case 'support': return noteStack(step.support, inner, { fill: theme.background, stroke: theme.chip.stroke, text: theme.mutedText }, 'jf-support', { rx: 2, dash: '4 2' });
    default: return EMPTY_CELL;
  }
}

function stageCell(lane: JourneyLane, col: Column, env: LayoutEnv, words: JourneyWords): Cell {
  const inner = col.w - 2 * CELL_PAD;
  return lane === 'needs' ? needsPanel(col.stage.needs, inner, env.theme) : kpiStack(col.stage.kpis, inner, env.theme, words);
}

/** Columns left to right: each stage as wide as its steps (an empty stage keeps one cell). */
function columnsOf(model: JourneyModel, x0: number): Column[] {
  let x = x0;
  return model.stages.map((stage, index) => {
    const w = Math.max(1, stage.steps.length) * COL_W;
    const col: Column = { stage, index, x, w, cells: stage.steps.map((step, i) => ({ step, x: x + i * COL_W, w: COL_W })) };
    x += w;
    return col;
  });
}

function rowLabelCell(row: Row, label: string, x: number, env: LayoutEnv, lineLabelRoom: number, extra: SceneItem[] = []): SceneItem {
  const text = wrapText(label, ROW_LABEL_SIZE, LABEL_W - 20, 'bold', 4);
  return {
    type: 'group',
    className: 'jf-row-label',
    children: [
      { type: 'rect', x, y: row.y, w: LABEL_W, h: row.h, fill: env.theme.lane.header, stroke: env.theme.lane.stroke, strokeWidth: 1, className: 'jf-row-label-box' },
      textBlock(text, x + 10, row.y + 10 + lineLabelRoom, { size: ROW_LABEL_SIZE, weight: 'bold', fill: env.theme.lane.headerText, anchor: 'start' }),
      ...extra,
    ],
  };
}

/** The journey grid: title band, persona cards, stage columns with header bands, one row per lane. */
export async function layoutJourney(model: JourneyModel, env: LayoutEnv): Promise<Scene> {
  const theme = env.theme;
  const words = wordsFor(model);
  const gridX = PAD + LABEL_W;
  const columns = columnsOf(model, gridX);
  const gridW = columns.reduce((a, c) => a + c.w, 0);
  const width = gridX + gridW + PAD;
  const fullW = width - 2 * PAD;
  const series = emotionSeries(model, theme);
  const items: SceneItem[] = [];

  let y = PAD;
  const title = titleBand(model, PAD, y, fullW, theme);
  y += title.h + 14;
  const cards = personaCards(model, series, PAD, y, fullW, theme, words);
  if (cards.h) y += cards.h + 14;

  const gridTop = y;
  const headers = measureHeaders(columns, !model.lanes.includes('needs'));
  y += headers.h;
  const hasFunnel = model.stages.some((s) => s.volume !== undefined);
  const funnelY = y;
  if (hasFunnel) y += FUNNEL_H;

  const rows: Row[] = [];
  for (const lane of model.lanes) {
    const cells: Row['cells'] = [];
    for (const col of columns) {
      if (PER_STAGE.has(lane)) cells.push({ x: col.x, w: col.w, cell: stageCell(lane, col, env, words) });
      else col.cells.forEach((c, i) => cells.push({ x: c.x, w: c.w, cell: laneCell(lane, model, col, i, env, words), step: c.step.id }));
    }
    const lineRoom = LINE_ABOVE[lane] ? 18 : 0;
    const labelH = wrapText(words.lanes[lane], ROW_LABEL_SIZE, LABEL_W - 20, 'bold', 4).height + 20 + lineRoom;
    const legendH = lane === 'emotion' ? emotionLegend(series, 0, 0, LABEL_W - 20, theme).h + 8 : 0;
    const h = lane === 'emotion' ? Math.max(EMOTION_H, labelH + legendH + 8) : Math.max(MIN_ROW_H, labelH, ...cells.map((c) => c.cell.h));
    rows.push({ lane, y, h: Math.ceil(h), cells });
    y += Math.ceil(h);
  }
  const gridBottom = y;

  items.push(...title.items, ...cards.items);
  items.push(...stageGroups(columns, headers, gridTop, gridBottom, theme));
  // Label cells of the header and funnel bands.
  items.push(rowLabelCell({ lane: 'steps', y: gridTop, h: headers.h, cells: [] }, words.stage, PAD, env, 0));
  if (hasFunnel) {
    items.push(rowLabelCell({ lane: 'steps', y: funnelY, h: FUNNEL_H, cells: [] }, words.funnel, PAD, env, 0));
    items.push(...funnelBand(columns, funnelY, theme, words, model.locale));
  }
  const stepCenters = allSteps(model).map((step) => {
    const c = columns.flatMap((col) => col.cells).find((cell) => cell.step === step)!;
    return { step, cx: c.x + c.w / 2 };
  });
  const lines: SceneItem[] = [];
  for (const row of rows) {
    const children: SceneItem[] = [];
    const line = LINE_ABOVE[row.lane];
    const legend = row.lane === 'emotion' ? emotionLegend(series, PAD + 10, row.y + 34, LABEL_W - 20, theme).items : [];
    children.push(rowLabelCell(row, words.lanes[row.lane], PAD, env, line ? 18 : 0, legend));
    children.push({ type: 'path', d: `M${r1(PAD)},${r1(row.y + row.h)} H${r1(width - PAD)}`, stroke: theme.lane.stroke, strokeWidth: 1, className: 'jf-row-rule' });
    if (row.lane === 'emotion') children.push(...emotionItems({ model, steps: stepCenters, y: row.y, h: row.h, gridX, gridW, theme }));
    else {
      for (const c of row.cells) {
        const drawn = c.cell.draw(c.x, row.y, c.w, row.h);
        // A step's cell in any row names its step, so styles, scripts and diff pictures can find it.
        if (c.step !== undefined && drawn.length) children.push({ type: 'group', className: 'jf-cell', attrs: { 'data-step': c.step }, children: drawn });
        else children.push(...drawn);
      }
    }
    items.push({ type: 'group', className: `jf-row jf-row-${row.lane}`, attrs: { 'data-lane': row.lane }, children });
    if (line) lines.push(blueprintLine(line, words.lines[line], PAD, width - PAD, LABEL_W, row.y, theme));
  }
  items.push(...lines);

  const stepCount = allSteps(model).length;
  const scene: Scene = {
    kind: 'journey',
    id: model.id,
    title: model.title || model.id,
    description: model.description || words.summary.journey(model.stages.length, stepCount),
    width,
    height: gridBottom + PAD,
    background: theme.background,
    fontFamily: FONT_FAMILY,
    markers: [],
    items,
  };
  return model.legend ? appendLegend(scene, words.legend, journeyLegend(model, words, theme), theme) : scene;
}
