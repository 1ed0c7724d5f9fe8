// Bar charts: ranked horizontal bars, histograms, grouped or stacked bars.

import type { ChartConfiguration } from 'chart.js';
import { colorAt } from './chart-setup.js';

export interface BarSeries {
  readonly label: string;
  readonly data: readonly (number | null)[];
  /** One colour, or one per bar. */
  readonly color?: string | readonly string[];
}

export interface BarChartOptions {
  readonly labels: readonly string[];
  readonly series: readonly BarSeries[];
  readonly horizontal?: boolean;
  readonly stacked?: boolean;
  /** A log value axis, for counts spanning orders of magnitude. */
  readonly logScale?: boolean;
  readonly format?: (value: number) => string;
  readonly valueTitle?: string;
  readonly categoryTitle?: string;
}

export function barChart(options: BarChartOptions): ChartConfiguration<'bar'> {
  const format = options.format ?? ((v: number) => v.toLocaleString('en-US'));
  const valueAxis = options.horizontal ? 'x' : 'y';
  const categoryAxis = options.horizontal ? 'y' : 'x';
  return {
    type: 'bar',
    data: {
      labels: [...options.labels],
      datasets: options.series.map((s, i) => ({
        label: s.label,
        data: [...s.data],
        backgroundColor:
          typeof s.color === 'string' || s.color === undefined ? (s.color ?? colorAt(i)) : [...s.color],
        borderRadius: 3,
        maxBarThickness: 36,
      })),
    },
    options: {
      indexAxis: categoryAxis,
      interaction: { mode: 'index', axis: categoryAxis },
      plugins: {
        legend: { display: options.series.length > 1, position: 'bottom' },
        tooltip: {
          callbacks: {
            label: (item) => `${item.dataset.label}: ${format(Number(item.raw))}`,
          },
        },
      },
      scales: {
        [valueAxis]: {
          type: options.logScale ? 'logarithmic' : 'linear',
          stacked: options.stacked ?? false,
          beginAtZero: !options.logScale,
          title: { display: Boolean(options.valueTitle), text: options.valueTitle ?? '' },
          ticks: { callback: (value) => format(Number(value)) },
        },
        [categoryAxis]: {
          stacked: options.stacked ?? false,
          grid: { display: false },
          title: { display: Boolean(options.categoryTitle), text: options.categoryTitle ?? '' },
          ticks: { autoSkip: !options.horizontal },
        },
      },
    },
  };
}
