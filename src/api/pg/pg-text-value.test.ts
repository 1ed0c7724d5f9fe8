import { describe, expect, it } from 'vitest';
import { blobBytes, pgFloat, pgInterval, pgText } from './pg-text-value.js';
import { pgTypeOf } from './pg-types.js';

describe('pgText', () => {
  it('writes floats as Postgres 12+ does: shortest digits, exponent outside 1e-4 .. 1e15', () => {
    expect(pgFloat(0.5)).toBe('0.5');
    expect(pgFloat(0.1 + 0.2)).toBe('0.30000000000000004');
    expect(pgFloat(100000000000000)).toBe('100000000000000');
    expect(pgFloat(1e15)).toBe('1e+15');
    expect(pgFloat(1.2345678901234568e17)).toBe('1.2345678901234568e+17');
    expect(pgFloat(0.0001)).toBe('0.0001');
    expect(pgFloat(0.00001234)).toBe('1.234e-05');
    expect(pgFloat(-2.5e-300)).toBe('-2.5e-300');
    expect(pgFloat(Number.NaN)).toBe('NaN');
    expect(pgFloat(Number.NEGATIVE_INFINITY)).toBe('-Infinity');
    expect(pgFloat(Math.fround(0.1), true)).toBe('0.1');
    expect(pgFloat(1e6, true)).toBe('1e+06');
  });

  it('writes booleans, BC dates, intervals and bytea in Postgres text form', () => {
    expect(pgText(true, pgTypeOf('BOOLEAN'))).toBe('t');
    expect(pgText(false, pgTypeOf('BOOLEAN'))).toBe('f');
    expect(pgText('0057-03-15 (BC) 00:00:00', pgTypeOf('TIMESTAMP'))).toBe('0057-03-15 00:00:00 BC');
    expect(pgText('Infinity', pgTypeOf('DOUBLE'))).toBe('Infinity');
    expect(pgInterval({ months: 14, days: 3, micros: '14706789000' })).toBe(
      '1 year 2 mons 3 days 04:05:06.789',
    );
    expect(pgInterval({ months: 0, days: -3, micros: '-3600000000' })).toBe('-3 days -01:00:00');
    expect(pgInterval({ months: 0, days: 0, micros: '0' })).toBe('00:00:00');
    expect(pgText('\\x00\\xFFab', pgTypeOf('BLOB'))).toBe('\\x00ff6162');
    expect([...blobBytes('a\\x0Ab')]).toEqual([0x61, 0x0a, 0x62]);
    expect(pgText([1, 2], pgTypeOf('INTEGER[]'))).toBe('[1,2]');
    expect(pgText(null, pgTypeOf('VARCHAR'))).toBeNull();
  });
});
