// The forecast chart: recent actual revenue, then the forecast with its 95% and 80% intervals
// as shaded bands (each band fills from its lower to its upper bound).

import type { ChartConfiguration } from 'chart.js';
import { formatDay, formatMoney } from '../format.js';
import { withAlpha } from './chart-setup.js';

export interface ActualDay {
  readonly date: string;
  readonly revenue: number;
}

export interface ForecastDay {
  readonly date: string;
  readonly forecast: number;
  readonly lower80: number;
  readonly upper80: number;
  readonly lower95: number;
  readonly upper95: number;
}

const ACTUAL = '#334155';
const FORECAST = '#0072b2';
const DAY_MS = 86_400_000;

/** Days without sales between the first and last actual day count as zero revenue. */
export function forecastChart(
  actual: readonly ActualDay[],
  forecast: readonly ForecastDay[],
): ChartConfiguration<'line'> {
  const revenueOn = new Map(actual.map((d) => [d.date, d.revenue]));
  const forecastOn = new Map(forecast.map((d) => [d.date, d]));
  const first = actual[0]?.date ?? forecast[0]?.date;
  const last = forecast.at(-1)?.date ?? actual.at(-1)?.date;
  const lastActual = actual.at(-1)?.date ?? '';
  const days = first && last ? dayRange(first, last) : [];
  const band = (pick: (d: ForecastDay) => number) =>
    days.map((day) => {
      const f = forecastOn.get(day);
      return f ? pick(f) : null;
    });
  return {
    type: 'line',
    data: {
      labels: days.map((d) => formatDay(d, { weekday: false })),
      datasets: [
        { label: 'lower 95%', data: band((d) => d.lower95), borderWidth: 0, pointRadius: 0, fill: false },
        {
          label: '95% interval',
          data: band((d) => d.upper95),
          borderWidth: 0,
          pointRadius: 0,
          fill: '-1',
          backgroundColor: withAlpha(FORECAST, 0.12),
        },
        { label: 'lower 80%', data: band((d) => d.lower80), borderWidth: 0, pointRadius: 0, fill: false },
        {
          label: '80% interval',
          data: band((d) => d.upper80),
          borderWidth: 0,
          pointRadius: 0,
          fill: '-1',
          backgroundColor: withAlpha(FORECAST, 0.25),
        },
        {
          label: 'Forecast',
          data: band((d) => d.forecast),
          borderColor: FORECAST,
          backgroundColor: FORECAST,
          borderWidth: 2,
          pointRadius: 2,
        },
        {
          label: 'Actual',
          data: days.map((day) => (day <= lastActual ? (revenueOn.get(day) ?? 0) : null)),
          borderColor: ACTUAL,
          backgroundColor: ACTUAL,
          borderWidth: 1.5,
          pointRadius: 0,
        },
      ],
    },
    options: {
      interaction: { mode: 'index', intersect: false },
      plugins: {
        legend: {
          position: 'bottom',
          labels: { filter: (item) => !item.text.startsWith('lower') },
        },
        tooltip: {
          filter: (item) => !String(item.dataset.label).startsWith('lower') && item.raw !== null,
          callbacks: {
            label: (item) => {
              const f = forecastOn.get(days[item.dataIndex] ?? '');
              const label = String(item.dataset.label);
              if (f && label === '95% interval')
                return `95%: ${formatMoney(f.lower95)} – ${formatMoney(f.upper95)}`;
              if (f && label === '80% interval')
                return `80%: ${formatMoney(f.lower80)} – ${formatMoney(f.upper80)}`;
              return `${label}: ${formatMoney(Number(item.raw))}`;
            },
          },
        },
      },
      scales: {
        y: { beginAtZero: true, ticks: { callback: (v) => formatMoney(Number(v), { compact: true }) } },
        x: { grid: { display: false }, ticks: { maxRotation: 0, autoSkipPadding: 16 } },
      },
    },
  };
}

/** Every day from `from` to `to`, both included, as `YYYY-MM-DD`. */
export function dayRange(from: string, to: string): string[] {
  const start = Date.parse(`${from.slice(0, 10)}T00:00:00Z`);
  const end = Date.parse(`${to.slice(0, 10)}T00:00:00Z`);
  const days: string[] = [];
  for (let t = start; t <= end && days.length < 5000; t += DAY_MS)
    days.push(new Date(t).toISOString().slice(0, 10));
  return days;
}
