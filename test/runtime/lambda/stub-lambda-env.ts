// The environment the stack gives a function, pointed at the S3 test server instead of AWS.

import { vi } from 'vitest';
import { S3RVER_CREDENTIALS, type S3TestServer } from '../../adapters/s3/s3-test-server.js';

export function stubLambdaEnv(
  server: S3TestServer,
  bucketPrefix: string,
  scratchDir: string,
  extra: Readonly<Record<string, string>> = {},
): void {
  const env: Record<string, string> = {
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: S3RVER_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: S3RVER_CREDENTIALS.secretAccessKey,
    SHOPLAKE_S3_ENDPOINT: server.endpoint,
    SHOPLAKE_BUCKET_PREFIX: bucketPrefix,
    SHOPLAKE_SCRATCH_DIR: scratchDir,
    SHOPLAKE_THREADS: '2',
    SHOPLAKE_LOG_LEVEL: 'error',
    ...extra,
  };
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
}
