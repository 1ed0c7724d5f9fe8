// The raw objects that curated does not contain yet: what `shoplake run` feeds the pipeline
// when it starts, since events fired while no dispatcher listened are not kept locally.

import type { S3EventRecord } from 'aws-lambda';
import { isDataKey, parseRawKey } from '../core/raw-key.js';
import { objectCreatedRecordOf, objectRefOf } from '../core/s3-event.js';
import { SOURCE_TABLE_NAMES, SOURCE_TABLES, type SourceTableName } from '../core/source-tables.js';
import { bucketName, RAW } from '../core/zones.js';
import type { DeadLetterQueue } from '../ports/dead-letter-queue.js';
import type { ObjectStore } from '../ports/object-store.js';
import { readManifest } from '../stages/curate/table-manifest.js';

export interface PendingRaw {
  readonly records: S3EventRecord[];
  readonly byTable: ReadonlyMap<SourceTableName, number>;
  /** Objects skipped because they already failed for good (see dead-letter/). */
  readonly deadLettered: number;
}

export async function findPendingRaw(
  store: ObjectStore,
  bucketPrefix: string,
  deadLetters: DeadLetterQueue,
): Promise<PendingRaw> {
  const processed = new Map<string, string>();
  for (const table of SOURCE_TABLE_NAMES) {
    const manifest = await readManifest(store, table);
    for (const [key, etag] of Object.entries(manifest.processed)) processed.set(key, etag);
  }
  const dead = new Set(
    (await deadLetters.list()).map((l) => `${objectRefOf(l.record).key}\u0000${l.record.s3.object.eTag}`),
  );
  const records: S3EventRecord[] = [];
  const byTable = new Map<SourceTableName, number>();
  let deadLettered = 0;
  let sequence = 0;
  for await (const object of store.list(RAW)) {
    if (!isDataKey(object.key) || processed.get(object.key) === object.etag) continue;
    if (dead.has(`${object.key}\u0000${object.etag}`)) {
      deadLettered += 1;
      continue;
    }
    const parsed = parseRawKey(object.key);
    if (!('problem' in parsed)) byTable.set(parsed.table, (byTable.get(parsed.table) ?? 0) + 1);
    sequence += 1;
    records.push(
      objectCreatedRecordOf(bucketName(bucketPrefix, RAW), object, sequence.toString(16).padStart(16, '0')),
    );
  }
  // Parents first, so that with one invocation at a time children see their parents curated.
  const order = (record: S3EventRecord) => {
    const parsed = parseRawKey(objectRefOf(record).key);
    return 'problem' in parsed ? Number.MAX_SAFE_INTEGER : SOURCE_TABLES[parsed.table].processingOrder;
  };
  records.sort((a, b) => order(a) - order(b));
  return { records, byTable, deadLettered };
}
