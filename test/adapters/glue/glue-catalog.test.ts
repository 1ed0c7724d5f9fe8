import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { GlueCatalog } from '../../../src/adapters/glue/glue-catalog.js';
import type { CatalogSnapshot } from '../../../src/ports/catalog.js';
import { crawlCatalog } from '../../../src/stages/catalog/crawl-catalog.js';
import { createSqlTestLake, type SqlTestLake } from '../../stages/catalog/sql-test-lake.js';
import {
  type AwsReplayServer,
  REPLAY_AWS,
  type RecordedExchange,
  recording,
  startAwsReplayServer,
} from '../aws-replay-server.js';

type Body = Record<string, unknown>;
type TableInputBody = {
  Name: string;
  PartitionKeys: { Name: string; Type: string }[];
  StorageDescriptor: { Columns: { Name: string; Type: string }[]; Location: string; SerdeInfo: unknown };
  Parameters: Record<string, string>;
};

describe('GlueCatalog against recorded Glue responses', () => {
  let lake: SqlTestLake;
  let snapshot: CatalogSnapshot;
  let replay: AwsReplayServer | undefined;

  const catalogFor = async (exchanges: readonly RecordedExchange[]) => {
    replay = await startAwsReplayServer(exchanges);
    return new GlueCatalog({
      aws: { ...REPLAY_AWS, endpoint: replay.endpoint },
      database: 'acme_lake',
      bucketPrefix: 'acme-lake',
    });
  };
  const recorded = (name: string) => recording(new URL(`./recordings/${name}.json`, import.meta.url));
  const bodies = (target: string): Body[] =>
    replay?.requests.filter((r) => r.target === `AWSGlue.${target}`).map((r) => r.body) ?? [];
  const inputs = (target: 'CreateTable' | 'UpdateTable') =>
    bodies(target).map((b) => b.TableInput as TableInputBody);

  beforeAll(async () => {
    // A real crawl of a small lake: curated tables, a Hive-partitioned prod table, a listed one.
    lake = await createSqlTestLake();
    snapshot = (await crawlCatalog({ store: lake.store, engines: lake.engines, catalog: lake.catalog }))
      .snapshot;
  });
  afterEach(async () => {
    await replay?.close();
    replay = undefined;
  });
  afterAll(async () => {
    await lake.close();
  });

  it('registers every table as an external Parquet table with Hive types and partitions', async () => {
    const catalog = await catalogFor(recorded('register-empty'));
    await catalog.register(snapshot);

    expect(replay?.requests[0]?.authorization).toMatch(/\/eu-west-1\/glue\/aws4_request/);
    const created = inputs('CreateTable');
    expect(created.map((t) => t.Name).sort()).toEqual([
      'curated__customers',
      'curated__orders',
      'global_market_pulse__regional_performance',
      'market_intelligence_hub__daily_sales',
    ]);
    expect(bodies('CreateTable').every((b) => b.DatabaseName === 'acme_lake')).toBe(true);
    const orders = created.find((t) => t.Name === 'curated__orders');
    expect(orders).toMatchObject({
      TableType: 'EXTERNAL_TABLE',
      PartitionKeys: [],
      StorageDescriptor: {
        Location: 's3://acme-lake-curated/orders/',
        InputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat',
        SerdeInfo: { SerializationLibrary: 'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe' },
      },
      Parameters: {
        classification: 'parquet',
        'shoplake.schema': 'curated',
        'shoplake.table': 'orders',
        'shoplake.rows': '40',
        'shoplake.schema_version': '1',
      },
    });
    expect(orders?.StorageDescriptor.Columns.map((c) => `${c.Name}:${c.Type}`)).toEqual([
      'order_id:bigint',
      'customer_id:bigint',
      'status:string',
      'total_amount:decimal(12,2)',
      'order_ts:timestamp',
      'notes:string',
    ]);
    const daily = created.find((t) => t.Name === 'market_intelligence_hub__daily_sales');
    expect(daily?.PartitionKeys).toEqual([
      { Name: 'year', Type: 'bigint', Parameters: { 'shoplake.type': 'BIGINT' } },
    ]);
    expect(daily?.StorageDescriptor.Columns.map((c) => c.Name)).toEqual(['date', 'category', 'revenue']);

    const partitions = bodies('BatchCreatePartition');
    expect(partitions.map((b) => b.TableName).sort()).toEqual([
      'global_market_pulse__regional_performance',
      'market_intelligence_hub__daily_sales',
    ]);
    expect(partitions.find((b) => b.TableName === 'market_intelligence_hub__daily_sales')).toMatchObject({
      PartitionInputList: [
        {
          Values: ['2026'],
          StorageDescriptor: {
            Location: 's3://acme-lake-market-intelligence-hub-prod/daily_sales/year=2026/',
          },
        },
      ],
    });
    expect(replay?.unused()).toEqual([]);
  });

  it('leaves a table whose definition did not change alone', async () => {
    const first = await catalogFor(recorded('register-empty'));
    await first.register(snapshot);
    // What Glue gives back after the creates: the same inputs, with its own bookkeeping fields.
    const stored = inputs('CreateTable').map((input) => ({
      ...input,
      DatabaseName: 'acme_lake',
      CreateTime: 1767225600,
      UpdateTime: 1767225600,
      CatalogId: '123456789012',
      VersionId: '1',
    }));
    const partitionsOf = (name: string) =>
      bodies('BatchCreatePartition')
        .filter((b) => b.TableName === name)
        .flatMap((b) => b.PartitionInputList as { Values: string[] }[]);
    await replay?.close();
    const second = await catalogFor([
      { target: 'AWSGlue.GetTables', body: { TableList: stored } },
      {
        target: 'AWSGlue.GetPartitions',
        body: { Partitions: partitionsOf('global_market_pulse__regional_performance') },
      },
      {
        target: 'AWSGlue.GetPartitions',
        body: { Partitions: partitionsOf('market_intelligence_hub__daily_sales') },
      },
    ]);
    await second.register({ ...snapshot, crawledAt: '2026-02-01T00:00:00.000Z' });
    expect(replay?.targets()).toEqual([
      'AWSGlue.GetTables',
      'AWSGlue.GetPartitions',
      'AWSGlue.GetPartitions',
    ]);
  });

  it('pages through the database, updates changed tables, syncs partitions and drops only its own stale tables', async () => {
    const catalog = await catalogFor(recorded('register-existing'));
    await catalog.register(snapshot);

    expect(bodies('GetTables').map((b) => b.NextToken)).toEqual([
      undefined,
      'eyJsYXN0RXZhbHVhdGVkS2V5Ijp7InRhYmxlIjoid2VibG9ncyJ9fQ==',
    ]);
    expect(
      inputs('CreateTable')
        .map((t) => t.Name)
        .sort(),
    ).toEqual(['curated__customers', 'global_market_pulse__regional_performance']);
    const updates = bodies('UpdateTable');
    expect(updates.map((b) => (b.TableInput as TableInputBody).Name).sort()).toEqual([
      'curated__orders',
      'market_intelligence_hub__daily_sales',
    ]);
    // Same schema version as registered: Glue need not archive the old definition.
    expect(updates.every((b) => b.SkipArchive === true)).toBe(true);
    // Partitions: 2025 is gone from the lake, 2026 is already there (found on the second page).
    expect(
      bodies('GetPartitions').filter((b) => b.TableName === 'market_intelligence_hub__daily_sales'),
    ).toEqual([
      {
        DatabaseName: 'acme_lake',
        TableName: 'market_intelligence_hub__daily_sales',
        ExcludeColumnSchema: true,
      },
      {
        DatabaseName: 'acme_lake',
        TableName: 'market_intelligence_hub__daily_sales',
        ExcludeColumnSchema: true,
        NextToken: 'eyJwYXJ0aXRpb24iOlsiMjAyNSJdfQ==',
      },
    ]);
    expect(bodies('BatchDeletePartition')).toEqual([
      {
        DatabaseName: 'acme_lake',
        TableName: 'market_intelligence_hub__daily_sales',
        PartitionsToDelete: [{ Values: ['2025'] }],
      },
    ]);
    expect(bodies('BatchCreatePartition').map((b) => b.TableName)).toEqual([
      'global_market_pulse__regional_performance',
    ]);
    // curated__returns was shoplake's and is no longer in the lake; weblogs is someone else's.
    expect(bodies('DeleteTable')).toEqual([{ DatabaseName: 'acme_lake', Name: 'curated__returns' }]);
    expect(replay?.unused()).toEqual([]);
  });

  it("reads the lake's tables back across pages, from shoplake's parameters or a crawler's table", async () => {
    const catalog = await catalogFor(recorded('read-paginated'));
    const read = await catalog.read();

    expect(read?.crawledAt).toBe('2026-01-02T04:00:00.000Z');
    expect(read?.tables.map((t) => `${t.schema}.${t.name}`)).toEqual([
      'curated.orders',
      'market_intelligence_hub.daily_sales',
    ]);
    const [orders, daily] = read?.tables ?? [];
    expect(orders).toMatchObject({
      bucket: { zone: 'curated' },
      source: 'manifest',
      rows: 40,
      schemaVersion: 2,
      files: [],
      partitions: [],
    });
    expect(orders?.versions.map((v) => v.version)).toEqual([1, 2]);
    expect(orders?.columns.find((c) => c.name === 'total_amount')?.type).toBe('DECIMAL(12,2)');
    // A crawler's table: names from `<schema>__<table>`, types back from Hive, counts from its parameters.
    expect(daily).toMatchObject({
      bucket: { zone: 'prod', system: 'market-intelligence-hub' },
      source: 'listing',
      rows: 730,
      bytes: 18231,
      partitions: [{ column: 'year', values: ['2025', '2026'], valueCount: 2 }],
    });
    expect(daily?.columns).toEqual([
      { name: 'date', type: 'DATE' },
      { name: 'category', type: 'VARCHAR' },
      { name: 'revenue', type: 'DOUBLE' },
      { name: 'year', type: 'VARCHAR', partition: true },
    ]);
    expect(bodies('GetPartitions').map((b) => b.NextToken)).toEqual([
      undefined,
      'eyJwYXJ0aXRpb24iOlsiMjAyNSJdfQ==',
    ]);
  });

  it('describes one table, and answers undefined for a table Glue does not have', async () => {
    const found = await (await catalogFor(recorded('describe'))).describe('curated', 'orders');
    expect(bodies('GetTable')).toEqual([{ DatabaseName: 'acme_lake', Name: 'curated__orders' }]);
    expect(found).toMatchObject({ schema: 'curated', name: 'orders', rows: 40 });
    await replay?.close();
    expect(
      await (await catalogFor(recorded('missing-table'))).describe('curated', 'nothing'),
    ).toBeUndefined();
  });

  it('retries a throttled call through the SDK', async () => {
    const read = await (await catalogFor(recorded('throttled'))).read();
    expect(read?.tables.map((t) => t.name)).toEqual(['orders']);
    expect(replay?.targets()).toEqual(['AWSGlue.GetTables', 'AWSGlue.GetTables']);
  });

  it('says how to fix a missing database or a denied call', async () => {
    const missing = await (await catalogFor(recorded('missing-database'))).read().catch((e: unknown) => e);
    expect(missing).toMatchObject({ code: 'not_found' });
    expect((missing as Error).message).toMatch(/Glue database acme_lake does not exist: deploy the stack/);
    await replay?.close();
    const denied = await (await catalogFor(recorded('denied'))).list().catch((e: unknown) => e);
    expect(denied).toMatchObject({ code: 'access_denied', retryable: false });
    expect((denied as Error).message).toMatch(/grant glue:GetTables/);
  });
});
