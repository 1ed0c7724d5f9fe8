import { describe, expect, it } from 'vitest';
import { epochDayOf, formatCents, formatTimestamp, isoTimestampText, US_PER_DAY } from './timestamp-text.js';

describe('timestamp text', () => {
  it('formats microseconds as the contract timestamp and its ISO variant', () => {
    const us = epochDayOf('2026-03-04') * US_PER_DAY + ((5 * 60 + 6) * 60 + 7) * 1e6 + 123456;
    expect(formatTimestamp(us)).toBe('2026-03-04 05:06:07.123456');
    expect(formatTimestamp(Date.parse('1999-12-31T23:59:59.5Z') * 1000)).toBe('1999-12-31 23:59:59.500000');
    expect(isoTimestampText(formatTimestamp(us))).toBe('2026-03-04T05:06:07.123456Z');
  });

  it('formats cents exactly, negatives included', () => {
    expect([0, 5, 99, 1250, 123456789, -1999].map(formatCents)).toEqual([
      '0.00',
      '0.05',
      '0.99',
      '12.50',
      '1234567.89',
      '-19.99',
    ]);
  });
});
