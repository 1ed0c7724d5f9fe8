// A tiny lake for the catalog, SQL and API tests: two curated tables committed by manifests
// (with a quarantine and a raw zone that must stay out of reach), a prod table committed by
// a prod manifest and Hive-partitioned, and a prod bucket without manifests.

import { join } from 'node:path';
import { DuckDbSqlEngine } from '../../../src/adapters/duckdb/duckdb-sql-engine.js';
import { type BucketRef, CURATED, prodBucket, RAW } from '../../../src/core/zones.js';
import { ObjectStoreCatalog } from '../../../src/stages/catalog/object-store-catalog.js';
import { createTestLake, type TestLake } from '../../support/raw-fixtures.js';

export const SECRET_PAN = '4111 1111 1111 1111';
export const MIH = prodBucket('market-intelligence-hub');
export const GMP = prodBucket('global-market-pulse');

export interface SqlTestLake extends TestLake {
  readonly catalog: ObjectStoreCatalog;
  readonly sql: DuckDbSqlEngine;
  /** Writes `select` as a Parquet object. */
  writeParquet(bucket: BucketRef, key: string, select: string): Promise<void>;
  /** Commits a manifest naming `files` (curated and prod manifests share these fields). */
  writeManifest(
    bucket: BucketRef,
    table: string,
    files: readonly string[],
    extra?: Record<string, unknown>,
  ): Promise<void>;
}

export async function createSqlTestLake(): Promise<SqlTestLake> {
  const base = await createTestLake();
  const sql = new DuckDbSqlEngine({
    spillDir: join(base.dataDir, '.tmp', 'sql'),
    memoryLimit: '256MB',
    threads: 1,
  });
  const lake: SqlTestLake = {
    ...base,
    catalog: new ObjectStoreCatalog(base.store),
    sql,
    async writeParquet(bucket, key, select) {
      const path = await base.store.scratchPath('.parquet');
      await base.engine.run(`COPY (${select}) TO '${path}' (FORMAT parquet)`);
      await base.store.putFile(bucket, key, path);
    },
    async writeManifest(bucket, table, files, extra = {}) {
      const manifest = {
        table,
        version: 1,
        files,
        rows: 0,
        committedAt: '2026-01-02T03:04:05.000Z',
        runId: 'r-test',
        ...extra,
      };
      await base.store.put(bucket, `_state/${table}.json`, JSON.stringify(manifest));
    },
    close: async () => {
      await sql.close();
      await base.close();
    },
  };
  await seed(lake);
  return lake;
}

async function seed(lake: SqlTestLake): Promise<void> {
  await lake.writeParquet(
    CURATED,
    'orders/part-v000001-0000.parquet',
    `SELECT i::BIGINT AS order_id, (i % 7)::BIGINT AS customer_id,
            CASE WHEN i % 3 = 0 THEN 'paid' ELSE 'delivered' END AS status,
            (i * 1.25)::DECIMAL(12,2) AS total_amount,
            TIMESTAMP '2026-01-01 00:00:00' + to_hours(i) AS order_ts,
            CASE WHEN i = 1 THEN 'call me, card ${SECRET_PAN}' ELSE NULL END AS notes
     FROM range(1, 41) t(i)`,
  );
  await lake.writeParquet(
    CURATED,
    'customers/part-v000001-0000.parquet',
    `SELECT i::BIGINT AS customer_id, 'DE' AS country FROM range(0, 7) t(i)`,
  );
  await lake.writeParquet(
    CURATED,
    '_quarantine/orders/part-v000001-0000.parquet',
    `SELECT 'quarantined-secret' AS secret`,
  );
  await lake.writeManifest(CURATED, 'orders', ['orders/part-v000001-0000.parquet'], {
    quarantineFiles: ['_quarantine/orders/part-v000001-0000.parquet'],
  });
  await lake.writeManifest(CURATED, 'customers', ['customers/part-v000001-0000.parquet']);
  await lake.writeParquet(RAW, 'orders/dt=2026-01-01/b1.parquet', `SELECT 'raw-secret' AS card_number`);
  await lake.writeParquet(
    MIH,
    'daily_sales/year=2026/part-v000001-0000.parquet',
    `SELECT DATE '2026-01-01' + i::INTEGER AS date, 'toys' AS category, (i * 10.0)::DOUBLE AS revenue FROM range(0, 5) t(i)`,
  );
  await lake.writeManifest(MIH, 'daily_sales', ['daily_sales/year=2026/part-v000001-0000.parquet'], {
    partitionBy: ['year'],
  });
  await lake.writeParquet(
    GMP,
    'regional_performance/region=EU/part-0.parquet',
    `SELECT 'DE' AS country, 100.0::DOUBLE AS revenue UNION ALL SELECT 'FR', 50.0`,
  );
}
