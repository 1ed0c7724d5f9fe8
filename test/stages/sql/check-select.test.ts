import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DuckDbSqlEngine } from '../../../src/adapters/duckdb/duckdb-sql-engine.js';
import { ShoplakeError } from '../../../src/core/shoplake-error.js';
import { CURATED, prodBucket } from '../../../src/core/zones.js';
import type { CatalogTable } from '../../../src/ports/catalog.js';
import { checkSelect } from '../../../src/stages/sql/check-select.js';
import { checkSqlText } from '../../../src/stages/sql/check-sql-text.js';
import { ACCEPTED_SQL, HOSTILE_SQL } from './hostile-sql.js';

function table(schema: string, name: string, bucket: CatalogTable['bucket']): CatalogTable {
  return {
    schema,
    name,
    bucket,
    source: 'manifest',
    columns: [],
    partitions: [],
    rows: 0,
    bytes: 0,
    lastUpdated: '',
    files: [],
    schemaVersion: 1,
    versions: [],
    issues: [],
  };
}

const TABLES = [
  table('curated', 'orders', CURATED),
  table('curated', 'customers', CURATED),
  table('market_intelligence_hub', 'daily_sales', prodBucket('market-intelligence-hub')),
];

describe('checkSelect', () => {
  const sql = new DuckDbSqlEngine({
    spillDir: join(tmpdir(), 'shoplake-guard-test'),
    memoryLimit: '64MB',
    threads: 1,
  });
  afterAll(() => sql.close());

  const guard = async (text: string) => checkSelect(await sql.parse(checkSqlText(text)), TABLES);

  it.each(HOSTILE_SQL)('refuses %s, saying why', async (_name, text) => {
    const error = await guard(text).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ShoplakeError);
    expect(['sql_refused', 'sql_invalid']).toContain((error as ShoplakeError).code);
    expect((error as ShoplakeError).message.length).toBeGreaterThan(20);
  });

  it.each(ACCEPTED_SQL)('accepts %s', async (text) => {
    await expect(guard(text)).resolves.toBeDefined();
  });

  it('returns the catalog tables a query reads, once each', async () => {
    const { tables } = await guard('select * from curated.orders a, curated.orders b, CURATED."customers"');
    expect(tables.map((t) => `${t.schema}.${t.name}`)).toEqual(['curated.orders', 'curated.customers']);
  });

  it('names the offending table function and table', async () => {
    await expect(guard("select * from read_parquet('/etc/passwd')")).rejects.toThrow(
      /read_parquet\(\) is not allowed/,
    );
    await expect(guard('select * from raw.orders')).rejects.toThrow(
      /"raw.orders" is not a table in the catalog/,
    );
    await expect(guard('select 1; select 2')).rejects.toThrow(/exactly one statement/);
    await expect(guard("COPY (select 1) TO '/tmp/x'")).rejects.toThrow(/only SELECT queries are allowed/);
  });
});
