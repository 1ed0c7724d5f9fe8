import type { SQSEvent } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { createSilentLogger } from '../../../src/adapters/pino/pino-logger.js';
import { objectCreatedRecord } from '../../../src/core/s3-event.js';
import { batchItemFailures, unwrapSqsBatch } from '../../../src/runtime/lambda/sqs-s3-batch.js';

const log = createSilentLogger();

function message(id: string, keys: readonly string[]): SQSEvent['Records'][number] {
  const records = keys.map((key) =>
    objectCreatedRecord({
      bucketName: 'b-raw',
      key,
      size: 1,
      etag: 'e',
      eventTime: new Date(0),
      sequencer: '1',
    }),
  );
  return { messageId: id, body: JSON.stringify({ Records: records }) } as SQSEvent['Records'][number];
}

describe('unwrapSqsBatch and batchItemFailures', () => {
  it('reports every message that carried a retryably failed key, and only those', () => {
    const batch = unwrapSqsBatch(
      { Records: [message('m1', ['a/1']), message('m2', ['a/2']), message('m3', ['a/1'])] },
      log,
    );
    expect(batch.event.Records).toHaveLength(3);
    const failures = batchItemFailures(
      batch,
      [
        { itemIdentifier: 'a/1', error: 'throttled', code: 'transient_io', retryable: true },
        { itemIdentifier: 'a/2', error: 'bad key', code: 'invalid_key', retryable: false },
      ],
      log,
    );
    expect(failures).toEqual([{ itemIdentifier: 'm1' }, { itemIdentifier: 'm3' }]);
  });

  it('drops bodies that are not S3 object-created notifications', () => {
    const batch = unwrapSqsBatch(
      { Records: [{ messageId: 'x', body: '{"Event":"s3:TestEvent"}' } as SQSEvent['Records'][number]] },
      log,
    );
    expect(batch.event.Records).toEqual([]);
  });
});
