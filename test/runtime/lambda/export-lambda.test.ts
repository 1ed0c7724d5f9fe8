import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ScheduledEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { MysqlSink } from '../../../src/adapters/mysql/mysql-sink.js';
import type { S3ObjectStore } from '../../../src/adapters/s3/s3-object-store.js';
import { loadConfig } from '../../../src/config/load-config.js';
import { RAW } from '../../../src/core/zones.js';
import { createAwsEnvironment } from '../../../src/runtime/aws-environment.js';
import type { handler as ExportLambda } from '../../../src/runtime/lambda/export.js';
import { createTestDatabase, type TestDatabase } from '../../adapters/mysql/mysql-test-database.js';
import { type S3TestServer, startS3TestServer } from '../../adapters/s3/s3-test-server.js';
import { handMadeWorld } from '../../stages/export/hand-made-world.js';
import { context } from '../../support/raw-fixtures.js';
import { stubLambdaEnv } from './stub-lambda-env.js';

let server: S3TestServer;
let db: TestDatabase;
let store: S3ObjectStore;
let scratchDir: string;
let handler: typeof ExportLambda;

beforeAll(async () => {
  db = await createTestDatabase();
  const sink = await MysqlSink.open(db.target);
  try {
    for (const batch of handMadeWorld(5)) await sink.load(batch);
  } finally {
    await sink.close();
  }
  server = await startS3TestServer('export-lake');
  scratchDir = await mkdtemp(join(tmpdir(), 'shoplake-lambda-export-'));
  stubLambdaEnv(server, 'export-lake', scratchDir, {
    SHOPLAKE_MYSQL_URL: db.url,
    SHOPLAKE_MEMORY_LIMIT: '512MB',
  });
  ({ handler } = await import('../../../src/runtime/lambda/export.js'));
  const config = loadConfig({ env: {}, overrides: { bucketPrefix: 'export-lake' } });
  store = createAwsEnvironment(config, {
    ...server.clientSettings,
    scratchDir: join(scratchDir, 'test'),
  }).store;
});
afterAll(async () => {
  vi.unstubAllEnvs();
  store?.close();
  await server?.close();
  await db?.drop();
  if (scratchDir) await rm(scratchDir, { recursive: true, force: true });
});

describe('export Lambda entry point', () => {
  it('exports every source table to the raw bucket on a scheduled event', async () => {
    const result = await handler({} as ScheduledEvent, context('export-1'));

    expect(result.tables.map((t) => t.mode)).not.toContain('incremental');
    expect(result.rows).toBeGreaterThan(0);
    const keys: string[] = [];
    for await (const object of store.list(RAW)) keys.push(object.key);
    for (const table of result.tables) for (const key of table.objects) expect(keys).toContain(key);
  });
});
