// Where events go that keep failing: kept with their error so a person can look and redrive.
// Locally a folder; in AWS an SQS dead-letter queue.

import type { S3EventRecord } from 'aws-lambda';

export interface DeadLetter {
  readonly id: string;
  readonly handler: string;
  readonly record: S3EventRecord;
  /** Masked: never carries card data. */
  readonly error: string;
  readonly code: string;
  readonly attempts: number;
  readonly failedAt: string;
  readonly runId: string;
}

/**
 * @example
 * await dlq.put({ id, handler: 'raw-to-curated', record, error: 'not Parquet', code: 'object_corrupt', attempts: 1, failedAt, runId });
 */
export interface DeadLetterQueue {
  put(letter: DeadLetter): Promise<void>;
  list(): Promise<DeadLetter[]>;
  remove(id: string): Promise<void>;
}
