// Line charts over time: one line per series, shared tooltip per x.

import type { ChartConfiguration } from 'chart.js';
import { colorAt } from './chart-setup.js';
import type { Pivoted } from './pivot.js';

export function lineChart(
  data: Pivoted,
  options: {
    format?: (value: number) => string;
    formatLabel?: (label: string) => string;
    valueTitle?: string;
    /** A log value axis, so small series stay readable beside a large one. */
    logScale?: boolean;
  } = {},
): ChartConfiguration<'line'> {
  const format = options.format ?? ((v: number) => v.toLocaleString('en-US'));
  return {
    type: 'line',
    data: {
      labels: options.formatLabel ? data.labels.map(options.formatLabel) : [...data.labels],
      datasets: data.series.map((s, i) => ({
        label: s.label,
        data: [...s.data],
        borderColor: colorAt(i),
        backgroundColor: colorAt(i),
        borderWidth: 2,
        pointRadius: data.labels.length > 40 ? 0 : 2,
        tension: 0.2,
        spanGaps: true,
      })),
    },
    options: {
      interaction: { mode: 'index', intersect: false },
      plugins: {
        legend: { display: data.series.length > 1, position: 'bottom' },
        tooltip: { callbacks: { label: (item) => `${item.dataset.label}: ${format(Number(item.raw))}` } },
      },
      scales: {
        y: {
          type: options.logScale ? 'logarithmic' : 'linear',
          beginAtZero: !options.logScale,
          title: { display: Boolean(options.valueTitle), text: options.valueTitle ?? '' },
          ticks: { callback: (value) => format(Number(value)) },
        },
        x: { grid: { display: false }, ticks: { maxRotation: 0, autoSkipPadding: 12 } },
      },
    },
  };
}
