import { copyFile } from 'node:fs/promises';
import type { S3Event, SQSEvent } from 'aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import type { S3ObjectStore } from '../../../src/adapters/s3/s3-object-store.js';
import { objectCreatedRecord } from '../../../src/core/s3-event.js';
import { CURATED, RAW } from '../../../src/core/zones.js';
import type { handler as RawToCuratedLambda } from '../../../src/runtime/lambda/raw-to-curated.js';
import { context, putRaw, type TestLake } from '../../support/raw-fixtures.js';
import { payment } from '../../support/source-rows.js';
import { useRawToCuratedLambda } from './raw-to-curated-lambda-harness.js';

let store: S3ObjectStore;
let local: TestLake;
let handler: typeof RawToCuratedLambda;
const lambda = useRawToCuratedLambda('lambda-lake');
beforeAll(() => {
  ({ store, local, handler } = lambda);
});

async function landRaw(key: string): Promise<void> {
  await putRaw(local, 'payments', key, [payment(1), payment(2)]);
  const upload = await store.scratchPath('.parquet');
  await copyFile(local.store.pathOf(RAW, key), upload);
  await store.putFile(RAW, key, upload);
}

/** S3 → SQS: each message body is an S3 event notification, as AWS sends it. */
function sqsEvent(messages: readonly { readonly id: string; readonly body: unknown }[]): SQSEvent {
  return {
    Records: messages.map(({ id, body }) => ({
      messageId: id,
      receiptHandle: `handle-${id}`,
      body: typeof body === 'string' ? body : JSON.stringify(body),
      attributes: {} as never,
      messageAttributes: {},
      md5OfBody: '',
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:lambda-lake-raw-events',
      awsRegion: 'us-east-1',
    })),
  };
}

function s3Notification(key: string): S3Event {
  const record = objectCreatedRecord(
    { bucketName: 'lambda-lake-raw', key, size: 1, etag: 'e', eventTime: new Date(), sequencer: '1' },
    'us-east-1',
  );
  return { Records: [record] };
}

describe('raw-to-curated Lambda entry point', () => {
  it('curates the raw objects named by an SQS batch of S3 notifications', async () => {
    const key = 'payments/dt=2026-01-11/batch-1.parquet';
    await landRaw(key);

    const response = await handler(sqsEvent([{ id: 'm-1', body: s3Notification(key) }]), context('lambda-1'));

    expect(response).toEqual({ batchItemFailures: [] });
    expect(await store.head(CURATED, '_state/payments.json')).toBeDefined();
    const curated: string[] = [];
    for await (const object of store.list(CURATED, 'payments/')) curated.push(object.key);
    expect(curated.length).toBeGreaterThan(0);
  });

  it('acknowledges terminal failures and non-S3 messages instead of retrying them', async () => {
    const response = await handler(
      sqsEvent([
        { id: 'gone', body: s3Notification('payments/dt=2026-01-12/never-landed.parquet') },
        { id: 'test-event', body: { Service: 'Amazon S3', Event: 's3:TestEvent' } },
        { id: 'garbage', body: 'not json' },
      ]),
      context('lambda-2'),
    );
    expect(response).toEqual({ batchItemFailures: [] });
  });
});
