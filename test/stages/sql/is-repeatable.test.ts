import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbSqlEngine } from '../../../src/adapters/duckdb/duckdb-sql-engine.js';
import { isRepeatable, UNREPEATABLE_FUNCTIONS } from '../../../src/stages/sql/is-repeatable.js';

describe('isRepeatable', () => {
  let sql: DuckDbSqlEngine;
  beforeAll(() => {
    sql = new DuckDbSqlEngine({ spillDir: '/tmp/shoplake-is-repeatable', memoryLimit: '64MB', threads: 1 });
  });
  afterAll(() => sql.close());

  it('knows every function the engine marks as volatile or clock-dependent', async () => {
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    const reader = await connection.runAndReadAll(
      "SELECT DISTINCT function_name FROM duckdb_functions() WHERE stability <> 'CONSISTENT'",
    );
    const engine = reader.getRowsJson().map((row) => String(row[0]));
    connection.closeSync();
    instance.closeSync();
    expect(engine.length).toBeGreaterThan(10);
    expect(engine.filter((name) => !UNREPEATABLE_FUNCTIONS.has(name))).toEqual([]);
  });

  it.each([
    ['select count(*) from curated.orders', true],
    ["select date_trunc('month', order_ts), sum(total_amount) from curated.orders group by 1", true],
    ['select now()', false],
    ['select * from curated.orders where order_ts > current_date - 30', false],
    ['select (select random()) as r', false],
    ['select current_timestamp', false],
    ['with a as (select uuid() as u) select * from a', false],
  ])('%s → %s', async (text, expected) => {
    expect(isRepeatable(await sql.parse(text))).toBe(expected);
  });
});
