// The run record of a publish, kept in each system's own prod bucket under `_runs/`: whoever
// reads a system's tables finds beside them when they were built, from which curated versions,
// and whether the last attempt failed (and why), without access to the curated zone. The
// dispatcher's invocation record in curated `_runs/` still holds the whole handler result.

import type { SourceTableName } from '../../core/source-tables.js';
import { prodBucket } from '../../core/zones.js';
import type { ObjectStore } from '../../ports/object-store.js';
import { redactDeep } from '../curate/masking/redact-deep.js';
import type { SystemRunResult } from './run-prod-system.js';

export const PUBLISH_RUNS_PREFIX = '_runs/';

export interface PublishRecord extends SystemRunResult {
  readonly runId: string;
  readonly asOf: string;
  readonly startedAt: string;
  /** Curated manifest version of each source table that the run read. */
  readonly curatedVersions: Readonly<Record<SourceTableName, number>>;
}

export function publishRecordKey(record: Pick<PublishRecord, 'startedAt' | 'runId'>): string {
  return `${PUBLISH_RUNS_PREFIX}${record.startedAt.slice(0, 10)}/${record.runId}.json`;
}

export async function writePublishRecord(store: ObjectStore, record: PublishRecord): Promise<string> {
  const key = publishRecordKey(record);
  await store.put(prodBucket(record.system), key, `${JSON.stringify(redactDeep(record), null, 1)}\n`);
  return key;
}
