// One local run of the pipeline: wire handlers to the dispatcher, listen to the store's
// events, feed it every raw object not yet curated, and wait until the lake is quiet.

import type { S3Event } from 'aws-lambda';
import { LocalDeadLetterQueue } from '../adapters/local-fs/local-dead-letter-queue.js';
import type { SourceTableName } from '../core/source-tables.js';
import type { Logger } from '../ports/logger.js';
import type { CurateStep, CurateTableResult } from '../stages/curate/curate-table.js';
import {
  createRawToCuratedHandler,
  type RawToCuratedResult,
} from '../stages/curate/raw-to-curated-handler.js';
import {
  type CuratedToProdResult,
  createCuratedToProdHandler,
} from '../stages/publish/curated-to-prod-handler.js';
import type { SystemRunResult } from '../stages/publish/run-prod-system.js';
import { findPendingRaw } from './find-pending-raw.js';
import { type InvocationRecord, LocalDispatcher, type Route, type RouteStats } from './local-dispatcher.js';
import type { LocalEnvironment } from './local-environment.js';
import { CURATED_TO_PROD, curatedToProdRoute, RAW_TO_CURATED, rawToCuratedRoute } from './pipeline-routes.js';
import { recordInvocation } from './run-ledger.js';

export interface RunPipelineOptions {
  readonly hmacKey: string;
  readonly logger: Logger;
  /** Run curated-to-prod (the five systems) after curated changes; off when only curating. */
  readonly publish?: boolean;
  /** A curated-to-prod handler to use instead of the default one (tests). */
  readonly curatedToProd?: Route['handler'];
  readonly onProgress?: (event: { readonly table: string; readonly objects: number }) => void;
  /** Told how many raw objects the run found to process. */
  readonly onPending?: (objects: number) => void;
  readonly onStep?: (table: SourceTableName, step: CurateStep) => void | Promise<void>;
}

export interface RunPipelineSummary {
  readonly pendingObjects: number;
  readonly skippedDeadLettered: number;
  readonly tables: readonly CurateTableResult[];
  /** What each prod system did in the last curated-to-prod run (empty when not publishing). */
  readonly published: readonly SystemRunResult[];
  readonly deadLettered: number;
  readonly invocations: readonly InvocationRecord[];
  readonly routeStats: ReadonlyMap<string, Readonly<RouteStats>>;
  readonly durationMs: number;
}

export async function runPipeline(
  env: LocalEnvironment,
  options: RunPipelineOptions,
): Promise<RunPipelineSummary> {
  const started = Date.now();
  const { store, config } = env;
  const deadLetters = new LocalDeadLetterQueue(config.dataDir);
  const rawToCurated = createRawToCuratedHandler({
    store,
    engines: env.engines,
    hmacKey: options.hmacKey,
    bucketPrefix: config.bucketPrefix,
    rowsPerFile: config.curate.rowsPerFile,
    logger: options.logger,
    onStep: options.onStep,
  });
  const routes: Route[] = [
    rawToCuratedRoute(config.bucketPrefix, rawToCurated, config.dispatch.maxBatchObjects),
  ];
  const curatedToProd =
    options.curatedToProd ??
    (options.publish
      ? createCuratedToProdHandler({
          store,
          engines: env.engines,
          bucketPrefix: config.bucketPrefix,
          logger: options.logger,
          // The key is resolved before the pipeline starts; compliance-guardian reports it.
          settings: { 'compliance-guardian': { hmacKeyConfigured: true } },
        })
      : undefined);
  if (curatedToProd) routes.push(curatedToProdRoute(config.bucketPrefix, curatedToProd));

  const invocations: InvocationRecord[] = [];
  const dispatcher = new LocalDispatcher(routes, {
    maxAttempts: config.dispatch.maxAttempts,
    backoffMs: config.dispatch.backoffMs,
    maxConcurrency: config.dispatch.maxConcurrency,
    deadLetters,
    logger: options.logger,
    onInvocation: async (record) => {
      invocations.push(record);
      await recordInvocation(store, record);
      if (record.route === RAW_TO_CURATED) {
        for (const table of (record.outcome as RawToCuratedResult | undefined)?.tables ?? []) {
          options.onProgress?.({
            table: table.table,
            objects: table.objects.length + table.alreadyProcessed.length + table.failed.length,
          });
        }
      }
    },
  });
  const unsubscribe = store.onObjectCreated((event: S3Event) => dispatcher.submit(event));
  try {
    const pending = await findPendingRaw(store, config.bucketPrefix, deadLetters);
    options.logger.info('run.start', {
      pendingObjects: pending.records.length,
      byTable: Object.fromEntries(pending.byTable),
    });
    options.onPending?.(pending.records.length);
    dispatcher.submit({ Records: pending.records });
    await dispatcher.drain();
    const tables = invocations
      .filter((i) => i.route === RAW_TO_CURATED)
      .flatMap((i) => (i.outcome as RawToCuratedResult | undefined)?.tables ?? []);
    const stats = dispatcher.routeStats();
    const summary: RunPipelineSummary = {
      pendingObjects: pending.records.length,
      skippedDeadLettered: pending.deadLettered,
      tables,
      published: lastPublish(invocations),
      deadLettered: [...stats.values()].reduce((n, s) => n + s.deadLettered, 0),
      invocations,
      routeStats: stats,
      durationMs: Date.now() - started,
    };
    options.logger.info('run.done', {
      pendingObjects: summary.pendingObjects,
      deadLettered: summary.deadLettered,
      durationMs: summary.durationMs,
    });
    return summary;
  } finally {
    unsubscribe();
  }
}

function lastPublish(invocations: readonly InvocationRecord[]): SystemRunResult[] {
  const runs = invocations.filter((i) => i.route === CURATED_TO_PROD);
  const last = runs[runs.length - 1]?.outcome as CuratedToProdResult | undefined;
  return [...(last?.systems ?? [])];
}
