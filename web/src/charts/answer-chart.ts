// The chart the copilot suggests for an answer: a line over time or bars per category, for
// one or more value columns or one value column split by a series column.

import type { ChartConfiguration } from 'chart.js';
import type { AnswerChart, Row } from '../api/api-types.js';
import { formatDay, formatMonth } from '../format.js';
import { barChart } from './bar-chart.js';
import { lineChart } from './line-chart.js';
import { type Pivoted, pivot } from './pivot.js';

/** Undefined when the answer asks for a number or a table, or names columns it lacks. */
export function answerChart(
  chart: AnswerChart | undefined,
  rows: readonly Row[],
): ChartConfiguration | undefined {
  if (!chart || (chart.type !== 'line' && chart.type !== 'bar') || !chart.x || chart.y.length === 0)
    return undefined;
  const first = rows[0];
  if (!first || !(chart.x in first) || chart.y.some((y) => !(y in first))) return undefined;
  const data = wide(chart, rows);
  const labels = { ...data, labels: data.labels.map(readableLabel) };
  const format = (v: number) =>
    v.toLocaleString('en-US', {
      maximumFractionDigits: 2,
      notation: Math.abs(v) >= 1e6 ? 'compact' : 'standard',
    });
  if (chart.type === 'line') return lineChart(labels, { format }) as ChartConfiguration;
  return barChart({
    labels: labels.labels,
    series: labels.series,
    horizontal: labels.labels.length > 8,
    format,
  }) as ChartConfiguration;
}

function wide(chart: AnswerChart, rows: readonly Row[]): Pivoted {
  const x = chart.x ?? '';
  const [firstY = ''] = chart.y;
  if (chart.series && chart.series in (rows[0] ?? {})) return pivot(rows, x, chart.series, firstY);
  const parts = chart.y.map((y) => pivot(rows, x, undefined, y));
  return { labels: parts[0]?.labels ?? [], series: parts.flatMap((p) => p.series) };
}

function readableLabel(label: string): string {
  if (/^\d{4}-\d{2}-01$/.test(label)) return formatMonth(label);
  if (/^\d{4}-\d{2}-\d{2}/.test(label)) return formatDay(label, { weekday: false });
  return label;
}
