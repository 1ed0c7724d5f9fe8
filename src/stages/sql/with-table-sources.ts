// Turns catalog tables into what the SQL sandbox needs: local paths of exactly the files the
// catalog names (remote stores download them for the duration of the query), or nothing but
// the names for an engine that reads tables in place (Athena).

import { type BucketRef, sameBucket } from '../../core/zones.js';
import type { CatalogTable } from '../../ports/catalog.js';
import type { ObjectStore } from '../../ports/object-store.js';
import type { SqlEngine, SqlTableSource } from '../../ports/sql-engine.js';

export async function withTableSources<T>(
  store: ObjectStore,
  tables: readonly CatalogTable[],
  use: (sources: SqlTableSource[]) => Promise<T>,
  reads: SqlEngine['reads'] = 'local-files',
): Promise<T> {
  if (reads === 'in-place') return use(tables.map((table) => sourceOf(table, () => undefined)));
  const buckets: BucketRef[] = [];
  for (const table of tables)
    if (!buckets.some((b) => sameBucket(b, table.bucket))) buckets.push(table.bucket);
  const pathOf = new Map<string, string>();
  const id = (bucket: BucketRef, key: string) => `${JSON.stringify(bucket)}\n${key}`;

  const open = async (index: number): Promise<T> => {
    const bucket = buckets[index];
    if (!bucket)
      return use(tables.map((table) => sourceOf(table, (key) => pathOf.get(id(table.bucket, key)))));
    const keys = tables.filter((t) => sameBucket(t.bucket, bucket)).flatMap((t) => t.files.map((f) => f.key));
    return store.withLocalFiles(bucket, keys, async (paths) => {
      for (const [i, key] of keys.entries()) pathOf.set(id(bucket, key), paths[i] ?? '');
      return open(index + 1);
    });
  };
  return open(0);
}

function sourceOf(table: CatalogTable, pathOf: (key: string) => string | undefined): SqlTableSource {
  return {
    schema: table.schema,
    name: table.name,
    paths: table.files.map((f) => pathOf(f.key) ?? '').filter((p) => p !== ''),
    hivePartitioning: table.partitions.length > 0,
    columns: table.columns,
  };
}
