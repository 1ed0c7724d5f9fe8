import { describe, expect, it } from 'vitest';
import { blobText, type MysqlColumnInfo, mapMysqlColumn } from './mysql-column-type.js';

const column = (
  dataType: string,
  columnType: string,
  precision: number | null = null,
  scale: number | null = null,
): MysqlColumnInfo => ({
  name: 'c',
  dataType,
  columnType,
  numericPrecision: precision,
  numericScale: scale,
});

describe('MySQL to Parquet column types', () => {
  it('maps the contract types exactly', () => {
    expect(mapMysqlColumn(column('bigint', 'bigint(20)')).engineType).toBe('BIGINT');
    expect(mapMysqlColumn(column('int', 'int(11)')).engineType).toBe('INTEGER');
    expect(mapMysqlColumn(column('decimal', 'decimal(12,2)', 12, 2)).engineType).toBe('DECIMAL(12,2)');
    expect(mapMysqlColumn(column('datetime', 'datetime(6)')).engineType).toBe('TIMESTAMP');
    expect(mapMysqlColumn(column('date', 'date')).engineType).toBe('DATE');
    expect(mapMysqlColumn(column('varchar', 'varchar(255)')).engineType).toBe('VARCHAR');
    expect(mapMysqlColumn(column('tinyint', 'tinyint(1)')).engineType).toBe('BOOLEAN');
  });

  it('widens what would not fit, and keeps the rest as text rather than refusing it', () => {
    expect(mapMysqlColumn(column('bigint', 'bigint(20) unsigned')).engineType).toBe('DECIMAL(20,0)');
    expect(mapMysqlColumn(column('int', 'int(10) unsigned')).engineType).toBe('BIGINT');
    expect(mapMysqlColumn(column('decimal', 'decimal(65,10)', 65, 10)).engineType).toBe('VARCHAR');
    expect(mapMysqlColumn(column('time', 'time')).engineType).toBe('VARCHAR');
    expect(mapMysqlColumn(column('point', 'point'))).toEqual({
      engineType: 'VARCHAR',
      select: 'ST_AsText(`c`)',
      binary: false,
    });
    expect(mapMysqlColumn(column('varbinary', 'varbinary(8)'))).toMatchObject({
      engineType: 'BLOB',
      binary: true,
    });
    expect(mapMysqlColumn(column('vector', 'vector(3)')).select).toBe('CAST(`c` AS CHAR)');
  });

  it('writes bytes as escapes the engine casts back to the same bytes', () => {
    expect(blobText(new Uint8Array([0, 255, 16]))).toBe('\\x00\\xff\\x10');
  });
});
