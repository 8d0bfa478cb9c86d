import type { Evidence, JourneyLane, JourneyModel } from './model.js';

/** Words the map itself prints: Chinese maps get Chinese row labels, others English. */
export interface JourneyWords {
  lanes: Record<JourneyLane, string>;
  stage: string;
  funnel: string;
  goals: string;
  frustrations: string;
  target: string;
  largestDrop: string;
  evidence: Record<Evidence, string>;
  lines: { interaction: string; visibility: string; internal: string };
}

const ZH: JourneyWords = {
  lanes: {
    needs: '需求与期望', steps: '客户行为', channels: '接触点', emotion: '情绪曲线', thoughts: '客户想法', pains: '痛点',
    opportunities: '改进机会', frontstage: '前台行为', backstage: '后台行为', support: '支持系统', kpis: '关键指标',
  },
  stage: '阶段',
  funnel: '转化漏斗',
  goals: '目标',
  frustrations: '困扰',
  target: '目标',
  largestDrop: '最大流失',
  evidence: { research: '调研', data: '数据', assumption: '假设' },
  lines: { interaction: '互动线', visibility: '可视线', internal: '内部互动线' },
};

const EN: JourneyWords = {
  lanes: {
    needs: 'Needs', steps: 'Customer actions', channels: 'Touchpoints', emotion: 'Emotion', thoughts: 'Thoughts', pains: 'Pain points',
    opportunities: 'Opportunities', frontstage: 'Frontstage', backstage: 'Backstage', support: 'Support processes', kpis: 'KPIs',
  },
  stage: 'Stage',
  funnel: 'Funnel',
  goals: 'Goals',
  frustrations: 'Frustrations',
  target: 'target',
  largestDrop: 'largest drop',
  evidence: { research: 'research', data: 'data', assumption: 'assumption' },
  lines: { interaction: 'line of interaction', visibility: 'line of visibility', internal: 'line of internal interaction' },
};

const CJK = /[\u3400-\u9fff\uf900-\ufaff]/;

export function wordsFor(model: JourneyModel): JourneyWords {
  const sample = [model.title, ...model.stages.map((s) => s.label), ...model.stages.flatMap((s) => s.steps.map((st) => st.label))].join('');
  return CJK.test(sample) ? ZH : EN;
}
