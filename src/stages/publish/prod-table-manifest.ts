// The commit record of one prod table: which Parquet files make up its current version and
// their one schema. Writing it is the commit point of a publish; files under the table's
// prefix that it does not name are an older version or a crashed run's leftovers.

import { ShoplakeError } from '../../core/shoplake-error.js';
import { prodBucket, type SystemName } from '../../core/zones.js';
import type { ObjectStore } from '../../ports/object-store.js';

export interface ProdColumn {
  readonly name: string;
  /** The engine's type name, e.g. `DECIMAL(18,2)`, `DATE`, `VARCHAR`. */
  readonly type: string;
}

export interface ProdTableManifest {
  readonly system: SystemName;
  readonly table: string;
  /** Increases by one with every commit. */
  readonly version: number;
  /** Object keys in the system's prod bucket, e.g. `daily_sales/year=2026/part-v000002-0000.parquet`. */
  readonly files: readonly string[];
  readonly rows: number;
  /** Columns inside the files (partition columns live in the keys, Hive-style). */
  readonly columns: readonly ProdColumn[];
  readonly partitionBy: readonly string[];
  readonly committedAt: string;
  readonly runId: string;
}

export const PROD_STATE_PREFIX = '_state/';

export function prodManifestKey(table: string): string {
  return `${PROD_STATE_PREFIX}${table}.json`;
}

/** The committed manifest of a prod table, or undefined before its first publish. */
export async function readProdManifest(
  store: ObjectStore,
  system: SystemName,
  table: string,
): Promise<ProdTableManifest | undefined> {
  const key = prodManifestKey(table);
  const bucket = prodBucket(system);
  if (!(await store.head(bucket, key))) return undefined;
  const text = Buffer.from(await store.get(bucket, key)).toString('utf8');
  try {
    return JSON.parse(text) as ProdTableManifest;
  } catch (error) {
    throw new ShoplakeError(
      'object_corrupt',
      `The prod manifest ${key} of ${system} is not valid JSON; delete it and publish again.`,
      {
        retryable: false,
        context: { key, table },
        cause: error,
      },
    );
  }
}

export async function writeProdManifest(store: ObjectStore, manifest: ProdTableManifest): Promise<void> {
  await store.put(
    prodBucket(manifest.system),
    prodManifestKey(manifest.table),
    `${JSON.stringify(manifest, null, 1)}\n`,
  );
}
