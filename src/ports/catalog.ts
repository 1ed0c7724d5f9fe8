// The catalog port: which tables the lake offers to readers (SQL, API, copilot), with their
// columns, partitions, sizes and schema history. The crawler registers what it finds; the
// local adapter keeps it as one JSON object in the lake, a Glue adapter would keep it in Glue.

import type { BucketRef } from '../core/zones.js';

export interface CatalogColumn {
  readonly name: string;
  /** The engine's type name, e.g. `BIGINT`, `DECIMAL(12,2)`, `TIMESTAMP WITH TIME ZONE`. */
  readonly type: string;
  /** True for a Hive partition column (its values live in the object keys, not the files). */
  readonly partition?: boolean;
}

export interface CatalogPartition {
  readonly column: string;
  /** Distinct values seen in keys, sorted; capped, see `valueCount` for the full number. */
  readonly values: readonly string[];
  readonly valueCount: number;
}

export interface CatalogFile {
  readonly key: string;
  readonly etag: string;
  readonly size: number;
  readonly rows: number;
  readonly lastModified: string;
  /** This file's own columns (partition columns included), to spot drift between files. */
  readonly columns: readonly CatalogColumn[];
}

/** One schema of a table's history: a new one starts whenever the columns change. */
export interface CatalogSchemaVersion {
  readonly version: number;
  /** When the crawler first saw this schema (ISO time). */
  readonly seenAt: string;
  readonly columns: readonly CatalogColumn[];
  readonly added: readonly string[];
  readonly removed: readonly string[];
  readonly typeChanges: readonly CatalogTypeChange[];
  /** False when a column was removed or changed type: readers of the old schema may break. */
  readonly compatible: boolean;
}

export interface CatalogTypeChange {
  readonly column: string;
  readonly from: string;
  readonly to: string;
}

export const CATALOG_ISSUE_KINDS = [
  'type_change',
  'type_conflict',
  'column_removed',
  'unreadable_file',
] as const;
export type CatalogIssueKind = (typeof CATALOG_ISSUE_KINDS)[number];

/**
 * Something a person should look at, kept rather than merged away: files that disagree on a
 * column's type or cannot be read (while that lasts), and the breaking changes of the current
 * schema version (until the next version).
 */
export interface CatalogIssue {
  readonly kind: CatalogIssueKind;
  /** The column concerned; for `unreadable_file`, the object key. */
  readonly column: string;
  /** The types involved: `[from, to]` for a change, every type seen for a conflict. */
  readonly types: readonly string[];
  readonly seenAt: string;
  readonly message: string;
}

export interface CatalogTable {
  /** SQL schema: `curated`, or the system name with underscores (`market_intelligence_hub`). */
  readonly schema: string;
  readonly name: string;
  readonly bucket: BucketRef;
  /** `manifest` when a `_state/<table>.json` commit named the files, `listing` otherwise. */
  readonly source: 'manifest' | 'listing';
  readonly columns: readonly CatalogColumn[];
  readonly partitions: readonly CatalogPartition[];
  readonly rows: number;
  readonly bytes: number;
  /** Commit time of the manifest, or the newest file's time for a listed table. */
  readonly lastUpdated: string;
  readonly files: readonly CatalogFile[];
  /** The current schema version (the last of `versions`). */
  readonly schemaVersion: number;
  readonly versions: readonly CatalogSchemaVersion[];
  readonly issues: readonly CatalogIssue[];
}

export interface CatalogSnapshot {
  readonly crawledAt: string;
  readonly tables: readonly CatalogTable[];
}

/**
 * Where readers find the lake's tables. `register` replaces the whole snapshot atomically.
 *
 * @example
 * const orders = await catalog.describe('curated', 'orders');
 * for (const t of await catalog.list()) console.log(`${t.schema}.${t.name}`, t.rows);
 */
export interface Catalog {
  register(snapshot: CatalogSnapshot): Promise<void>;
  /** The last registered snapshot, or undefined before the first crawl. */
  read(): Promise<CatalogSnapshot | undefined>;
  list(): Promise<readonly CatalogTable[]>;
  describe(schema: string, name: string): Promise<CatalogTable | undefined>;
}
