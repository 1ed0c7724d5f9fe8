import { describe, expect, it } from 'vitest';
import {
  formatAge,
  formatDateTime,
  formatDay,
  formatGrowth,
  formatMoney,
  formatShare,
  humanize,
  num,
} from './format.js';

describe('format', () => {
  it('reads BIGINT and DECIMAL text as numbers and says – for missing values', () => {
    expect(num('123')).toBe(123);
    expect(num('')).toBeNull();
    expect(num('abc')).toBeNull();
    expect(formatMoney(null)).toBe('–');
  });

  it('writes money in dollars, compact for large amounts when asked, with cents when small', () => {
    expect(formatMoney(12345.6)).toBe('$12,346');
    expect(formatMoney(12345.6, { compact: true })).toBe('$12.3K');
    expect(formatMoney('42.5')).toBe('$42.50');
  });

  it('writes shares and growth as percentages', () => {
    expect(formatShare(0.8571)).toBe('85.7%');
    expect(formatGrowth(29.36)).toBe('+29.4%');
    expect(formatGrowth(-3)).toBe('-3.0%');
  });

  it('reads dates as UTC days and SQL timestamps as UTC', () => {
    expect(formatDay('2026-11-01')).toBe('Sun, Nov 1, 2026');
    expect(formatDateTime('2025-01-10 18:31:29.894654')).toBe('2025-01-10 18:31 UTC');
    expect(formatDateTime('2025-01-10T18:31:29Z')).toBe('2025-01-10 18:31 UTC');
  });

  it('says ages and codes as a person would', () => {
    expect(formatAge(0.5)).toBe('30 min');
    expect(formatAge(5.2)).toBe('5 h');
    expect(formatAge(72)).toBe('3 d');
    expect(humanize('quarantine_volume:orders')).toBe('Quarantine volume: orders');
  });
});
