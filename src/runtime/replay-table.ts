// Replay: derive a table's raw objects again (all of them, or those exported since a day) and
// merge them in place of what they gave before, so that after a rule or key change curated
// converges to what a clean run with the new rules gives. One invocation takes the whole set:
// merged in several batches, versions dropped by an earlier batch could not come back.

import type { S3EventRecord } from 'aws-lambda';
import { isDataKey, parseRawKey } from '../core/raw-key.js';
import { objectCreatedRecordOf, objectRefOf } from '../core/s3-event.js';
import { ShoplakeError } from '../core/shoplake-error.js';
import { isSourceTableName, SOURCE_TABLE_NAMES, type SourceTableName } from '../core/source-tables.js';
import { bucketName, RAW } from '../core/zones.js';
import type { DeadLetterQueue } from '../ports/dead-letter-queue.js';
import type { ObjectStore } from '../ports/object-store.js';
import type { LocalEnvironment } from './local-environment.js';
import { createLocalPipeline } from './local-pipeline.js';
import { type RunPipelineOptions, type RunPipelineSummary, summarise } from './run-pipeline.js';

export interface ReplayOptions extends Omit<RunPipelineOptions, 'curatedToProd'> {
  readonly table: string;
  /** Only objects exported (`dt=`) on or after this day, YYYY-MM-DD. */
  readonly since?: string;
}

/**
 * @example
 * const summary = await replayTable(env, { table: 'orders', hmacKey, logger, publish: true });
 * summary.tables[0]?.rowsRederived; // rows taken out and derived again
 */
export async function replayTable(
  env: LocalEnvironment,
  options: ReplayOptions,
): Promise<RunPipelineSummary> {
  const started = Date.now();
  const table = checkedTable(options.table);
  if (options.since !== undefined) checkedDay(options.since);
  const pipeline = createLocalPipeline(env, { ...options, cause: 'replay', rederive: true });
  const found = await replayRecords(
    env.store,
    env.config.bucketPrefix,
    pipeline.deadLetters,
    table,
    options.since,
  );
  pipeline.logger.info('replay.start', {
    table,
    since: options.since,
    objects: found.records.length,
    skippedDeadLettered: found.deadLettered,
  });
  options.onPending?.(found.records.length);
  if (found.records.length > 0) await pipeline.process(found.records);
  const summary = summarise(pipeline, found.records.length, found.deadLettered, started);
  pipeline.logger.info('replay.done', {
    table,
    deadLettered: summary.deadLettered,
    durationMs: summary.durationMs,
  });
  return summary;
}

/** The table's raw objects (since the day), without those dead-lettered as they are now. */
async function replayRecords(
  store: ObjectStore,
  bucketPrefix: string,
  deadLetters: DeadLetterQueue,
  table: SourceTableName,
  since: string | undefined,
): Promise<{ records: S3EventRecord[]; deadLettered: number }> {
  const dead = new Set(
    (await deadLetters.list()).map((l) => `${objectRefOf(l.record).key}\u0000${l.record.s3.object.eTag}`),
  );
  const records: S3EventRecord[] = [];
  let deadLettered = 0;
  for await (const object of store.list(RAW, `${table}/`)) {
    const parsed = parseRawKey(object.key);
    if (!isDataKey(object.key) || 'problem' in parsed || parsed.table !== table) continue;
    if (since !== undefined && parsed.dt < since) continue;
    if (dead.has(`${object.key}\u0000${object.etag}`)) {
      deadLettered += 1;
      continue;
    }
    records.push(
      objectCreatedRecordOf(
        bucketName(bucketPrefix, RAW),
        object,
        records.length.toString(16).padStart(16, '0'),
      ),
    );
  }
  return { records, deadLettered };
}

export function checkedTable(table: string): SourceTableName {
  if (isSourceTableName(table)) return table;
  throw new ShoplakeError(
    'invalid_argument',
    `"${table}" is not a curated table; use one of ${SOURCE_TABLE_NAMES.join(', ')}.`,
    { retryable: false },
  );
}

/** A calendar day written YYYY-MM-DD. */
export function checkedDay(day: string): string {
  const time = new Date(`${day}T00:00:00Z`).getTime();
  // A day that does not exist (02-30) rolls over to another one: compare it back.
  if (/^\d{4}-\d{2}-\d{2}$/.test(day) && !Number.isNaN(time) && new Date(time).toISOString().startsWith(day))
    return day;
  throw new ShoplakeError(
    'invalid_argument',
    `"${day}" is not a day; write it as YYYY-MM-DD, e.g. 2026-01-31.`,
    {
      retryable: false,
    },
  );
}
