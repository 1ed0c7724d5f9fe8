// One handler run as the lake keeps it (curated `_runs/`): what triggered it, when, how it
// ended, its counts and its error, masked. `shoplake runs`, `shoplake status`, `/api/status`,
// `/metrics` and the Lambda's metric lines are all computed from these records.

import { redactDeep } from '../stages/curate/masking/redact-deep.js';
import type { RawToCuratedResult } from '../stages/curate/raw-to-curated-handler.js';
import type { CuratedToProdResult } from '../stages/publish/curated-to-prod-handler.js';
import type { HoldReason, InvocationFailure, InvocationRecord } from './invocation-record.js';
import { CURATED_TO_PROD, RAW_TO_CURATED } from './pipeline-routes.js';

/** succeeded: every record went through; retried: some failed and are queued again; failed: something was given up. */
export const RUN_OUTCOMES = ['succeeded', 'failed', 'retried'] as const;
export type RunOutcome = (typeof RUN_OUTCOMES)[number];

/** What started the run: an object event, `shoplake replay`, `shoplake dlq redrive`, or a command such as `shoplake publish`. */
export const RUN_CAUSES = ['event', 'replay', 'redrive', 'command'] as const;
export type RunCause = (typeof RUN_CAUSES)[number];

export interface RunRecord {
  readonly runId: string;
  /** The handler: `raw-to-curated` or `curated-to-prod`. */
  readonly stage: string;
  /** raw-to-curated: the table (its serialisation group). Absent for curated-to-prod, which reads every table. */
  readonly table?: string;
  /** The object key of the event's first record. */
  readonly trigger: string;
  /** Records (objects) in the event. */
  readonly objects: number;
  readonly cause: RunCause;
  /** Delivery attempt (1 = first). */
  readonly attempt: number;
  readonly startedAt: string;
  readonly endedAt: string;
  readonly durationMs: number;
  readonly outcome: RunOutcome;
  /** Failed records with their fate; masked. */
  readonly failures: readonly InvocationFailure[];
  /** The first error (a thrown handler, a failed record or a failed prod system); masked. */
  readonly error?: string;
  /** Records that waited before this run could take them, by why. */
  readonly held: Readonly<Record<HoldReason, number>>;
  /** Records of the same table still queued when the run started. */
  readonly queueDepth: number;
  readonly peakRssBytes: number;
  /** Bytes of the objects the event named. */
  readonly bytesIn: number;
  /** Bytes of the files the run wrote (curated and quarantine, or prod tables). */
  readonly bytesOut: number;
  /** raw-to-curated: raw rows read; curated-to-prod: rows of the curated tables in its view. */
  readonly rowsIn: number;
  /** raw-to-curated: rows that passed validation; curated-to-prod: rows published to prod. */
  readonly rowsOut: number;
  /** raw-to-curated: rows quarantined; 0 for curated-to-prod. */
  readonly rowsRejected: number;
  /** raw-to-curated: versions dropped by deduplication; 0 for curated-to-prod. */
  readonly duplicates: number;
}

interface StageCounts {
  readonly rowsIn: number;
  readonly rowsOut: number;
  readonly rowsRejected: number;
  readonly duplicates: number;
  readonly bytesOut: number;
  /** A failure the handler recorded without failing a record (a prod system). */
  readonly stageError?: string;
}

/** The lake's record of an invocation; every string in it passes the card-data masker. */
export function runRecordOf(invocation: InvocationRecord, cause: RunCause): RunRecord {
  const counts = stageCounts(invocation.route, invocation.outcome);
  const failures = invocation.failures;
  const outcome: RunOutcome = failures.some((f) => f.fate === 'dead-letter')
    ? 'failed'
    : failures.length > 0
      ? 'retried'
      : counts.stageError
        ? 'failed'
        : 'succeeded';
  const error = invocation.error ?? failures[0]?.error ?? counts.stageError;
  const record: RunRecord = {
    runId: invocation.runId,
    stage: invocation.route,
    ...(invocation.group !== '*' ? { table: invocation.group } : {}),
    trigger: invocation.keys[0] ?? '',
    objects: invocation.records,
    cause,
    attempt: invocation.attempt,
    startedAt: invocation.startedAt,
    endedAt: new Date(Date.parse(invocation.startedAt) + invocation.durationMs).toISOString(),
    durationMs: invocation.durationMs,
    outcome,
    failures,
    ...(error ? { error } : {}),
    held: invocation.held,
    queueDepth: invocation.queueDepth,
    peakRssBytes: invocation.peakRssBytes,
    bytesIn: invocation.bytesIn,
    bytesOut: counts.bytesOut,
    rowsIn: counts.rowsIn,
    rowsOut: counts.rowsOut,
    rowsRejected: counts.rowsRejected,
    duplicates: counts.duplicates,
  };
  return redactDeep(record) as RunRecord;
}

function stageCounts(route: string, outcome: unknown): StageCounts {
  const none = { rowsIn: 0, rowsOut: 0, rowsRejected: 0, duplicates: 0, bytesOut: 0 };
  if (typeof outcome !== 'object' || outcome === null) return none;
  if (route === RAW_TO_CURATED) {
    const tables = (outcome as Partial<RawToCuratedResult>).tables ?? [];
    const sum = (pick: (t: (typeof tables)[number]) => number) => tables.reduce((n, t) => n + pick(t), 0);
    return {
      rowsIn: sum((t) => t.rowsIn),
      rowsOut: sum((t) => t.rowsKept),
      rowsRejected: sum((t) => Object.values(t.rejectedByRule).reduce((a, b) => a + (b ?? 0), 0)),
      duplicates: sum((t) => t.duplicatesDropped),
      bytesOut: sum((t) => t.bytesWritten ?? 0),
    };
  }
  if (route === CURATED_TO_PROD) {
    const result = outcome as Partial<CuratedToProdResult>;
    const systems = result.systems ?? [];
    const tables = systems.flatMap((s) => s.tables);
    const failed = systems.find((s) => s.status === 'failed');
    return {
      ...none,
      rowsIn: Object.values(result.curatedRows ?? {}).reduce((a, b) => a + (b ?? 0), 0),
      rowsOut: tables.reduce((n, t) => n + t.rows, 0),
      bytesOut: tables.reduce((n, t) => n + (t.bytes ?? 0), 0),
      ...(failed ? { stageError: `${failed.system}: ${failed.error ?? 'failed'}` } : {}),
    };
  }
  return none;
}
