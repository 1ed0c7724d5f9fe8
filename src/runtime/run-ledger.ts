// Run records in the lake (curated `_runs/`), so `shoplake status` and people can see what
// every handler invocation did, how long it took and what failed.

import { CURATED } from '../core/zones.js';
import type { ObjectStore } from '../ports/object-store.js';
import { redactDeep } from '../stages/curate/masking/redact-deep.js';
import type { InvocationRecord } from './local-dispatcher.js';

export const RUNS_PREFIX = '_runs/';

export async function recordInvocation(store: ObjectStore, record: InvocationRecord): Promise<void> {
  const key = `${RUNS_PREFIX}${record.startedAt.slice(0, 10)}/${record.runId}.json`;
  await store.put(CURATED, key, `${JSON.stringify(redactDeep(record), null, 1)}\n`);
}

/** The most recent run records, newest first. */
export async function recentInvocations(store: ObjectStore, limit: number): Promise<InvocationRecord[]> {
  const keys: string[] = [];
  for await (const object of store.list(CURATED, RUNS_PREFIX)) keys.push(object.key);
  const newest = keys.sort().reverse().slice(0, limit);
  const records: InvocationRecord[] = [];
  for (const key of newest) {
    records.push(JSON.parse(Buffer.from(await store.get(CURATED, key)).toString('utf8')) as InvocationRecord);
  }
  return records.sort((a, b) => (a.startedAt < b.startedAt ? 1 : -1));
}
