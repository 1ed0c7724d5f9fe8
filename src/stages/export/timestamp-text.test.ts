import { describe, expect, it } from 'vitest';
import { laterTimestamp, normalizeTimestamp, shiftTimestamp } from './timestamp-text.js';

describe('timestamp text', () => {
  it('normalizes to six fraction digits so that text order is time order', () => {
    expect(normalizeTimestamp('2026-01-02 03:04:05')).toBe('2026-01-02 03:04:05.000000');
    expect(normalizeTimestamp('2026-01-02T03:04:05.5Z')).toBe('2026-01-02 03:04:05.500000');
    expect(() => normalizeTimestamp('yesterday')).toThrow(/not a timestamp/);
  });

  it('shifts by milliseconds and keeps the microseconds', () => {
    expect(shiftTimestamp('2026-01-01 00:05:00.123456', -10 * 60_000)).toBe('2025-12-31 23:55:00.123456');
    expect(shiftTimestamp('2024-02-28 23:59:59.999999', 1)).toBe('2024-02-29 00:00:00.000999');
  });

  it('picks the later of two, either may be missing', () => {
    expect(laterTimestamp(undefined, '2026-01-01 00:00:00.000000')).toBe('2026-01-01 00:00:00.000000');
    expect(laterTimestamp('2026-01-01 00:00:00.000002', '2026-01-01 00:00:00.000001')).toBe(
      '2026-01-01 00:00:00.000002',
    );
    expect(laterTimestamp(undefined, undefined)).toBeUndefined();
  });
});
