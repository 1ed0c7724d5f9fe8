// Run history in the lake (curated `_runs/YYYY-MM-DD/`), one JSON record per handler run, so
// `shoplake runs`, `shoplake status` and people can see what every invocation did, how long
// it took and what failed — locally and on AWS alike.

import { CURATED } from '../core/zones.js';
import type { ObjectStore } from '../ports/object-store.js';
import { RUN_OUTCOMES, type RunOutcome, type RunRecord } from './run-record.js';

export const RUNS_PREFIX = '_runs/';

/** `_runs/<day>/<HHMMSSmmm>-<runId>.json`: keys sort by start time within a day, whatever the id. */
export function runKey(record: Pick<RunRecord, 'startedAt' | 'runId'>): string {
  const time = record.startedAt.slice(11, 23).replace(/[:.]/g, '');
  return `${RUNS_PREFIX}${record.startedAt.slice(0, 10)}/${time}-${record.runId}.json`;
}

/** Writes a run record (already masked by `runRecordOf`). */
export async function recordRun(store: ObjectStore, record: RunRecord): Promise<string> {
  const key = runKey(record);
  await store.put(CURATED, key, `${JSON.stringify(record, null, 1)}\n`);
  return key;
}

export interface RunFilter {
  readonly stage?: string;
  readonly table?: string;
  readonly outcome?: RunOutcome;
  /** Runs that started at or after this time. */
  readonly since?: Date;
  readonly runId?: string;
  /** At most this many, newest first (default all). */
  readonly limit?: number;
}

/** Run records matching `filter`, newest first. Reads whole days, newest day first, until `limit` is met. */
export async function listRuns(store: ObjectStore, filter: RunFilter = {}): Promise<RunRecord[]> {
  const sinceDay = filter.since?.toISOString().slice(0, 10);
  const byDay = new Map<string, string[]>();
  for await (const object of store.list(CURATED, RUNS_PREFIX)) {
    const day = object.key.slice(RUNS_PREFIX.length, RUNS_PREFIX.length + 10);
    if (!object.key.endsWith('.json') || (sinceDay && day < sinceDay)) continue;
    byDay.set(day, [...(byDay.get(day) ?? []), object.key]);
  }
  const limit = filter.limit ?? Number.POSITIVE_INFINITY;
  const found: RunRecord[] = [];
  for (const day of [...byDay.keys()].sort().reverse()) {
    for (const key of byDay.get(day)!) {
      const record = await readRun(store, key);
      if (record && matches(record, filter)) found.push(record);
    }
    if (found.length >= limit) break;
  }
  return found
    .sort((a, b) => (a.startedAt < b.startedAt ? 1 : a.startedAt > b.startedAt ? -1 : 0))
    .slice(0, limit);
}

/** One record by key; undefined for a record of an older shape. */
export async function readRun(store: ObjectStore, key: string): Promise<RunRecord | undefined> {
  const value = JSON.parse(Buffer.from(await store.get(CURATED, key)).toString('utf8')) as unknown;
  return asRunRecord(value);
}

function matches(record: RunRecord, filter: RunFilter): boolean {
  return (
    (!filter.stage || record.stage === filter.stage) &&
    (!filter.table || record.table === filter.table) &&
    (!filter.outcome || record.outcome === filter.outcome) &&
    (!filter.runId || record.runId === filter.runId) &&
    (!filter.since || Date.parse(record.startedAt) >= filter.since.getTime())
  );
}

// Records of another shape (written before run history had this one) are not runs to count.
function asRunRecord(value: unknown): RunRecord | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as Partial<RunRecord>;
  const known = typeof record.stage === 'string' && RUN_OUTCOMES.includes(record.outcome as RunOutcome);
  return known ? (record as RunRecord) : undefined;
}
