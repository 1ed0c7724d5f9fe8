// Runs a stage handler inside a Lambda entry point the way the local dispatcher does: timed,
// its peak memory sampled, its run record written to the lake (curated `_runs/`) and its
// metrics printed as one EMF line, so CloudWatch gets the same metrics `/metrics` shows.

import type { Context, SQSEvent } from 'aws-lambda';
import { parseRawKey } from '../../core/raw-key.js';
import { objectRefOf } from '../../core/s3-event.js';
import { errorMessage } from '../../core/shoplake-error.js';
import type { Logger } from '../../ports/logger.js';
import type { ObjectStore } from '../../ports/object-store.js';
import { maskFreeText } from '../../stages/curate/masking/mask-free-text.js';
import type { InvocationFailure, InvocationRecord } from '../invocation-record.js';
import { writeEmf } from '../metrics/emf-document.js';
import { PeakMemory } from '../metrics/peak-memory.js';
import { RAW_TO_CURATED } from '../pipeline-routes.js';
import { recordRun } from '../run-ledger.js';
import { runRecordOf } from '../run-record.js';
import type { ObjectFailure, UnwrappedBatch } from './sqs-s3-batch.js';

export interface RecordedRunInput {
  readonly route: string;
  readonly sqs: SQSEvent;
  readonly batch: UnwrappedBatch;
  readonly context: Context;
  readonly store: ObjectStore;
  readonly log: Logger;
}

/**
 * Retryable failures are retried by SQS (fate `retry`); terminal ones are acknowledged and
 * logged (fate `dead-letter`: given up). A thrown handler is recorded, then rethrown so Lambda
 * redelivers the batch.
 */
export async function recordedRun<R extends { readonly batchItemFailures: readonly ObjectFailure[] }>(
  input: RecordedRunInput,
  run: () => Promise<R>,
): Promise<R> {
  const started = Date.now();
  const memory = PeakMemory.start();
  let result: R | undefined;
  let thrown: unknown;
  try {
    result = await run();
    return result;
  } catch (error: unknown) {
    thrown = error;
    throw error;
  } finally {
    const keys = input.batch.event.Records.map((r) => objectRefOf(r).key);
    const error = thrown === undefined ? undefined : maskFreeText(errorMessage(thrown));
    const failures: InvocationFailure[] = result
      ? result.batchItemFailures.map((f) => ({
          key: f.itemIdentifier,
          code: f.code,
          error: f.error,
          fate: f.retryable ? 'retry' : 'dead-letter',
        }))
      : keys.map((key) => ({ key, code: 'handler_failed', error: error ?? '', fate: 'retry' }));
    const invocation: InvocationRecord = {
      runId: input.context.awsRequestId,
      route: input.route,
      group: input.route === RAW_TO_CURATED ? tableOf(keys) : '*',
      records: keys.length,
      keys,
      bytesIn: input.batch.event.Records.reduce((n, r) => n + (r.s3.object.size ?? 0), 0),
      attempt: Math.max(
        1,
        ...input.sqs.Records.map((m) => Number(m.attributes?.ApproximateReceiveCount ?? 1)),
      ),
      startedAt: new Date(started).toISOString(),
      durationMs: Date.now() - started,
      failedRecords: failures.length,
      failures,
      // SQS and reserved concurrency hold events back on AWS; Lambda's own Throttles metric counts that.
      held: { serialisation: 0, concurrency: 0 },
      queueDepth: 0,
      peakRssBytes: memory.stop(),
      ...(error ? { error } : {}),
      outcome: result,
    };
    const record = runRecordOf(invocation, 'event');
    writeEmf(record);
    // The data is committed whatever happens here: a lost run record is worth a warning only.
    await recordRun(input.store, record).catch((e: unknown) =>
      input.log.warn('run.record.failed', { error: maskFreeText(errorMessage(e)) }),
    );
  }
}

/** The table of a batch when it has one; batches mixing tables are recorded under '*'. */
function tableOf(keys: readonly string[]): string {
  const tables = new Set(
    keys.map((k) => parseRawKey(k)).map((p) => ('problem' in p ? '(invalid)' : p.table)),
  );
  return tables.size === 1 ? [...tables][0]! : '*';
}
