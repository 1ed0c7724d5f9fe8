import { describe, expect, it } from 'vitest';
import { engineTypeOfHive, hiveTypeOf } from './hive-type.js';

describe('hiveTypeOf', () => {
  it.each([
    ['BIGINT', 'bigint'],
    ['INTEGER', 'int'],
    ['DECIMAL(12,2)', 'decimal(12,2)'],
    ['VARCHAR', 'string'],
    ['TIMESTAMP WITH TIME ZONE', 'timestamp'],
    ['DATE', 'date'],
    ['BOOLEAN', 'boolean'],
    ['HUGEINT', 'decimal(38,0)'],
    ['UBIGINT', 'decimal(20,0)'],
    ['BLOB', 'binary'],
    ['INTEGER[]', 'array<int>'],
    ['MAP(VARCHAR, DOUBLE)', 'map<string,double>'],
    ['STRUCT("a b" INTEGER, c DECIMAL(10,2)[])', 'struct<a b:int,c:array<decimal(10,2)>>'],
  ])('maps %s to %s', (engine, hive) => {
    expect(hiveTypeOf(engine)).toBe(hive);
  });

  it('has no Hive type for TIME, INTERVAL or a struct holding one', () => {
    expect(hiveTypeOf('TIME')).toBeUndefined();
    expect(hiveTypeOf('INTERVAL')).toBeUndefined();
    expect(hiveTypeOf('STRUCT(t TIME)')).toBeUndefined();
  });
});

describe('engineTypeOfHive', () => {
  it('reads a crawler’s Hive types back as DuckDB names', () => {
    expect(engineTypeOfHive('bigint')).toBe('BIGINT');
    expect(engineTypeOfHive('decimal(12, 2)')).toBe('DECIMAL(12,2)');
    expect(engineTypeOfHive('varchar(64)')).toBe('VARCHAR');
    expect(engineTypeOfHive('array<int>')).toBe('ARRAY<INT>');
  });
});
