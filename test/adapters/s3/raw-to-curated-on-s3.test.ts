import { copyFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { S3Event } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createSilentLogger } from '../../../src/adapters/pino/pino-logger.js';
import type { S3ObjectStore } from '../../../src/adapters/s3/s3-object-store.js';
import { loadConfig } from '../../../src/config/load-config.js';
import { objectRefOf } from '../../../src/core/s3-event.js';
import { CURATED, RAW } from '../../../src/core/zones.js';
import { createAwsEnvironment } from '../../../src/runtime/aws-environment.js';
import { hmacToken } from '../../../src/stages/curate/masking/hmac-token.js';
import {
  createRawToCuratedHandler,
  type RawToCuratedHandler,
} from '../../../src/stages/curate/raw-to-curated-handler.js';
import { readManifest } from '../../../src/stages/curate/table-manifest.js';
import { context, createTestLake, putRaw, TEST_HMAC_KEY, type TestLake } from '../../support/raw-fixtures.js';
import { payment } from '../../support/source-rows.js';
import { type S3TestServer, startS3TestServer } from './s3-test-server.js';

let server: S3TestServer;
let store: S3ObjectStore;
let local: TestLake;
let handler: RawToCuratedHandler;
let scratchDir: string;
const events: S3Event[] = [];

beforeAll(async () => {
  server = await startS3TestServer('shoplake');
  server.onObjectCreated((event) => events.push(event));
  scratchDir = await mkdtemp(join(tmpdir(), 'shoplake-s3-e2e-'));
  const config = loadConfig({
    env: { SHOPLAKE_HMAC_KEY: TEST_HMAC_KEY },
    overrides: { bucketPrefix: 'shoplake', engine: { memoryLimit: '1GB', threads: 2 } },
  });
  // The AWS composition root, pointed at the test server instead of AWS.
  const aws = createAwsEnvironment(config, { ...server.clientSettings, scratchDir });
  store = aws.store;
  // The local lake only builds raw Parquet files with DuckDB and queries the curated output.
  local = await createTestLake();
  handler = createRawToCuratedHandler({
    store,
    engines: aws.engines,
    hmacKey: TEST_HMAC_KEY,
    bucketPrefix: config.bucketPrefix,
    rowsPerFile: 100_000,
    logger: createSilentLogger(),
  });
});
afterAll(async () => {
  store?.close();
  await local?.close();
  await server?.close();
  if (scratchDir) await rm(scratchDir, { recursive: true, force: true });
  if (local) await rm(local.dataDir, { recursive: true, force: true });
});

/** Builds a raw Parquet object locally and uploads it to the S3 raw bucket. */
async function landRaw(key: string, rows: readonly Record<string, unknown>[]): Promise<void> {
  await putRaw(local, 'payments', key, rows);
  const upload = await store.scratchPath('.parquet');
  await copyFile(local.store.pathOf(RAW, key), upload);
  await store.putFile(RAW, key, upload);
}

/** The server's own notification for an object, once it has arrived. */
async function notificationFor(bucket: string, key: string): Promise<S3Event> {
  return vi.waitFor(() => {
    const found = events.find((e) =>
      e.Records.some((r) => r.s3.bucket.name === bucket && objectRefOf(r).key === key),
    );
    if (!found) throw new Error(`no event yet for ${bucket}/${key}`);
    return found;
  });
}

describe('raw-to-curated on S3', () => {
  it('curates a raw object from the S3 event the server sent, writing curated objects back to S3', async () => {
    const key = 'payments/dt=2026-01-11/batch-1.parquet';
    await landRaw(key, [payment(1), payment(2, { card_number: '5555555555554444' }), payment(1)]);
    const event = await notificationFor('shoplake-raw', key);

    const result = await handler(event, context('s3-run-1'));

    expect(result.batchItemFailures).toEqual([]);
    expect(result.tables).toHaveLength(1);
    expect(result.tables[0]).toMatchObject({ table: 'payments', objects: [key], curatedRows: 2 });
    const manifest = await readManifest(store, 'payments');
    expect(manifest.processed[key]).toBe((await store.head(RAW, key))?.etag);
    expect(manifest.files.length).toBeGreaterThan(0);
    for (const file of manifest.files) expect(await store.head(CURATED, file)).toBeDefined();
    await notificationFor('shoplake-curated', '_state/payments.json');

    const rows = await store.withLocalFiles(CURATED, manifest.files, (paths) =>
      local.engine.query(
        `SELECT * FROM read_parquet([${paths.map((p) => `'${p}'`).join(', ')}]) ORDER BY payment_id`,
      ),
    );
    expect(rows.map((r) => Number(r.payment_id))).toEqual([1, 2]);
    expect(rows[0]).toMatchObject({
      card_last4: '1111',
      card_token: hmacToken(TEST_HMAC_KEY, '4111111111111111'),
    });
    expect(rows[1]).toMatchObject({
      card_last4: '4444',
      card_token: hmacToken(TEST_HMAC_KEY, '5555555555554444'),
    });
    expect(JSON.stringify(rows)).not.toMatch(/4111 1111|5555555555554444|737|ADA LOVELACE/);
  });

  it('treats a redelivered event as already processed', async () => {
    const key = 'payments/dt=2026-01-11/batch-1.parquet';
    const again = await handler(await notificationFor('shoplake-raw', key), context('s3-run-2'));
    expect(again.batchItemFailures).toEqual([]);
    expect(again.tables[0]).toMatchObject({ objects: [], alreadyProcessed: [key] });
  });

  it('fails the record, not the batch, when the raw object was deleted after its event', async () => {
    const key = 'payments/dt=2026-01-12/gone.parquet';
    await landRaw(key, [payment(3)]);
    const event = await notificationFor('shoplake-raw', key);
    await store.delete(RAW, key);

    const result = await handler(event, context('s3-run-3'));

    expect(result.batchItemFailures).toEqual([
      expect.objectContaining({ itemIdentifier: key, code: 'object_not_found', retryable: false }),
    ]);
  });
});
