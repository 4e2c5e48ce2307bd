/** The chart's colours (each line at least 3:1 against white; fills are light washes). */
export const CHART_COLOURS = {
  value: '#1d4ed8',
  baseline: '#475569',
  target: '#15803d',
  axis: '#334155',
  grid: '#e2e8f0',
  window: {
    baseline: 'rgba(71, 85, 105, 0.12)',
    evaluation: 'rgba(29, 78, 216, 0.10)',
    'follow-up': 'rgba(124, 58, 237, 0.12)',
    open: 'rgba(202, 138, 4, 0.18)',
  },
  verdict: {
    met: '#15803d',
    'not-met': '#b91c1c',
    inconclusive: '#a16207',
    regression: '#b91c1c',
    none: '#475569',
  },
} as const;
