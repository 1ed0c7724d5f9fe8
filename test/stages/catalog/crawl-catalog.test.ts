import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CURATED } from '../../../src/core/zones.js';
import { crawlCatalog } from '../../../src/stages/catalog/crawl-catalog.js';
import { CATALOG_KEY } from '../../../src/stages/catalog/object-store-catalog.js';
import { createSqlTestLake, GMP, MIH, type SqlTestLake } from './sql-test-lake.js';

describe('crawlCatalog', () => {
  let lake: SqlTestLake;
  beforeEach(async () => {
    lake = await createSqlTestLake();
  });
  afterEach(async () => {
    await lake.close();
  });
  const crawl = (now = '2026-02-01T00:00:00Z') =>
    crawlCatalog({ store: lake.store, engines: lake.engines, catalog: lake.catalog }, { now: new Date(now) });

  it('lists curated and prod tables with columns, row counts, partitions and files', async () => {
    const { snapshot, problems } = await crawl();
    expect(problems).toEqual([]);
    expect(snapshot.tables.map((t) => `${t.schema}.${t.name}`)).toEqual([
      'curated.customers',
      'curated.orders',
      'global_market_pulse.regional_performance',
      'market_intelligence_hub.daily_sales',
    ]);
    const orders = snapshot.tables.find((t) => t.name === 'orders');
    expect(orders?.rows).toBe(40);
    expect(orders?.source).toBe('manifest');
    expect(orders?.lastUpdated).toBe('2026-01-02T03:04:05.000Z');
    expect(orders?.columns.map((c) => [c.name, c.type])).toEqual([
      ['order_id', 'BIGINT'],
      ['customer_id', 'BIGINT'],
      ['status', 'VARCHAR'],
      ['total_amount', 'DECIMAL(12,2)'],
      ['order_ts', 'TIMESTAMP'],
      ['notes', 'VARCHAR'],
    ]);
    expect(orders?.files.map((f) => f.key)).toEqual(['orders/part-v000001-0000.parquet']);
    expect(orders?.schemaVersion).toBe(1);
    const sales = snapshot.tables.find((t) => t.name === 'daily_sales');
    expect(sales?.partitions).toEqual([{ column: 'year', values: ['2026'], valueCount: 1 }]);
    expect(sales?.columns.find((c) => c.name === 'year')).toMatchObject({ partition: true });
    expect(sales?.rows).toBe(5);
    const regional = snapshot.tables.find((t) => t.name === 'regional_performance');
    expect(regional?.source).toBe('listing');
    expect(regional?.rows).toBe(2);
  });

  it('keeps quarantine and raw out of the catalog', async () => {
    const { snapshot } = await crawl();
    const text = JSON.stringify(snapshot);
    expect(text).not.toContain('_quarantine');
    expect(text).not.toContain('raw-secret');
    expect(snapshot.tables.some((t) => t.bucket.zone === 'raw')).toBe(false);
  });

  it('stores the catalog in the curated zone and reopens only new files on the next crawl', async () => {
    await crawl();
    expect(await lake.store.head(CURATED, CATALOG_KEY)).toBeDefined();
    expect((await lake.catalog.describe('curated', 'orders'))?.rows).toBe(40);
    const again = await crawl('2026-02-02T00:00:00Z');
    expect(again.filesInspected).toBe(0);
    expect(again.newVersions).toEqual([]);
    expect((await lake.catalog.read())?.crawledAt).toBe('2026-02-02T00:00:00.000Z');
  });

  it('records a new compatible schema version when a new file adds a column', async () => {
    await crawl();
    await lake.writeParquet(
      CURATED,
      'orders/part-v000002-0000.parquet',
      `SELECT 41::BIGINT AS order_id, 1::BIGINT AS customer_id, 'paid' AS status, 1.00::DECIMAL(12,2) AS total_amount,
              TIMESTAMP '2026-01-03 00:00:00' AS order_ts, NULL::VARCHAR AS notes, 'web' AS channel`,
    );
    await lake.writeManifest(CURATED, 'orders', [
      'orders/part-v000001-0000.parquet',
      'orders/part-v000002-0000.parquet',
    ]);
    const report = await crawl('2026-02-03T00:00:00Z');
    expect(report.filesInspected).toBe(1);
    const orders = report.snapshot.tables.find((t) => t.name === 'orders');
    expect(orders?.rows).toBe(41);
    expect(orders?.schemaVersion).toBe(2);
    expect(orders?.versions.map((v) => [v.version, v.seenAt, v.added, v.compatible])).toEqual([
      [
        1,
        '2026-02-01T00:00:00.000Z',
        ['order_id', 'customer_id', 'status', 'total_amount', 'order_ts', 'notes'],
        true,
      ],
      [2, '2026-02-03T00:00:00.000Z', ['channel'], true],
    ]);
    expect(orders?.issues).toEqual([]);
    expect(report.newVersions.map((v) => [v.table, v.version.version])).toEqual([['curated.orders', 2]]);
  });

  it('flags files that disagree on a column type instead of merging them', async () => {
    await crawl();
    await lake.writeParquet(
      CURATED,
      'customers/part-v000002-0000.parquet',
      `SELECT 'x9' AS customer_id, 'FR' AS country`,
    );
    await lake.writeManifest(CURATED, 'customers', [
      'customers/part-v000001-0000.parquet',
      'customers/part-v000002-0000.parquet',
    ]);
    const report = await crawl('2026-02-04T00:00:00Z');
    const customers = report.snapshot.tables.find((t) => t.name === 'customers');
    expect(customers?.columns.find((c) => c.name === 'customer_id')?.type).toBe('BIGINT');
    expect(customers?.schemaVersion).toBe(1);
    expect(customers?.issues).toMatchObject([
      { kind: 'type_conflict', column: 'customer_id', types: ['BIGINT', 'VARCHAR'] },
    ]);
    expect(report.newIssues).toHaveLength(1);
    // Reported once: the next crawl keeps the issue with its first-seen time, not as new.
    const again = await crawl('2026-02-05T00:00:00Z');
    expect(again.newIssues).toEqual([]);
    expect(again.snapshot.tables.find((t) => t.name === 'customers')?.issues[0]?.seenAt).toBe(
      '2026-02-04T00:00:00.000Z',
    );
  });

  it('marks a rewritten table whose column changed type as an incompatible version', async () => {
    await crawl();
    await lake.writeParquet(
      MIH,
      'daily_sales/year=2026/part-v000002-0000.parquet',
      `SELECT DATE '2026-01-01' AS date, 'toys' AS category, '10.0' AS revenue`,
    );
    await lake.writeManifest(MIH, 'daily_sales', ['daily_sales/year=2026/part-v000002-0000.parquet']);
    const report = await crawl('2026-02-06T00:00:00Z');
    const sales = report.snapshot.tables.find((t) => t.name === 'daily_sales');
    expect(sales?.versions.at(-1)).toMatchObject({
      version: 2,
      compatible: false,
      typeChanges: [{ column: 'revenue', from: 'DOUBLE', to: 'VARCHAR' }],
    });
    expect(report.newIssues.map((i) => [i.table, i.issue.kind, i.issue.column])).toEqual([
      ['market_intelligence_hub.daily_sales', 'type_change', 'revenue'],
    ]);
  });

  it('leaves an unreadable file out of its table and says so', async () => {
    await lake.store.put(GMP, 'regional_performance/region=US/part-0.parquet', 'not parquet at all');
    const { snapshot } = await crawl();
    const regional = snapshot.tables.find((t) => t.name === 'regional_performance');
    expect(regional?.files).toHaveLength(1);
    expect(regional?.issues).toMatchObject([
      { kind: 'unreadable_file', column: 'regional_performance/region=US/part-0.parquet' },
    ]);
  });

  it('reports a manifest that names a missing file and keeps the rest of the table', async () => {
    await lake.writeManifest(CURATED, 'customers', [
      'customers/part-v000001-0000.parquet',
      'customers/gone.parquet',
    ]);
    const { snapshot, problems } = await crawl();
    expect(problems).toEqual([
      'curated.customers: customers/gone.parquet is named in the manifest but missing',
    ]);
    expect(snapshot.tables.find((t) => t.name === 'customers')?.rows).toBe(7);
  });

  it('rebuilds a damaged catalog object from the buckets', async () => {
    await lake.store.put(CURATED, CATALOG_KEY, '{not json');
    const { snapshot, problems } = await crawl();
    expect(snapshot.tables).toHaveLength(4);
    expect(problems[0]).toContain('not valid');
  });
});
