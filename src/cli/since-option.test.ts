import { describe, expect, it } from 'vitest';
import { parseSince } from './since-option.js';

describe('parseSince', () => {
  const now = new Date('2026-01-31T12:00:00Z');

  it('reads a day, a time and an age back from now', () => {
    expect(parseSince('2026-01-30', now).toISOString()).toBe('2026-01-30T00:00:00.000Z');
    expect(parseSince('2026-01-30T06:30:00Z', now).toISOString()).toBe('2026-01-30T06:30:00.000Z');
    expect(parseSince('90m', now).toISOString()).toBe('2026-01-31T10:30:00.000Z');
    expect(parseSince('6h', now).toISOString()).toBe('2026-01-31T06:00:00.000Z');
    expect(parseSince('2d', now).toISOString()).toBe('2026-01-29T12:00:00.000Z');
  });

  it('says what it accepts when it cannot read the value', () => {
    expect(() => parseSince('yesterday', now)).toThrow(
      /neither a day \(2026-01-31\), a time .* nor an age \(90m, 6h, 2d\)/,
    );
    expect(() => parseSince('2026-13-01', now)).toThrow(/neither a day/);
  });
});
