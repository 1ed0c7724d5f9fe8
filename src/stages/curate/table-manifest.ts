// The commit record of one curated table: which Parquet files make up the table and its
// quarantine, and which raw objects they already contain. Writing it is the commit point of
// a merge; files not named in it are leftovers of a crashed run and are removed.

import { ShoplakeError } from '../../core/shoplake-error.js';
import type { SourceTableName } from '../../core/source-tables.js';
import { CURATED } from '../../core/zones.js';
import type { ObjectStore } from '../../ports/object-store.js';

export interface TableManifest {
  readonly table: SourceTableName;
  /** Increases by one with every commit. */
  readonly version: number;
  readonly files: readonly string[];
  readonly rows: number;
  readonly quarantineFiles: readonly string[];
  readonly quarantineRows: number;
  /** Raw object key → ETag of the version already merged. */
  readonly processed: Readonly<Record<string, string>>;
  readonly committedAt: string;
  readonly runId: string;
}

export const STATE_PREFIX = '_state/';
export const QUARANTINE_PREFIX = '_quarantine/';

export function manifestKey(table: SourceTableName): string {
  return `${STATE_PREFIX}${table}.json`;
}

export function emptyManifest(table: SourceTableName): TableManifest {
  return {
    table,
    version: 0,
    files: [],
    rows: 0,
    quarantineFiles: [],
    quarantineRows: 0,
    processed: {},
    committedAt: new Date(0).toISOString(),
    runId: '',
  };
}

export async function readManifest(store: ObjectStore, table: SourceTableName): Promise<TableManifest> {
  const key = manifestKey(table);
  if (!(await store.head(CURATED, key))) return emptyManifest(table);
  const text = Buffer.from(await store.get(CURATED, key)).toString('utf8');
  try {
    return JSON.parse(text) as TableManifest;
  } catch (error) {
    throw new ShoplakeError(
      'object_corrupt',
      `The curated manifest ${key} is not valid JSON; restore it or delete it to rebuild ${table}.`,
      {
        retryable: false,
        context: { key, table },
        cause: error,
      },
    );
  }
}

export async function writeManifest(store: ObjectStore, manifest: TableManifest): Promise<void> {
  await store.put(CURATED, manifestKey(manifest.table), `${JSON.stringify(manifest, null, 1)}\n`);
}

/** Removes data and quarantine files of `table` that the manifest does not name. */
export async function removeUncommittedFiles(store: ObjectStore, manifest: TableManifest): Promise<string[]> {
  const keep = new Set([...manifest.files, ...manifest.quarantineFiles]);
  const removed: string[] = [];
  for (const prefix of [`${manifest.table}/`, `${QUARANTINE_PREFIX}${manifest.table}/`]) {
    for await (const object of store.list(CURATED, prefix)) {
      if (!keep.has(object.key)) {
        await store.delete(CURATED, object.key);
        removed.push(object.key);
      }
    }
  }
  return removed;
}
