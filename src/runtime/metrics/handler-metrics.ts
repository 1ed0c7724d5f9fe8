// Run records summed up per handler, or per handler and table: what `shoplake status` and
// `/api/status` show. Counts are exact; durations are nearest-rank percentiles of the runs.

import type { RunRecord } from '../run-record.js';
import { percentile, type RunMetricValues, runMetricValues } from './run-metrics.js';

export interface HandlerMetrics {
  readonly handler: string;
  /** Set when grouped per table; curated-to-prod runs have none. */
  readonly table?: string;
  readonly invocations: number;
  readonly errors: number;
  readonly retries: number;
  readonly deadLettered: number;
  readonly throttles: number;
  readonly throttledBySerialisation: number;
  readonly throttledByConcurrency: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly maxMs: number;
  readonly rowsIn: number;
  readonly rowsOut: number;
  readonly rowsRejected: number;
  readonly bytesIn: number;
  readonly bytesOut: number;
  readonly peakRssBytes: number;
}

type Summed = Omit<RunMetricValues, 'durationMs' | 'peakRssBytes'>;

/**
 * @example
 * handlerMetrics(await listRuns(store, { limit: 10_000 }), 'handler');
 * // [{ handler: 'raw-to-curated', invocations: 12, errors: 1, p95Ms: 5300, ... }]
 */
export function handlerMetrics(runs: readonly RunRecord[], by: 'handler' | 'table'): HandlerMetrics[] {
  const groups = new Map<string, RunRecord[]>();
  for (const run of runs) {
    const id = by === 'table' ? `${run.stage}\u0000${run.table ?? ''}` : run.stage;
    groups.set(id, [...(groups.get(id) ?? []), run]);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([, members]) => summarise(members, by));
}

function summarise(runs: readonly RunRecord[], by: 'handler' | 'table'): HandlerMetrics {
  const first = runs[0]!;
  const values = runs.map(runMetricValues);
  const sum = (field: keyof Summed) => values.reduce((n, v) => n + v[field], 0);
  const durations = values.map((v) => v.durationMs).sort((a, b) => a - b);
  return {
    handler: first.stage,
    ...(by === 'table' && first.table !== undefined ? { table: first.table } : {}),
    invocations: sum('invocations'),
    errors: sum('errors'),
    retries: sum('retries'),
    deadLettered: sum('deadLettered'),
    throttles: sum('throttles'),
    throttledBySerialisation: runs.reduce((n, r) => n + r.held.serialisation, 0),
    throttledByConcurrency: runs.reduce((n, r) => n + r.held.concurrency, 0),
    p50Ms: percentile(durations, 0.5),
    p95Ms: percentile(durations, 0.95),
    maxMs: durations[durations.length - 1] ?? 0,
    rowsIn: sum('rowsIn'),
    rowsOut: sum('rowsOut'),
    rowsRejected: sum('rowsRejected'),
    bytesIn: sum('bytesIn'),
    bytesOut: sum('bytesOut'),
    peakRssBytes: Math.max(...values.map((v) => v.peakRssBytes)),
  };
}
