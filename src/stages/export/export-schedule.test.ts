import { describe, expect, it } from 'vitest';
import { parseInterval, runOnSchedule } from './export-schedule.js';

describe('export schedule', () => {
  it('reads intervals such as 30s, 5m and 1h', () => {
    expect(parseInterval('5m')).toBe(300_000);
    expect(parseInterval('30s')).toBe(30_000);
    expect(parseInterval('1h')).toBe(3_600_000);
    expect(parseInterval('90')).toBe(90_000);
    expect(() => parseInterval('0.5s')).toThrow(/at least 1s/);
    expect(() => parseInterval('soon')).toThrow(/not an interval/);
  });

  it('runs at once, again after the period, never overlapping, and goes on after a failure', async () => {
    const stop = new AbortController();
    const starts: number[] = [];
    const errors: unknown[] = [];
    let running = false;
    await runOnSchedule(
      1000,
      async () => {
        expect(running).toBe(false);
        running = true;
        starts.push(Date.now());
        await new Promise((resolve) => setTimeout(resolve, 20));
        running = false;
        if (starts.length === 1) throw new Error('server away');
        if (starts.length === 2) stop.abort();
      },
      { signal: stop.signal, onError: (error) => errors.push(error) },
    );
    expect(starts).toHaveLength(2);
    expect(starts[1]! - starts[0]!).toBeGreaterThanOrEqual(990);
    expect(errors).toHaveLength(1);
  });
});
