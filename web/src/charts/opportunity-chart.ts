// The opportunity matrix: each market a bubble, placed by how far it is below the category's
// usual share (penetration, left = room to grow) and how fast it grows, sized by revenue.
// A few tiny markets grow by thousands of percent; they are drawn at the top edge as
// triangles so the rest stay readable, and their tooltips keep the true figure.

import type { ChartConfiguration } from 'chart.js';
import type { Row } from '../api/api-types.js';
import { formatGrowth, formatMoney, num } from '../format.js';
import { colorAt, withAlpha } from './chart-setup.js';

interface Bubble {
  x: number;
  y: number;
  r: number;
  row: Row;
}

/** One dataset per category so the legend names the colours. */
export function opportunityChart(rows: readonly Row[]): ChartConfiguration<'bubble', Bubble[]> {
  const maxRevenue = Math.max(1, ...rows.map((r) => num(r.revenue) ?? 0));
  const ceiling = growthCeiling(rows.map((r) => num(r.growth_pct) ?? 0));
  const categories = [...new Set(rows.map((r) => String(r.category)))].sort();
  const best = rows.reduce<Row | undefined>(
    (top, r) =>
      top === undefined || (num(r.opportunity_score) ?? 0) > (num(top.opportunity_score) ?? 0) ? r : top,
    undefined,
  );
  return {
    type: 'bubble',
    data: {
      datasets: categories.map((category, i) => {
        const points = rows
          .filter((r) => String(r.category) === category)
          .map((row) => ({
            x: num(row.penetration) ?? 0,
            y: Math.min(num(row.growth_pct) ?? 0, ceiling),
            r: 4 + 18 * Math.sqrt((num(row.revenue) ?? 0) / maxRevenue),
            row,
          }));
        return {
          label: category,
          data: points,
          pointStyle: points.map((p) => ((num(p.row.growth_pct) ?? 0) > ceiling ? 'triangle' : 'circle')),
          backgroundColor: withAlpha(colorAt(i), 0.55),
          // The best market gets a dark ring, so the eye finds it first.
          borderColor: points.map((p) => (p.row === best ? '#0f172a' : colorAt(i))),
          borderWidth: points.map((p) => (p.row === best ? 3 : 1)),
          // The capped markets sit on the top edge; unclipped, they show whole.
          clip: false as const,
        };
      }),
    },
    options: {
      plugins: {
        legend: { position: 'bottom' },
        tooltip: {
          intersect: true,
          callbacks: {
            label: (item) => {
              const row = (item.raw as Bubble).row;
              const where = row.country ? `${row.country} (${row.region})` : String(row.region);
              return [
                `${row.category} in ${where}: score ${num(row.opportunity_score)?.toFixed(1) ?? '–'}`,
                `revenue ${formatMoney(row.revenue)}, growth ${formatGrowth(row.growth_pct)}, penetration ${num(row.penetration)?.toFixed(2) ?? '–'}×`,
              ];
            },
          },
        },
      },
      scales: {
        x: {
          title: { display: true, text: 'Penetration vs. other markets (below 1× = room to grow)' },
          ticks: { callback: (v) => `${Number(v).toFixed(1)}×` },
        },
        y: {
          max: ceiling,
          title: { display: true, text: 'Revenue growth, year over year' },
          ticks: { callback: (v) => formatGrowth(Number(v)) },
        },
      },
    },
  };
}

/** Twice the 90th percentile of growth (at least +100%), rounded up to a tidy step. */
export function growthCeiling(growth: readonly number[]): number {
  if (growth.length === 0) return 100;
  const sorted = [...growth].sort((a, b) => a - b);
  const p90 = sorted[Math.floor(0.9 * (sorted.length - 1))] ?? 0;
  const max = sorted.at(-1) ?? 0;
  const ceiling = Math.max(100, Math.min(max, 2 * p90));
  return Math.ceil(ceiling / 50) * 50;
}
