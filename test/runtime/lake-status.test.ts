import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalDeadLetterQueue } from '../../src/adapters/local-fs/local-dead-letter-queue.js';
import { createSilentLogger } from '../../src/adapters/pino/pino-logger.js';
import { loadConfig } from '../../src/config/load-config.js';
import { objectCreatedRecord } from '../../src/core/s3-event.js';
import { buildLakeStatus } from '../../src/runtime/lake-status.js';
import { createLocalEnvironment, type LocalEnvironment } from '../../src/runtime/local-environment.js';
import { localOperationsDeps } from '../../src/runtime/local-operations-deps.js';
import { runPipeline } from '../../src/runtime/run-pipeline.js';
import type { FreshnessSettings } from '../../src/runtime/table-freshness.js';
import { readManifest } from '../../src/stages/curate/table-manifest.js';
import { writeProdManifest } from '../../src/stages/publish/prod-table-manifest.js';
import { createTestLake, putRaw, TEST_HMAC_KEY } from '../support/raw-fixtures.js';
import { order } from '../support/source-rows.js';

const HOUR = 3_600_000;

describe('lake status', () => {
  let dataDir: string;
  let env: LocalEnvironment;
  let committedAt: number;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'shoplake-status-'));
    const lake = await createTestLake(dataDir);
    await putRaw(lake, 'orders', 'orders/dt=2026-01-10/a.parquet', [
      order(1),
      order(2, { total_amount: '-5.00' }),
      order(3, { currency: 'EURO' }),
      order(4, { currency: 'DOLLARS' }),
    ]);
    await lake.close();
    env = createLocalEnvironment(
      loadConfig({ env: {}, overrides: { dataDir, engine: { memoryLimit: '512MB', threads: 1 } } }),
    );
    await runPipeline(env, { hmacKey: TEST_HMAC_KEY, logger: createSilentLogger() });
    committedAt = Date.parse((await readManifest(env.store, 'orders')).committedAt);
    await writeProdManifest(env.store, {
      system: 'market-intelligence-hub',
      table: 'daily_sales',
      version: 3,
      files: [],
      rows: 12,
      columns: [],
      partitionBy: [],
      committedAt: new Date(committedAt - 20 * HOUR).toISOString(),
      runId: 'r-test',
    });
    await new LocalDeadLetterQueue(dataDir).put({
      id: 'r-x-raw-to-curated-1',
      handler: 'raw-to-curated',
      record: objectCreatedRecord({
        bucketName: 'shoplake-raw',
        key: 'orders/dt=2026-01-11/b.parquet',
        size: 3,
        etag: 'e',
        eventTime: new Date(),
        sequencer: '1',
      }),
      error: 'not Parquet: 4111111111111111',
      code: 'object_corrupt',
      attempts: 1,
      failedAt: new Date().toISOString(),
      runId: 'r-x',
    });
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  const status = (freshness: Partial<FreshnessSettings>, hoursAfterCommit: number) =>
    buildLakeStatus(
      { ...localOperationsDeps(env), freshness: { maxAgeHours: 24, zones: {}, tables: {}, ...freshness } },
      { now: new Date(committedAt + hoursAfterCommit * HOUR) },
    );

  it('flags a table older than its maximum age, and one never committed', async () => {
    const fresh = await status({}, 23);
    const orders = fresh.tables.find((t) => t.table === 'orders');
    expect(orders).toMatchObject({
      zone: 'curated',
      rows: 1,
      version: 1,
      stale: false,
      maxAgeHours: 24,
      ageHours: 23,
    });
    expect(fresh.tables.find((t) => t.table === 'customers')).toMatchObject({
      stale: true,
      lastCommitAt: null,
      ageHours: null,
    });
    expect(fresh.tables.find((t) => t.table === 'daily_sales')).toMatchObject({
      zone: 'prod',
      system: 'market-intelligence-hub',
      rows: 12,
      version: 3,
      ageHours: 43,
      stale: true,
    });

    const later = await status({}, 25);
    expect(later.tables.find((t) => t.table === 'orders')).toMatchObject({ stale: true, ageHours: 25 });
  });

  it('takes the maximum age per table over per zone over the default', async () => {
    const s = await status(
      {
        zones: { curated: 48, prod: 72 },
        tables: { 'curated.orders': 12, 'market-intelligence-hub.daily_sales': 40 },
      },
      13,
    );
    const of = (table: string) => s.tables.find((t) => t.table === table);
    expect(of('orders')).toMatchObject({ maxAgeHours: 12, stale: true });
    expect(of('payments')).toMatchObject({ maxAgeHours: 48, stale: true });
    expect(of('daily_sales')).toMatchObject({ maxAgeHours: 40, stale: false, ageHours: 33 });
  });

  it('counts quarantined rows by rule and masks dead-letter errors', async () => {
    const s = await status({}, 1);
    expect(s.quarantineByRule).toEqual([
      { table: 'orders', rule: 'amount_range', rows: 1 },
      { table: 'orders', rule: 'code_format', rows: 2 },
    ]);
    expect(s.tables.find((t) => t.table === 'orders')?.quarantineRows).toBe(3);
    expect(s.deadLetters).toEqual([
      {
        id: 'r-x-raw-to-curated-1',
        bucket: 'shoplake-raw',
        key: 'orders/dt=2026-01-11/b.parquet',
        error: 'not Parquet: [card ****1111]',
        failedAt: expect.any(String),
        attempts: 1,
      },
    ]);
    expect(s.recentRuns[0]).toMatchObject({
      stage: 'raw-to-curated',
      trigger: 'orders/dt=2026-01-10/a.parquet',
      outcome: 'succeeded',
      rowsIn: 4,
      rowsKept: 1,
      rowsRejected: 3,
      duplicates: 0,
    });
  });

  it('refuses a freshness setting that names no table', async () => {
    await expect(status({ tables: { 'curated.order': 3 } }, 1)).rejects.toThrow(
      /"freshness.tables" names "curated.order", which is not a table/,
    );
    expect(() => loadConfig({ env: {}, overrides: { freshness: { tables: { orders: 3 } } } })).toThrow(
      /setting "freshness.tables.orders"/,
    );
  });
});
