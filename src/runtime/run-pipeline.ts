// One local run of the pipeline: feed every raw object not yet curated to the handlers, follow
// the objects they create, and wait until the lake is quiet.

import type { SourceTableName } from '../core/source-tables.js';
import type { Logger } from '../ports/logger.js';
import type { CurateStep, CurateTableResult } from '../stages/curate/curate-table.js';
import type { RawToCuratedResult } from '../stages/curate/raw-to-curated-handler.js';
import type { CuratedToProdResult } from '../stages/publish/curated-to-prod-handler.js';
import type { SystemRunResult } from '../stages/publish/run-prod-system.js';
import { findPendingRaw } from './find-pending-raw.js';
import type { InvocationRecord } from './invocation-record.js';
import type { Route, RouteStats } from './local-dispatcher.js';
import type { LocalEnvironment } from './local-environment.js';
import { createLocalPipeline, type LocalPipeline } from './local-pipeline.js';
import { CURATED_TO_PROD, RAW_TO_CURATED } from './pipeline-routes.js';
import type { RunRecord } from './run-record.js';

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
  /** The pipeline run's id (its log lines carry it). */
  readonly runId: string;
  readonly pendingObjects: number;
  readonly skippedDeadLettered: number;
  readonly tables: readonly CurateTableResult[];
  /** What each prod system did in the last curated-to-prod run (empty when not publishing). */
  readonly published: readonly SystemRunResult[];
  readonly deadLettered: number;
  readonly invocations: readonly InvocationRecord[];
  /** The run records the invocations left in the lake. */
  readonly runs: readonly RunRecord[];
  readonly routeStats: ReadonlyMap<string, Readonly<RouteStats>>;
  readonly durationMs: number;
}

export async function runPipeline(
  env: LocalEnvironment,
  options: RunPipelineOptions,
): Promise<RunPipelineSummary> {
  const started = Date.now();
  const pipeline = createLocalPipeline(env, { ...options, cause: 'event' });
  const pending = await findPendingRaw(env.store, env.config.bucketPrefix, pipeline.deadLetters);
  pipeline.logger.info('run.start', {
    pendingObjects: pending.records.length,
    byTable: Object.fromEntries(pending.byTable),
  });
  options.onPending?.(pending.records.length);
  await pipeline.process(pending.records);
  const summary = summarise(pipeline, pending.records.length, pending.deadLettered, started);
  pipeline.logger.info('run.done', {
    pendingObjects: summary.pendingObjects,
    deadLettered: summary.deadLettered,
    durationMs: summary.durationMs,
  });
  return summary;
}

/** What a local pipeline did: per-table curate results, the last publish, dead letters, stats. */
export function summarise(
  pipeline: LocalPipeline,
  pendingObjects: number,
  skippedDeadLettered: number,
  started: number,
): RunPipelineSummary {
  const { invocations } = pipeline;
  const stats = pipeline.dispatcher.routeStats();
  return {
    runId: pipeline.runId,
    pendingObjects,
    skippedDeadLettered,
    tables: invocations
      .filter((i) => i.route === RAW_TO_CURATED)
      .flatMap((i) => (i.outcome as RawToCuratedResult | undefined)?.tables ?? []),
    published: lastPublish(invocations),
    deadLettered: [...stats.values()].reduce((n, s) => n + s.deadLettered, 0),
    invocations,
    runs: pipeline.runs,
    routeStats: stats,
    durationMs: Date.now() - started,
  };
}

function lastPublish(invocations: readonly InvocationRecord[]): SystemRunResult[] {
  const runs = invocations.filter((i) => i.route === CURATED_TO_PROD);
  const last = runs[runs.length - 1]?.outcome as CuratedToProdResult | undefined;
  return [...(last?.systems ?? [])];
}
