/** Literal colours only (no CSS variables), so every SVG viewer draws the same picture. */
export interface Theme {
  name: string;
  background: string;
  text: string;
  mutedText: string;
  title: string;
  border: string;
  edge: string;
  edgeLabelBg: string;
  node: { fill: string; stroke: string };
  terminal: { fill: string; stroke: string };
  decision: { fill: string; stroke: string };
  subprocess: { fill: string; stroke: string };
  data: { fill: string; stroke: string };
  lane: { fills: [string, string]; header: string; headerText: string; stroke: string };
  accent: string;
  pain: { fill: string; stroke: string; text: string };
  opportunity: { fill: string; stroke: string; text: string };
  thought: { fill: string; stroke: string; text: string };
  chip: { fill: string; stroke: string; text: string };
  bottleneck: string;
  /** Emotion colours from very bad (1) to very good (5). */
  emotion: [string, string, string, string, string];
  /** Distinct series colours (personas, categories). */
  series: string[];
}

const light: Theme = {
  name: 'default',
  background: '#ffffff',
  text: '#1f2937',
  mutedText: '#4b5563',
  title: '#111827',
  border: '#d1d5db',
  edge: '#475569',
  edgeLabelBg: '#ffffff',
  node: { fill: '#eef4ff', stroke: '#3b6fd8' },
  terminal: { fill: '#e7f6ec', stroke: '#2f8f4e' },
  decision: { fill: '#fff6e0', stroke: '#c98a00' },
  subprocess: { fill: '#f1ecff', stroke: '#6d4bd1' },
  data: { fill: '#eaf7f7', stroke: '#1f8a8a' },
  lane: { fills: ['#f8fafc', '#f1f5f9'], header: '#e2e8f0', headerText: '#1e293b', stroke: '#cbd5e1' },
  accent: '#3b6fd8',
  pain: { fill: '#fdecec', stroke: '#d64545', text: '#7f1d1d' },
  opportunity: { fill: '#e8f7ee', stroke: '#2f8f4e', text: '#14532d' },
  thought: { fill: '#f5f3ff', stroke: '#8b7fd6', text: '#3b2f7a' },
  chip: { fill: '#eef2f7', stroke: '#94a3b8', text: '#1e293b' },
  bottleneck: '#d64545',
  emotion: ['#c62828', '#ef6c00', '#9e9d24', '#43a047', '#1b7f3b'],
  series: ['#2563eb', '#d9480f', '#7c3aed', '#0f766e', '#be185d'],
};

const dark: Theme = {
  ...light,
  name: 'dark',
  background: '#0f172a',
  text: '#e2e8f0',
  mutedText: '#94a3b8',
  title: '#f8fafc',
  border: '#334155',
  edge: '#94a3b8',
  edgeLabelBg: '#0f172a',
  node: { fill: '#1e293b', stroke: '#60a5fa' },
  terminal: { fill: '#14291d', stroke: '#4ade80' },
  decision: { fill: '#2b2411', stroke: '#fbbf24' },
  subprocess: { fill: '#221a3d', stroke: '#a78bfa' },
  data: { fill: '#0f2b2b', stroke: '#2dd4bf' },
  lane: { fills: ['#111c33', '#16223b'], header: '#1e293b', headerText: '#e2e8f0', stroke: '#334155' },
  accent: '#60a5fa',
  pain: { fill: '#3b1515', stroke: '#f87171', text: '#fecaca' },
  opportunity: { fill: '#12301f', stroke: '#4ade80', text: '#bbf7d0' },
  thought: { fill: '#231d45', stroke: '#a78bfa', text: '#ddd6fe' },
  chip: { fill: '#1e293b', stroke: '#64748b', text: '#e2e8f0' },
  bottleneck: '#f87171',
  emotion: ['#f87171', '#fb923c', '#facc15', '#4ade80', '#22c55e'],
  series: ['#60a5fa', '#fb923c', '#c084fc', '#2dd4bf', '#f472b6'],
};

const neutral: Theme = {
  ...light,
  name: 'neutral',
  text: '#111111',
  mutedText: '#444444',
  title: '#000000',
  edge: '#333333',
  node: { fill: '#ffffff', stroke: '#333333' },
  terminal: { fill: '#f2f2f2', stroke: '#333333' },
  decision: { fill: '#ffffff', stroke: '#333333' },
  subprocess: { fill: '#f7f7f7', stroke: '#333333' },
  data: { fill: '#ffffff', stroke: '#333333' },
  lane: { fills: ['#ffffff', '#f5f5f5'], header: '#e5e5e5', headerText: '#111111', stroke: '#999999' },
  accent: '#333333',
  series: ['#222222', '#666666', '#444444', '#888888', '#000000'],
};

const highContrast: Theme = {
  ...light,
  name: 'high-contrast',
  text: '#000000',
  mutedText: '#000000',
  title: '#000000',
  border: '#000000',
  edge: '#000000',
  node: { fill: '#ffffff', stroke: '#000000' },
  terminal: { fill: '#ffffff', stroke: '#000000' },
  decision: { fill: '#ffff00', stroke: '#000000' },
  subprocess: { fill: '#ffffff', stroke: '#000000' },
  data: { fill: '#ffffff', stroke: '#000000' },
  lane: { fills: ['#ffffff', '#eeeeee'], header: '#000000', headerText: '#ffffff', stroke: '#000000' },
  accent: '#0000cc',
  series: ['#0000cc', '#cc0000', '#006600', '#660066', '#000000'],
};

export const BUILTIN_THEMES: Record<string, Theme> = { default: light, dark, neutral, 'high-contrast': highContrast };

export const FONT_FAMILY = "'Noto Sans S Chinese', 'Noto Sans SC', 'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', 'Microsoft YaHei', 'Helvetica Neue', Arial, sans-serif";

/** A built-in theme by its own name: `theme: constructor` must not find Object.prototype.constructor. */
export function builtinTheme(name: string | undefined): Theme | undefined {
  const key = name ?? 'default';
  return Object.hasOwn(BUILTIN_THEMES, key) ? BUILTIN_THEMES[key] : undefined;
}
