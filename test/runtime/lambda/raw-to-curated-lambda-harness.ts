// The raw-to-curated Lambda as the stack runs it, against the S3 test server: the function's
// environment, its handler, an S3 store to land raw objects with, and a local lake to build
// them in. Registers its own beforeAll/afterAll; the fields are set once beforeAll has run.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, vi } from 'vitest';
import type { S3ObjectStore } from '../../../src/adapters/s3/s3-object-store.js';
import { loadConfig } from '../../../src/config/load-config.js';
import { createAwsEnvironment } from '../../../src/runtime/aws-environment.js';
import type { handler as RawToCuratedLambda } from '../../../src/runtime/lambda/raw-to-curated.js';
import { type S3TestServer, startS3TestServer } from '../../adapters/s3/s3-test-server.js';
import { createTestLake, TEST_HMAC_KEY, type TestLake } from '../../support/raw-fixtures.js';
import { stubLambdaEnv } from './stub-lambda-env.js';

export interface RawToCuratedLambdaHarness {
  store: S3ObjectStore;
  local: TestLake;
  handler: typeof RawToCuratedLambda;
}

export function useRawToCuratedLambda(bucketPrefix: string): RawToCuratedLambdaHarness {
  const harness = {} as RawToCuratedLambdaHarness;
  let server: S3TestServer | undefined;
  let scratchDir: string | undefined;
  beforeAll(async () => {
    server = await startS3TestServer(bucketPrefix);
    scratchDir = await mkdtemp(join(tmpdir(), 'shoplake-lambda-'));
    stubLambdaEnv(server, bucketPrefix, scratchDir, {
      SHOPLAKE_HMAC_KEY: TEST_HMAC_KEY,
      SHOPLAKE_MEMORY_LIMIT: '1GB',
    });
    harness.handler = (await import('../../../src/runtime/lambda/raw-to-curated.js')).handler;
    const config = loadConfig({ env: { SHOPLAKE_HMAC_KEY: TEST_HMAC_KEY }, overrides: { bucketPrefix } });
    harness.store = createAwsEnvironment(config, {
      ...server.clientSettings,
      scratchDir: join(scratchDir, 'test'),
    }).store;
    harness.local = await createTestLake();
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    harness.store?.close();
    await harness.local?.close();
    await server?.close();
    if (scratchDir) await rm(scratchDir, { recursive: true, force: true });
    if (harness.local) await rm(harness.local.dataDir, { recursive: true, force: true });
  });
  return harness;
}
