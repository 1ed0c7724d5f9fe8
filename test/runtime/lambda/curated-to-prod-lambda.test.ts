import type { SQSEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { objectCreatedRecord } from '../../../src/core/s3-event.js';
import type { handler as CuratedToProdLambda } from '../../../src/runtime/lambda/curated-to-prod.js';
import { context } from '../../support/raw-fixtures.js';

let handler: typeof CuratedToProdLambda;

beforeAll(async () => {
  vi.stubEnv('AWS_REGION', 'us-east-1');
  vi.stubEnv('SHOPLAKE_BUCKET_PREFIX', 'c2p-lake');
  vi.stubEnv('SHOPLAKE_LOG_LEVEL', 'error');
  ({ handler } = await import('../../../src/runtime/lambda/curated-to-prod.js'));
});
afterAll(() => vi.unstubAllEnvs());

function message(id: string, bucketName: string, key: string): SQSEvent['Records'][number] {
  const record = objectCreatedRecord({
    bucketName,
    key,
    size: 1,
    etag: 'e',
    eventTime: new Date(),
    sequencer: '1',
  });
  return { messageId: id, body: JSON.stringify({ Records: [record] }) } as SQSEvent['Records'][number];
}

describe('curated-to-prod Lambda entry point', () => {
  it('acknowledges notifications that are not curated commits, without running the systems', async () => {
    const response = await handler(
      {
        Records: [
          message('m-1', 'c2p-lake-curated', 'orders/part-1.parquet'),
          message('m-2', 'other', 'x.json'),
        ],
      },
      context('c2p-1'),
    );
    expect(response).toEqual({ batchItemFailures: [] });
  });
});
