import { copyFile } from 'node:fs/promises';
import type { SQSEvent } from 'aws-lambda';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { S3ObjectStore } from '../../../src/adapters/s3/s3-object-store.js';
import { objectCreatedRecord } from '../../../src/core/s3-event.js';
import { RAW } from '../../../src/core/zones.js';
import type { handler as RawToCuratedLambda } from '../../../src/runtime/lambda/raw-to-curated.js';
import { listRuns } from '../../../src/runtime/run-ledger.js';
import { context, putRaw, type TestLake } from '../../support/raw-fixtures.js';
import { payment } from '../../support/source-rows.js';
import { useRawToCuratedLambda } from './raw-to-curated-lambda-harness.js';

const PREFIX = 'runs-lake';
let store: S3ObjectStore;
let local: TestLake;
let handler: typeof RawToCuratedLambda;
const lambda = useRawToCuratedLambda(PREFIX);
beforeAll(() => {
  ({ store, local, handler } = lambda);
});

function sqsMessage(id: string, key: string, receiveCount: number): SQSEvent['Records'][number] {
  const record = objectCreatedRecord(
    { bucketName: `${PREFIX}-raw`, key, size: 2048, etag: 'e', eventTime: new Date(), sequencer: '1' },
    'us-east-1',
  );
  return {
    messageId: id,
    body: JSON.stringify({ Records: [record] }),
    attributes: { ApproximateReceiveCount: String(receiveCount) },
  } as unknown as SQSEvent['Records'][number];
}

async function invoke(event: SQSEvent, requestId: string): Promise<string[]> {
  const lines: string[] = [];
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    lines.push(...String(chunk).split('\n').filter(Boolean));
    return true;
  });
  try {
    await handler(event, context(requestId));
  } finally {
    write.mockRestore();
  }
  return lines;
}

describe('Lambda run records and metrics', () => {
  it('writes a run record to the lake and one EMF line per invocation', async () => {
    const key = 'payments/dt=2026-01-11/batch-1.parquet';
    await putRaw(local, 'payments', key, [payment(1), payment(2), payment(3, { amount: '-1.00' })]);
    const upload = await store.scratchPath('.parquet');
    await copyFile(local.store.pathOf(RAW, key), upload);
    await store.putFile(RAW, key, upload);

    const lines = await invoke({ Records: [sqsMessage('m-1', key, 2)] }, 'req-ok');
    const emf = lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => '_aws' in l);
    expect(emf).toHaveLength(1);
    expect(emf[0]).toMatchObject({
      handler: 'raw-to-curated',
      table: 'payments',
      runId: 'req-ok',
      outcome: 'succeeded',
      Invocations: 1,
      Errors: 0,
      RowsIn: 3,
      RowsOut: 2,
      RowsRejected: 1,
      BytesIn: 2048,
    });
    expect(emf[0]!.BytesOut).toBeGreaterThan(0);

    const [run] = await listRuns(store, { runId: 'req-ok' });
    expect(run).toMatchObject({
      stage: 'raw-to-curated',
      table: 'payments',
      trigger: key,
      attempt: 2,
      cause: 'event',
    });
  });

  it('records a terminal failure as a failed run, with its masked error', async () => {
    const key = 'payments/dt=2026-01-12/4111111111111111.parquet';
    const lines = await invoke({ Records: [sqsMessage('m-2', key, 1)] }, 'req-gone');
    const emf = lines.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => '_aws' in l);
    expect(emf).toMatchObject({ outcome: 'failed', Errors: 1, DeadLettered: 1, Retries: 0 });
    expect(lines.join('\n')).not.toContain('4111111111111111');
    const [run] = await listRuns(store, { runId: 'req-gone' });
    expect(run?.outcome).toBe('failed');
    expect(run?.error).toContain('does not exist');
    expect(JSON.stringify(run)).not.toContain('4111111111111111');
  });
});
