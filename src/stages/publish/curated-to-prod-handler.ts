// curated-to-prod as a Lambda handler: fired (coalesced) by curated table commits, it runs
// every prod system over the committed curated data and publishes their tables. Systems run
// one after the other, each in its own engine session, so one system's failure or memory
// does not touch the others. A failing system is recorded, not retried: the next curated
// commit runs it again, and a retry of the whole invocation would redo the healthy systems.

import type { Context, S3Event } from 'aws-lambda';
import { objectRefOf } from '../../core/s3-event.js';
import { errorMessage, ShoplakeError } from '../../core/shoplake-error.js';
import type { SourceTableName } from '../../core/source-tables.js';
import { bucketFromName, CURATED, type SystemName, sameBucket } from '../../core/zones.js';
import type { EngineFactory } from '../../ports/engine.js';
import type { Logger } from '../../ports/logger.js';
import type { ObjectStore } from '../../ports/object-store.js';
import type { ProdSystem } from '../../systems/prod-system.js';
import { PROD_SYSTEMS } from '../../systems/system-registry.js';
import { maskFreeText } from '../curate/masking/mask-free-text.js';
import { STATE_PREFIX } from '../curate/table-manifest.js';
import { latestOrderDay } from './latest-order-day.js';
import { runProdSystem, type SystemRunResult } from './run-prod-system.js';
import { withCuratedView } from './with-curated-view.js';
import type { PublishStep } from './write-prod-table.js';
import { writePublishRecord } from './write-publish-record.js';

export interface CuratedToProdDeps {
  readonly store: ObjectStore;
  readonly engines: EngineFactory;
  readonly bucketPrefix: string;
  readonly logger: Logger;
  /** The systems to run; default PROD_SYSTEMS. */
  readonly systems?: readonly ProdSystem[];
  /** Per-system settings (forecast horizon, ...); each system documents its own keys. */
  readonly settings?: Readonly<Partial<Record<SystemName, Readonly<Record<string, unknown>>>>>;
  /** Called after each publish step of each table; tests throw from it to simulate a crash. */
  readonly onStep?: (system: SystemName, table: string, step: PublishStep) => void | Promise<void>;
}

export interface CuratedToProdRecordFailure {
  readonly itemIdentifier: string;
  readonly error: string;
  readonly code: string;
  readonly retryable: boolean;
}

export interface CuratedToProdResult {
  readonly runId: string;
  /** The day the systems took as "today": the latest order day in curated. */
  readonly asOf: string;
  readonly systems: readonly SystemRunResult[];
  /** Rows of each curated table the run read (at the versions it read). */
  readonly curatedRows: Readonly<Partial<Record<SourceTableName, number>>>;
  /** Only records that were not curated commits; system failures are in `systems`. */
  readonly batchItemFailures: readonly CuratedToProdRecordFailure[];
}

export type CuratedToProdHandler = (event: S3Event, context: Context) => Promise<CuratedToProdResult>;

/**
 * @example
 * const handler = createCuratedToProdHandler({ store, engines, bucketPrefix: 'shoplake', logger });
 * const result = await handler(event, context);
 * for (const s of result.systems) console.log(s.system, s.status, s.tables.map((t) => `${t.table}:${t.rows}`));
 */
export function createCuratedToProdHandler(deps: CuratedToProdDeps): CuratedToProdHandler {
  const systems = deps.systems ?? PROD_SYSTEMS;
  return async (event, context) => {
    const runId = context.awsRequestId;
    const startedAt = new Date().toISOString();
    const log = deps.logger.child({ runId, handler: 'curated-to-prod' });
    const failures: CuratedToProdRecordFailure[] = [];
    let commits = 0;
    for (const record of event.Records) {
      const { bucketName, key } = objectRefOf(record);
      const bucket = bucketFromName(deps.bucketPrefix, bucketName);
      if (bucket && sameBucket(bucket, CURATED) && key.startsWith(STATE_PREFIX) && key.endsWith('.json'))
        commits += 1;
      else failures.push(notACommit(bucketName, key));
    }
    if (commits === 0) return { runId, asOf: '', systems: [], curatedRows: {}, batchItemFailures: failures };

    const prefixes = systems.flatMap((s) => s.curatedPrefixes ?? []);
    return withCuratedView(deps.store, prefixes, async (view) => {
      const asOf = await latestOrderDay(deps.engines, view.relation('orders'));
      log.info('publish.start', {
        asOf,
        systems: systems.map((s) => s.name),
        curatedVersions: view.versions,
      });
      const results: SystemRunResult[] = [];
      for (const system of systems) {
        const result = await runProdSystem(system, {
          store: deps.store,
          engines: deps.engines,
          logger: log,
          view,
          asOf,
          runId,
          settings: deps.settings?.[system.name] ?? {},
          onStep: deps.onStep,
        });
        results.push(result);
        try {
          await writePublishRecord(deps.store, {
            ...result,
            runId,
            asOf,
            startedAt,
            curatedVersions: view.versions,
          });
        } catch (error: unknown) {
          // The tables are committed; a missing record is worth a log line, not a failed system.
          log.warn('publish.record.failed', {
            system: system.name,
            error: maskFreeText(errorMessage(error)),
          });
        }
        log.info('publish.system.done', {
          system: system.name,
          status: result.status,
          tables: result.tables.map((t) => ({ table: t.table, rows: t.rows })),
          ms: result.durationMs,
          error: result.error,
        });
      }
      return { runId, asOf, systems: results, curatedRows: view.rows, batchItemFailures: failures };
    });
  };
}

function notACommit(bucketName: string, key: string): CuratedToProdRecordFailure {
  const error = new ShoplakeError(
    'invalid_argument',
    `Event for ${bucketName}/${key}, which is not a curated table commit (_state/<table>.json); check the bucket notification filter.`,
    { retryable: false },
  );
  return { itemIdentifier: key, error: maskFreeText(error.message), code: error.code, retryable: false };
}
