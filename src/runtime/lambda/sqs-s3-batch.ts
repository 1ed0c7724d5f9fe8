// S3 → SQS → Lambda: each SQS message body is an S3 event notification. Unwraps a batch into
// one S3Event for the stage handler, and maps the handler's per-object failures back to the
// SQS message ids that Lambda's partial batch response needs.

import type { S3Event, S3EventRecord, SQSBatchItemFailure, SQSEvent } from 'aws-lambda';
import { objectRefOf } from '../../core/s3-event.js';
import type { Logger } from '../../ports/logger.js';

export interface UnwrappedBatch {
  readonly event: S3Event;
  /** Object key → the messages that carried it (a key can arrive twice in one batch). */
  readonly messagesOfKey: ReadonlyMap<string, readonly string[]>;
}

/**
 * Bodies that are not S3 events (S3's `s3:TestEvent` on setup, stray messages) are logged and
 * acknowledged: retrying them can never succeed.
 */
export function unwrapSqsBatch(sqs: SQSEvent, log: Logger): UnwrappedBatch {
  const records: S3EventRecord[] = [];
  const messagesOfKey = new Map<string, string[]>();
  for (const message of sqs.Records) {
    const parsed = parseBody(message.body);
    if (!parsed) {
      log.warn('sqs.message.ignored', {
        messageId: message.messageId,
        reason: 'not an S3 event notification',
      });
      continue;
    }
    for (const record of parsed) {
      records.push(record);
      const { key } = objectRefOf(record);
      messagesOfKey.set(key, [...(messagesOfKey.get(key) ?? []), message.messageId]);
    }
  }
  return { event: { Records: records }, messagesOfKey };
}

export interface ObjectFailure {
  readonly itemIdentifier: string;
  readonly error: string;
  readonly code: string;
  readonly retryable: boolean;
}

/**
 * Retryable failures go back to the queue (their messages are reported); terminal ones are
 * logged and acknowledged, since a retry would fail the same way.
 */
export function batchItemFailures(
  batch: UnwrappedBatch,
  failures: readonly ObjectFailure[],
  log: Logger,
): SQSBatchItemFailure[] {
  const retry = new Set<string>();
  for (const failure of failures) {
    const messages = batch.messagesOfKey.get(failure.itemIdentifier) ?? [];
    if (failure.retryable) for (const id of messages) retry.add(id);
    else
      log.error('object.failed.terminal', {
        key: failure.itemIdentifier,
        code: failure.code,
        error: failure.error,
      });
  }
  return [...retry].map((itemIdentifier) => ({ itemIdentifier }));
}

function parseBody(body: string): S3EventRecord[] | undefined {
  try {
    const value = JSON.parse(body) as { Records?: unknown };
    if (!Array.isArray(value.Records)) return undefined;
    return (value.Records as S3EventRecord[]).filter(
      (r) =>
        r?.eventSource === 'aws:s3' &&
        typeof r.s3?.object?.key === 'string' &&
        r.eventName?.startsWith('ObjectCreated:'),
    );
  } catch {
    return undefined;
  }
}
