// Redrive: send dead-lettered objects through the pipeline again, as they are now. The usual
// story: a raw object was broken, someone landed a fixed copy at the same key, and its letter
// is redriven; it then merges like any new object. A letter leaves the dead-letter area when
// redriven; an object that fails again gets a new letter with the new error.

import type { S3EventRecord } from 'aws-lambda';
import { objectCreatedRecordOf, objectRefOf } from '../core/s3-event.js';
import { ShoplakeError } from '../core/shoplake-error.js';
import { bucketFromName } from '../core/zones.js';
import type { DeadLetter } from '../ports/dead-letter-queue.js';
import type { LocalEnvironment } from './local-environment.js';
import { createLocalPipeline } from './local-pipeline.js';
import { type RunPipelineOptions, type RunPipelineSummary, summarise } from './run-pipeline.js';

export const REDRIVE_STATUSES = ['succeeded', 'failed', 'object-missing'] as const;
export type RedriveStatus = (typeof REDRIVE_STATUSES)[number];

export interface RedriveOutcome {
  readonly id: string;
  readonly handler: string;
  readonly key: string;
  readonly status: RedriveStatus;
  /** When it failed again: the new letter and its (masked) error. */
  readonly newLetterId?: string;
  readonly error?: string;
}

export interface RedriveSummary {
  readonly outcomes: readonly RedriveOutcome[];
  readonly pipeline: RunPipelineSummary;
}

export interface RedriveOptions extends Omit<RunPipelineOptions, 'onPending'> {
  /** Letter ids; every letter when empty and `all` is set. */
  readonly ids: readonly string[];
  readonly all?: boolean;
}

/**
 * @example
 * const { outcomes } = await redriveDeadLetters(env, { ids: ['r-2026...-raw-to-curated-1'], hmacKey, logger });
 * outcomes[0]?.status; // 'succeeded' once the object at its key is fixed
 */
export async function redriveDeadLetters(
  env: LocalEnvironment,
  options: RedriveOptions,
): Promise<RedriveSummary> {
  const started = Date.now();
  const pipeline = createLocalPipeline(env, { ...options, cause: 'redrive' });
  const letters = await pipeline.deadLetters.list();
  const chosen =
    options.all && options.ids.length === 0 ? letters : options.ids.map((id) => letterById(letters, id));
  const outcomes = new Map<string, RedriveOutcome>();
  const records = new Map<string, S3EventRecord>();
  for (const letter of chosen) {
    const ref = objectRefOf(letter.record);
    const fresh = await currentRecord(env, letter);
    if (!fresh) {
      outcomes.set(letter.id, {
        id: letter.id,
        handler: letter.handler,
        key: ref.key,
        status: 'object-missing',
        error: `The object ${ref.key} is gone; land a fixed copy and run \`shoplake run\`, or \`shoplake dlq discard ${letter.id}\`.`,
      });
      continue;
    }
    records.set(`${ref.bucketName}/${ref.key}`, fresh);
    // Taken out now: a new failure then leaves exactly one letter, the new one.
    await pipeline.deadLetters.remove(letter.id);
  }
  pipeline.logger.info('redrive.start', { letters: chosen.map((l) => l.id), objects: records.size });
  const before = new Set(letters.map((l) => l.id));
  if (records.size > 0) await pipeline.process([...records.values()]);
  const fresh = (await pipeline.deadLetters.list()).filter((l) => !before.has(l.id));
  for (const letter of chosen) {
    if (outcomes.has(letter.id)) continue;
    const key = objectRefOf(letter.record).key;
    const again = fresh.find((l) => objectRefOf(l.record).key === key && l.handler === letter.handler);
    outcomes.set(letter.id, {
      id: letter.id,
      handler: letter.handler,
      key,
      status: again ? 'failed' : 'succeeded',
      ...(again ? { newLetterId: again.id, error: again.error } : {}),
    });
  }
  const summary = summarise(pipeline, records.size, 0, started);
  const result = chosen.map((l) => outcomes.get(l.id)!);
  pipeline.logger.info('redrive.done', {
    outcomes: result.map((o) => ({ id: o.id, status: o.status, newLetterId: o.newLetterId })),
  });
  return { outcomes: result, pipeline: summary };
}

function letterById(letters: readonly DeadLetter[], id: string): DeadLetter {
  const letter = letters.find((l) => l.id === id);
  if (letter) return letter;
  throw new ShoplakeError(
    'not_found',
    `No dead letter "${id}"; \`shoplake dlq list\` shows the ids there are.`,
    {
      retryable: false,
    },
  );
}

/** The letter's record as S3 would send it for the object at its key now, or undefined when it is gone. */
async function currentRecord(env: LocalEnvironment, letter: DeadLetter): Promise<S3EventRecord | undefined> {
  const ref = objectRefOf(letter.record);
  const bucket = bucketFromName(env.config.bucketPrefix, ref.bucketName);
  if (!bucket) {
    throw new ShoplakeError(
      'invalid_argument',
      `Dead letter ${letter.id} is for bucket ${ref.bucketName}, which is not one of this lake's (bucket prefix "${env.config.bucketPrefix}").`,
      { retryable: false },
    );
  }
  const info = await env.store.head(bucket, ref.key);
  if (!info) return undefined;
  return objectCreatedRecordOf(ref.bucketName, info, '0');
}
