import { describe, expect, it } from 'vitest';
import { dayRange } from './forecast-chart.js';
import { growthCeiling } from './opportunity-chart.js';
import { pivot } from './pivot.js';

describe('chart data', () => {
  it('pivots long rows into one array per series, null where a pair is missing', () => {
    const wide = pivot(
      [
        { month: '2026-01', region: 'NA', revenue: '10' },
        { month: '2026-01', region: 'EMEA', revenue: 5 },
        { month: '2026-02', region: 'NA', revenue: 12 },
      ],
      'month',
      'region',
      'revenue',
    );
    expect(wide.labels).toEqual(['2026-01', '2026-02']);
    expect(wide.series).toEqual([
      { label: 'NA', data: [10, 12] },
      { label: 'EMEA', data: [5, null] },
    ]);
  });

  it('lists every day between two dates, both included, across a month end', () => {
    expect(dayRange('2026-10-30', '2026-11-02')).toEqual([
      '2026-10-30',
      '2026-10-31',
      '2026-11-01',
      '2026-11-02',
    ]);
  });

  it('caps the growth axis at twice the 90th percentile so a few outliers do not flatten the rest', () => {
    const growth = [...Array.from({ length: 50 }, (_, i) => i * 2), 4000];
    expect(growthCeiling(growth)).toBe(200);
    expect(growthCeiling([5, 10, 20])).toBe(100);
  });
});
