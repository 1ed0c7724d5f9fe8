// The lake at a glance, one shape for `shoplake status --json`, `GET /api/status` and the
// dashboard: tables with their freshness, per-handler metrics, recent runs, quarantine by rule
// and the dead-letter area.

import { objectRefOf } from '../core/s3-event.js';
import type { DeadLetterQueue } from '../ports/dead-letter-queue.js';
import type { EngineFactory } from '../ports/engine.js';
import type { ObjectStore } from '../ports/object-store.js';
import { redactDeep } from '../stages/curate/masking/redact-deep.js';
import { type QuarantineCount, quarantineByRule } from '../stages/curate/quarantine-by-rule.js';
import type { TableManifest } from '../stages/curate/table-manifest.js';
import { lakeTables } from './lake-tables.js';
import { handlerMetrics } from './metrics/handler-metrics.js';
import { listRuns } from './run-ledger.js';
import type { RunOutcome, RunRecord } from './run-record.js';
import { checkFreshnessKeys, type FreshnessSettings, tableFreshness } from './table-freshness.js';

/**
 * What is known exactly, and how:
 * - `tables`: from the commit manifests; `ageHours` is hours since the last commit (two
 *   decimals), `stale` when it exceeds `maxAgeHours` or the table was never committed
 *   (`lastCommitAt` null, `ageHours` null). `quarantineRows` for curated tables only.
 * - `handlers`: over the most recent runs in the run history (10,000 by default), not all
 *   time. `retries` counts records queued again, `throttles` records that had to wait (per-table
 *   serialisation or the concurrency cap), `errors` runs in which something failed. Durations
 *   are nearest-rank percentiles. `rowsIn`/`rowsOut`: raw rows read / rows kept for curated
 *   (raw-to-curated); curated rows in view / rows published (curated-to-prod).
 * - `recentRuns`: `trigger` is the first object key of the run's event, with "(+N more)" when
 *   it named several; `rowsKept` is the run's rows passed on (see `rowsOut` above);
 *   `rowsRejected` and `duplicates` are 0 for curated-to-prod, which neither rejects nor dedups.
 * - `deadLetters`: the local dead-letter area (on AWS the SQS dead-letter queues, not read here).
 * Every string is masked: no card data reaches run history, errors or this answer.
 */
export interface LakeStatus {
  generatedAt: string;
  tables: {
    zone: 'curated' | 'prod';
    system?: string;
    table: string;
    rows: number;
    version: number;
    lastCommitAt: string | null;
    quarantineRows?: number;
    stale: boolean;
    maxAgeHours: number;
    ageHours: number | null;
  }[];
  handlers: {
    handler: string;
    invocations: number;
    errors: number;
    retries: number;
    throttles: number;
    p50Ms: number;
    p95Ms: number;
    maxMs: number;
    rowsIn: number;
    rowsOut: number;
  }[];
  recentRuns: {
    runId: string;
    stage: string;
    trigger: string;
    startedAt: string;
    endedAt: string;
    outcome: RunOutcome;
    rowsIn: number;
    rowsKept: number;
    rowsRejected: number;
    duplicates: number;
    error?: string;
  }[];
  quarantineByRule: { table: string; rule: string; rows: number }[];
  deadLetters: {
    id: string;
    bucket: string;
    key: string;
    error: string;
    failedAt: string;
    attempts: number;
  }[];
}

export interface LakeStatusDeps {
  readonly store: ObjectStore;
  readonly engines: EngineFactory;
  readonly deadLetters: DeadLetterQueue;
  readonly freshness: FreshnessSettings;
}

export interface LakeStatusOptions {
  readonly now?: Date;
  /** Runs listed in `recentRuns` (default 20). */
  readonly recentRuns?: number;
  /** Runs the handler metrics cover (default 10,000), newest first. */
  readonly metricsWindow?: number;
  /** The runs, when the caller has read them already (newest first). */
  readonly runs?: readonly RunRecord[];
  /** Quarantine counts by `<table>@<version>`, kept between calls (a server's cache). */
  readonly quarantineCache?: Map<string, QuarantineCount[]>;
}

export const DEFAULT_METRICS_WINDOW = 10_000;

/**
 * @example
 * const status = await buildLakeStatus({ store, engines, deadLetters, freshness: config.freshness });
 * status.tables.filter((t) => t.stale).map((t) => t.table);
 */
export async function buildLakeStatus(
  deps: LakeStatusDeps,
  options: LakeStatusOptions = {},
): Promise<LakeStatus> {
  checkFreshnessKeys(deps.freshness);
  const now = options.now ?? new Date();
  const { tables, curatedManifests } = await lakeTables(deps.store);
  const runs =
    options.runs ?? (await listRuns(deps.store, { limit: options.metricsWindow ?? DEFAULT_METRICS_WINDOW }));
  const letters = await deps.deadLetters.list();
  const status: LakeStatus = {
    generatedAt: now.toISOString(),
    tables: tables.map((t) => ({ ...t, ...tableFreshness(t, deps.freshness, now) })),
    handlers: handlerMetrics(runs, 'handler').map((h) => ({
      handler: h.handler,
      invocations: h.invocations,
      errors: h.errors,
      retries: h.retries,
      throttles: h.throttles,
      p50Ms: h.p50Ms,
      p95Ms: h.p95Ms,
      maxMs: h.maxMs,
      rowsIn: h.rowsIn,
      rowsOut: h.rowsOut,
    })),
    recentRuns: runs.slice(0, options.recentRuns ?? 20).map((r) => ({
      runId: r.runId,
      stage: r.stage,
      trigger: r.objects > 1 ? `${r.trigger} (+${r.objects - 1} more)` : r.trigger,
      startedAt: r.startedAt,
      endedAt: r.endedAt,
      outcome: r.outcome,
      rowsIn: r.rowsIn,
      rowsKept: r.rowsOut,
      rowsRejected: r.rowsRejected,
      duplicates: r.duplicates,
      ...(r.error ? { error: r.error } : {}),
    })),
    quarantineByRule: await quarantineCounts(deps, curatedManifests, options.quarantineCache),
    deadLetters: letters.map((l) => {
      const ref = objectRefOf(l.record);
      return {
        id: l.id,
        bucket: ref.bucketName,
        key: ref.key,
        error: l.error,
        failedAt: l.failedAt,
        attempts: l.attempts,
      };
    }),
  };
  return redactDeep(status) as LakeStatus;
}

/** Quarantine rows per table and rule; a table's counts are read once per committed version. */
export async function quarantineCounts(
  deps: Pick<LakeStatusDeps, 'store' | 'engines'>,
  manifests: readonly TableManifest[],
  cache: Map<string, QuarantineCount[]> = new Map(),
): Promise<QuarantineCount[]> {
  const missing = manifests.filter(
    (m) => m.quarantineFiles.length > 0 && !cache.has(`${m.table}@${m.version}`),
  );
  if (missing.length > 0) {
    const engine = await deps.engines.open();
    try {
      for (const m of missing) {
        // Older versions of the table are never asked for again.
        for (const key of cache.keys()) if (key.startsWith(`${m.table}@`)) cache.delete(key);
        cache.set(`${m.table}@${m.version}`, await quarantineByRule(deps.store, engine, m));
      }
    } finally {
      await engine.close();
    }
  }
  return manifests.flatMap((m) => cache.get(`${m.table}@${m.version}`) ?? []);
}
