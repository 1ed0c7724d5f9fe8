import { describe, expect, it } from 'vitest';
import { numericBinary, pgBinary } from './pg-binary-value.js';
import { pgType, pgTypeOf } from './pg-types.js';

describe('pgBinary', () => {
  it('writes numerics in base 10000 with weight, sign and scale', () => {
    // 12345.678 → digits [1, 2345, 6780], weight 1, positive, scale 3.
    expect([...numericBinary('12345.678')]).toEqual([0, 3, 0, 1, 0, 0, 0, 3, 0, 1, 0x09, 0x29, 0x1a, 0x7c]);
    // -0.01 → digits [100], weight -1, negative, scale 2.
    expect([...numericBinary('-0.01')]).toEqual([0, 1, 0xff, 0xff, 0x40, 0, 0, 2, 0, 100]);
    expect([...numericBinary('0.00')]).toEqual([0, 0, 0, 0, 0, 0, 0, 2]);
    expect([...numericBinary('10000')]).toEqual([0, 1, 0, 1, 0, 0, 0, 0, 0, 1]);
  });

  it('counts dates and timestamps from 2000-01-01', () => {
    expect(pgBinary('2000-01-02', pgType('date')).readInt32BE()).toBe(1);
    expect(pgBinary('1999-12-31', pgType('date')).readInt32BE()).toBe(-1);
    expect(pgBinary('2000-01-01 00:00:01.5', pgType('timestamp')).readBigInt64BE()).toBe(1_500_000n);
    expect(pgBinary('2000-01-01 02:00:00+02', pgType('timestamptz')).readBigInt64BE()).toBe(0n);
    expect(pgBinary('infinity', pgType('timestamp')).readBigInt64BE()).toBe(0x7fffffffffffffffn);
  });

  it('writes integers, floats and booleans big-endian', () => {
    expect(pgBinary('9007199254740993', pgTypeOf('BIGINT')).readBigInt64BE()).toBe(9007199254740993n);
    expect(pgBinary(7, pgTypeOf('INTEGER')).readInt32BE()).toBe(7);
    expect(pgBinary(0.5, pgTypeOf('DOUBLE')).readDoubleBE()).toBe(0.5);
    expect([...pgBinary(true, pgTypeOf('BOOLEAN'))]).toEqual([1]);
    expect(pgBinary('grüße', pgTypeOf('VARCHAR')).toString('utf8')).toBe('grüße');
  });
});
