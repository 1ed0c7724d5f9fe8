import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { S3ObjectStore } from '../../../src/adapters/s3/s3-object-store.js';
import { loadConfig } from '../../../src/config/load-config.js';
import { CURATED } from '../../../src/core/zones.js';
import { createAwsEnvironment } from '../../../src/runtime/aws-environment.js';
import type { handler as CatalogLambda } from '../../../src/runtime/lambda/catalog.js';
import { catalogBuckets } from '../../../src/stages/catalog/crawl-catalog.js';
import { CATALOG_KEY } from '../../../src/stages/catalog/object-store-catalog.js';
import { type AwsReplayServer, startAwsReplayServer } from '../../adapters/aws-replay-server.js';
import { type S3TestServer, startS3TestServer } from '../../adapters/s3/s3-test-server.js';
import { createSqlTestLake } from '../../stages/catalog/sql-test-lake.js';
import { context } from '../../support/raw-fixtures.js';
import { stubLambdaEnv } from './stub-lambda-env.js';

const PREFIX = 'catalog-lake';

let s3: S3TestServer;
let glue: AwsReplayServer;
let store: S3ObjectStore;
let scratchDir: string;
let handler: typeof CatalogLambda;

beforeAll(async () => {
  s3 = await startS3TestServer(PREFIX);
  glue = await startAwsReplayServer([
    { target: 'AWSGlue.GetTables', body: { TableList: [] } },
    ...Array.from({ length: 4 }, () => ({ target: 'AWSGlue.CreateTable', body: {} })),
    ...Array.from({ length: 2 }, () => ({ target: 'AWSGlue.GetPartitions', body: { Partitions: [] } })),
    ...Array.from({ length: 2 }, () => ({ target: 'AWSGlue.BatchCreatePartition', body: { Errors: [] } })),
  ]);
  scratchDir = await mkdtemp(join(tmpdir(), 'shoplake-catalog-lambda-'));
  // S3 goes to s3rver, Glue to the replaying server: both endpoints as the function would get them.
  stubLambdaEnv(s3, PREFIX, scratchDir, { SHOPLAKE_AWS_ENDPOINT: glue.endpoint });
  store = createAwsEnvironment(loadConfig({ env: {}, overrides: { bucketPrefix: PREFIX } }), {
    ...s3.clientSettings,
    scratchDir: join(scratchDir, 'test'),
  }).store;
  // The small SQL lake (curated, a partitioned prod table, a listed one), copied onto S3.
  const local = await createSqlTestLake();
  try {
    for (const bucket of catalogBuckets())
      for await (const object of local.store.list(bucket))
        await store.putFile(bucket, object.key, local.store.pathOf(bucket, object.key));
  } finally {
    await local.close();
  }
  ({ handler } = await import('../../../src/runtime/lambda/catalog.js'));
});
afterAll(async () => {
  vi.unstubAllEnvs();
  store?.close();
  await glue?.close();
  await s3?.close();
  if (scratchDir) await rm(scratchDir, { recursive: true, force: true });
});

describe('catalog Lambda entry point', () => {
  it("crawls the lake on S3, keeps the crawl in the lake's catalog object and registers the tables into Glue", async () => {
    const result = await handler({} as never, context('catalog-1'));
    expect(result).toMatchObject({ tables: 4, problems: [] });
    expect(result.filesInspected).toBeGreaterThanOrEqual(4);

    const stored = JSON.parse(Buffer.from(await store.get(CURATED, CATALOG_KEY)).toString('utf8')) as {
      tables: { schema: string; name: string; files: unknown[] }[];
    };
    expect(stored.tables.map((t) => `${t.schema}.${t.name}`)).toContain('curated.orders');
    expect(stored.tables.every((t) => t.files.length > 0)).toBe(true);

    const created = glue.requests
      .filter((r) => r.target === 'AWSGlue.CreateTable')
      .map((r) => r.body.TableInput as { Name: string; StorageDescriptor: { Location: string } });
    expect(created.map((t) => t.Name).sort()).toEqual([
      'curated__customers',
      'curated__orders',
      'global_market_pulse__regional_performance',
      'market_intelligence_hub__daily_sales',
    ]);
    expect(created.find((t) => t.Name === 'curated__orders')?.StorageDescriptor.Location).toBe(
      's3://catalog-lake-curated/orders/',
    );
    expect(glue.requests.every((r) => r.body.DatabaseName === 'catalog_lake')).toBe(true);
    expect(glue.unused()).toEqual([]);
  });
});
