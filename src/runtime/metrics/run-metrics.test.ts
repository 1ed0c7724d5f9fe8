import { describe, expect, it } from 'vitest';
import { percentile, RUN_METRICS } from './run-metrics.js';

describe('run metrics', () => {
  it('takes nearest-rank percentiles: always a value that occurred', () => {
    const sorted = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100];
    expect(percentile(sorted, 0.5)).toBe(50);
    expect(percentile(sorted, 0.95)).toBe(100);
    expect(percentile(sorted, 0.9)).toBe(90);
    expect(percentile([7], 0.5)).toBe(7);
    expect(percentile([], 0.95)).toBe(0);
  });

  it('names every metric once for CloudWatch and once for Prometheus, in base units', () => {
    expect(new Set(RUN_METRICS.map((m) => m.name)).size).toBe(RUN_METRICS.length);
    expect(new Set(RUN_METRICS.map((m) => m.prometheus)).size).toBe(RUN_METRICS.length);
    for (const m of RUN_METRICS) {
      expect(m.prometheus).toMatch(/^shoplake_[a-z_]+$/);
      if (m.kind === 'counter') expect(m.prometheus).toMatch(/_total$/);
      if (m.unit === 'Milliseconds') expect(m.prometheus).toMatch(/_seconds$/);
      if (m.unit === 'Bytes') expect(m.prometheus).toMatch(/_bytes(_total)?$/);
    }
  });
});
