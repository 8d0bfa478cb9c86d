import { WORDS, type Words } from '../../model/locale.js';
import type { JourneyLane, JourneyModel } from './model.js';

/** Words only a journey map prints (row names, the blueprint lines), on top of every kind's words. */
interface JourneyOnlyWords {
  lanes: Record<JourneyLane, string>;
  stage: string;
  funnel: string;
  goals: string;
  frustrations: string;
  lines: { interaction: string; visibility: string; internal: string };
  /** The five emotion markers, worst to best, as the legend names them. */
  moods: [string, string, string, string, string];
  evidenceMeaning: { research: string; data: string; assumption: string };
  txt: { stage: string; step: string; emotion: string; emotionBar: string; kpi: string; value: string; target: string; status: string };
  /** What a diff calls the journey's own fields (the rows' names where a field fills a row), and one persona's score. */
  fields: Readonly<Record<string, string>>;
  personaEmotion: (persona: string) => string;
}

export type JourneyWords = Words & JourneyOnlyWords;

const ZH_LANES: Record<JourneyLane, string> = {
  needs: '需求与期望', steps: '客户行为', channels: '接触点', emotion: '情绪曲线', thoughts: '客户想法', pains: '痛点',
  opportunities: '改进机会', frontstage: '前台行为', backstage: '后台行为', support: '支持系统', kpis: '关键指标',
};

const ZH: JourneyOnlyWords = {
  lanes: ZH_LANES,
  stage: '阶段',
  funnel: '转化漏斗',
  goals: '目标',
  frustrations: '困扰',
  lines: { interaction: '互动线', visibility: '可视线', internal: '内部互动线' },
  moods: ['很差', '较差', '一般', '较好', '很好'],
  evidenceMeaning: { research: '有用户调研依据', data: '有业务数据依据', assumption: '未经验证（虚线框）' },
  txt: { stage: '阶段', step: '步骤', emotion: '情绪', emotionBar: '█ 情绪分数，满格为最好', kpi: '指标', value: '当前', target: '目标', status: '达成' },
  fields: {
    needs: ZH_LANES.needs, channels: ZH_LANES.channels, thought: ZH_LANES.thoughts, pains: ZH_LANES.pains, opportunities: ZH_LANES.opportunities,
    frontstage: ZH_LANES.frontstage, backstage: ZH_LANES.backstage, support: ZH_LANES.support, kpis: ZH_LANES.kpis,
    actors: '参与者', evidence: '依据', flow: '关联流程', goals: '目标', frustrations: '困扰', scale: '情绪刻度', rows: '行', emotion: '情绪',
  },
  personaEmotion: (p) => `情绪（${p}）`,
};

const EN: JourneyOnlyWords = {
  lanes: {
    needs: 'Needs', steps: 'Customer actions', channels: 'Touchpoints', emotion: 'Emotion', thoughts: 'Thoughts', pains: 'Pain points',
    opportunities: 'Opportunities', frontstage: 'Frontstage', backstage: 'Backstage', support: 'Support processes', kpis: 'KPIs',
  },
  stage: 'Stage',
  funnel: 'Funnel',
  goals: 'Goals',
  frustrations: 'Frustrations',
  lines: { interaction: 'line of interaction', visibility: 'line of visibility', internal: 'line of internal interaction' },
  moods: ['very bad', 'bad', 'neutral', 'good', 'very good'],
  evidenceMeaning: { research: 'backed by research', data: 'backed by data', assumption: 'not verified (dashed box)' },
  txt: { stage: 'stage', step: 'step', emotion: 'emotion', emotionBar: '█ emotion score, full bar = best', kpi: 'KPI', value: 'now', target: 'target', status: 'status' },
  // English field names are the document's own keys, as for every kind.
  fields: {},
  personaEmotion: (p) => `emotion (${p})`,
};

const JOURNEY: Record<keyof typeof WORDS, JourneyOnlyWords> = { 'zh-CN': ZH, en: EN };

/** The map's words in its locale: the shared ones (targets, evidence, legend) and the journey's own. */
export function wordsFor(model: JourneyModel): JourneyWords {
  return { ...WORDS[model.locale], ...JOURNEY[model.locale] };
}
