// The local pipeline's moving parts, wired once for `run`, `replay` and `dlq redrive`: the
// handlers and their routes, the dispatcher, and the run record every invocation leaves in the
// lake. Log lines of the whole pipeline carry its own run id; a handler's lines carry the
// invocation's run id (as in its run record) and the pipeline's as `pipelineRunId`.

import type { S3Event, S3EventRecord } from 'aws-lambda';
import { LocalDeadLetterQueue } from '../adapters/local-fs/local-dead-letter-queue.js';
import type { SourceTableName } from '../core/source-tables.js';
import type { Logger } from '../ports/logger.js';
import type { CurateStep } from '../stages/curate/curate-table.js';
import {
  createRawToCuratedHandler,
  type RawToCuratedResult,
} from '../stages/curate/raw-to-curated-handler.js';
import { createCuratedToProdHandler } from '../stages/publish/curated-to-prod-handler.js';
import type { InvocationRecord } from './invocation-record.js';
import { LocalDispatcher, type Route } from './local-dispatcher.js';
import type { LocalEnvironment } from './local-environment.js';
import { curatedToProdRoute, RAW_TO_CURATED, rawToCuratedRoute } from './pipeline-routes.js';
import { newRunId } from './run-id.js';
import { recordRun } from './run-ledger.js';
import { type RunCause, type RunRecord, runRecordOf } from './run-record.js';

export interface LocalPipelineOptions {
  readonly hmacKey: string;
  readonly logger: Logger;
  /** What starts the runs: recorded in each run record. */
  readonly cause: RunCause;
  /** Run curated-to-prod (the five systems) after curated changes; off when only curating. */
  readonly publish?: boolean;
  /** A curated-to-prod handler to use instead of the default one (tests). */
  readonly curatedToProd?: Route['handler'];
  /**
   * Replay: raw-to-curated derives every object again, and one invocation per table takes all
   * of its objects (a table rebuilt in several batches would lose versions between them).
   */
  readonly rederive?: boolean;
  readonly onProgress?: (event: { readonly table: string; readonly objects: number }) => void;
  readonly onStep?: (table: SourceTableName, step: CurateStep) => void | Promise<void>;
}

export interface LocalPipeline {
  readonly runId: string;
  /** Bound to the pipeline's run id. */
  readonly logger: Logger;
  readonly dispatcher: LocalDispatcher;
  readonly deadLetters: LocalDeadLetterQueue;
  readonly invocations: readonly InvocationRecord[];
  readonly runs: readonly RunRecord[];
  /** Submits the records, follows the objects the handlers create, and resolves when all is quiet. */
  process(records: readonly S3EventRecord[]): Promise<void>;
}

export function createLocalPipeline(env: LocalEnvironment, options: LocalPipelineOptions): LocalPipeline {
  const { store, config } = env;
  const runId = newRunId(new Date(), 'p');
  const handlerLogger = options.logger.child({ pipelineRunId: runId });
  const deadLetters = new LocalDeadLetterQueue(config.dataDir);
  const rawToCurated = createRawToCuratedHandler({
    store,
    engines: env.engines,
    hmacKey: options.hmacKey,
    bucketPrefix: config.bucketPrefix,
    rowsPerFile: config.curate.rowsPerFile,
    rules: config.curate,
    rederive: options.rederive,
    logger: handlerLogger,
    onStep: options.onStep,
  });
  const maxBatch = options.rederive ? Number.MAX_SAFE_INTEGER : config.dispatch.maxBatchObjects;
  const routes: Route[] = [rawToCuratedRoute(config.bucketPrefix, rawToCurated, maxBatch)];
  const curatedToProd =
    options.curatedToProd ??
    (options.publish
      ? createCuratedToProdHandler({
          store,
          engines: env.engines,
          bucketPrefix: config.bucketPrefix,
          logger: handlerLogger,
          // The key is resolved before the pipeline starts; compliance-guardian reports it.
          settings: { 'compliance-guardian': { hmacKeyConfigured: true } },
        })
      : undefined);
  if (curatedToProd) routes.push(curatedToProdRoute(config.bucketPrefix, curatedToProd));

  const invocations: InvocationRecord[] = [];
  const runs: RunRecord[] = [];
  const dispatcher = new LocalDispatcher(routes, {
    maxAttempts: config.dispatch.maxAttempts,
    backoffMs: config.dispatch.backoffMs,
    maxConcurrency: config.dispatch.maxConcurrency,
    deadLetters,
    logger: handlerLogger,
    onInvocation: async (invocation) => {
      invocations.push(invocation);
      const run = runRecordOf(invocation, options.cause);
      runs.push(run);
      await recordRun(store, run);
      if (invocation.route !== RAW_TO_CURATED) return;
      for (const table of (invocation.outcome as RawToCuratedResult | undefined)?.tables ?? []) {
        options.onProgress?.({
          table: table.table,
          objects: table.objects.length + table.alreadyProcessed.length + table.failed.length,
        });
      }
    },
  });
  return {
    runId,
    logger: options.logger.child({ runId }),
    dispatcher,
    deadLetters,
    invocations,
    runs,
    async process(records) {
      const unsubscribe = store.onObjectCreated((event: S3Event) => dispatcher.submit(event));
      try {
        dispatcher.submit({ Records: [...records] });
        await dispatcher.drain();
      } finally {
        unsubscribe();
      }
    },
  };
}
