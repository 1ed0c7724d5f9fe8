// The metrics of a handler run, defined once: what each counts, its CloudWatch name and unit
// (Embedded Metric Format, on AWS) and its Prometheus family (`/metrics`, locally). Status,
// Prometheus and EMF all take their numbers from `runMetricValues`.

import type { RunRecord } from '../run-record.js';

export interface RunMetricValues {
  /** 1 per run. */
  readonly invocations: number;
  /** 1 when a record or a prod system failed in the run. */
  readonly errors: number;
  /** Records queued again after a retryable failure. */
  readonly retries: number;
  /** Records given up: the dead-letter area locally; on AWS, terminal failures (logged and acknowledged). */
  readonly deadLettered: number;
  /** Records that waited for their table's running invocation (serialisation) or for a free slot (concurrency). */
  readonly throttles: number;
  readonly durationMs: number;
  readonly rowsIn: number;
  readonly rowsOut: number;
  readonly rowsRejected: number;
  readonly duplicates: number;
  readonly bytesIn: number;
  readonly bytesOut: number;
  readonly peakRssBytes: number;
}

export function runMetricValues(run: RunRecord): RunMetricValues {
  return {
    invocations: 1,
    errors: run.outcome === 'succeeded' ? 0 : 1,
    retries: run.failures.filter((f) => f.fate === 'retry').length,
    deadLettered: run.failures.filter((f) => f.fate === 'dead-letter').length,
    throttles: run.held.serialisation + run.held.concurrency,
    durationMs: run.durationMs,
    rowsIn: run.rowsIn,
    rowsOut: run.rowsOut,
    rowsRejected: run.rowsRejected,
    duplicates: run.duplicates,
    bytesIn: run.bytesIn,
    bytesOut: run.bytesOut,
    peakRssBytes: run.peakRssBytes,
  };
}

/** counter: summed over runs; distribution: quantiles and maximum; peak: the highest value seen. */
export type RunMetricKind = 'counter' | 'distribution' | 'peak';

export interface RunMetric {
  readonly field: keyof RunMetricValues;
  /** CloudWatch metric name (EMF). */
  readonly name: string;
  /** CloudWatch unit; Prometheus families are in base units (seconds, bytes). */
  readonly unit: 'Count' | 'Milliseconds' | 'Bytes';
  /** Prometheus family name. */
  readonly prometheus: string;
  readonly help: string;
  readonly kind: RunMetricKind;
  /** The value split by cause, as the Prometheus label `reason` (EMF takes the sum). */
  readonly reasons?: (run: RunRecord) => Readonly<Record<string, number>>;
}

export const RUN_METRICS: readonly RunMetric[] = [
  {
    field: 'invocations',
    name: 'Invocations',
    unit: 'Count',
    prometheus: 'shoplake_invocations_total',
    help: 'Handler invocations.',
    kind: 'counter',
  },
  {
    field: 'errors',
    name: 'Errors',
    unit: 'Count',
    prometheus: 'shoplake_invocation_errors_total',
    help: 'Invocations in which a record or a prod system failed.',
    kind: 'counter',
  },
  {
    field: 'retries',
    name: 'Retries',
    unit: 'Count',
    prometheus: 'shoplake_retries_total',
    help: 'Records queued again after a retryable failure.',
    kind: 'counter',
  },
  {
    field: 'deadLettered',
    name: 'DeadLettered',
    unit: 'Count',
    prometheus: 'shoplake_dead_lettered_total',
    help: 'Records given up after their last attempt or a terminal failure.',
    kind: 'counter',
  },
  {
    field: 'throttles',
    name: 'Throttles',
    unit: 'Count',
    prometheus: 'shoplake_throttles_total',
    help: 'Records held back by per-table serialisation or the concurrency cap.',
    kind: 'counter',
    reasons: (run) => run.held,
  },
  {
    field: 'durationMs',
    name: 'Duration',
    unit: 'Milliseconds',
    prometheus: 'shoplake_invocation_duration_seconds',
    help: 'Invocation duration.',
    kind: 'distribution',
  },
  {
    field: 'rowsIn',
    name: 'RowsIn',
    unit: 'Count',
    prometheus: 'shoplake_rows_in_total',
    help: 'Rows read: raw rows (raw-to-curated), curated rows in view (curated-to-prod).',
    kind: 'counter',
  },
  {
    field: 'rowsOut',
    name: 'RowsOut',
    unit: 'Count',
    prometheus: 'shoplake_rows_out_total',
    help: 'Rows passed on: rows kept for curated (raw-to-curated), rows published (curated-to-prod).',
    kind: 'counter',
  },
  {
    field: 'rowsRejected',
    name: 'RowsRejected',
    unit: 'Count',
    prometheus: 'shoplake_rows_rejected_total',
    help: 'Rows quarantined.',
    kind: 'counter',
  },
  {
    field: 'duplicates',
    name: 'DuplicatesDropped',
    unit: 'Count',
    prometheus: 'shoplake_duplicates_dropped_total',
    help: 'Row versions dropped by deduplication.',
    kind: 'counter',
  },
  {
    field: 'bytesIn',
    name: 'BytesIn',
    unit: 'Bytes',
    prometheus: 'shoplake_read_bytes_total',
    help: 'Bytes of the objects the events named.',
    kind: 'counter',
  },
  {
    field: 'bytesOut',
    name: 'BytesOut',
    unit: 'Bytes',
    prometheus: 'shoplake_written_bytes_total',
    help: 'Bytes of the files written.',
    kind: 'counter',
  },
  {
    field: 'peakRssBytes',
    name: 'PeakMemory',
    unit: 'Bytes',
    prometheus: 'shoplake_peak_memory_bytes',
    help: 'Highest process resident memory seen during an invocation.',
    kind: 'peak',
  },
];

/** Nearest-rank percentile of ascending `sorted` (0 when empty): a value that occurred. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.max(1, Math.ceil(p * sorted.length));
  return sorted[rank - 1]!;
}
