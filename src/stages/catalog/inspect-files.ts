// Reads what the catalog needs from Parquet footers: each file's columns (with the engine's
// type names, Hive partition columns included) and row count. Only metadata is read.

import { errorMessage } from '../../core/shoplake-error.js';
import type { BucketRef } from '../../core/zones.js';
import type { CatalogColumn } from '../../ports/catalog.js';
import type { Engine } from '../../ports/engine.js';
import type { ObjectStore } from '../../ports/object-store.js';
import { literal } from '../curate/sql-text.js';
import { partitionValuesOf } from './hive-partitions.js';

export type FileShape =
  | { readonly ok: true; readonly columns: readonly CatalogColumn[]; readonly rows: number }
  | { readonly ok: false; readonly error: string };

/** Shape of each object in `keys`; a file that cannot be read gets `ok: false` and the reason. */
export async function inspectFiles(
  engine: Engine,
  store: ObjectStore,
  bucket: BucketRef,
  keys: readonly string[],
): Promise<Map<string, FileShape>> {
  const shapes = new Map<string, FileShape>();
  if (keys.length === 0) return shapes;
  await store.withLocalFiles(bucket, keys, async (paths) => {
    for (const [i, key] of keys.entries()) {
      const path = paths[i];
      if (path === undefined) continue;
      shapes.set(key, await inspectFile(engine, key, path));
    }
  });
  return shapes;
}

async function inspectFile(engine: Engine, key: string, path: string): Promise<FileShape> {
  const partitionColumns = new Set(partitionValuesOf(key).map(([column]) => column));
  const hive = partitionColumns.size > 0;
  try {
    const described = await engine.query(
      `DESCRIBE SELECT * FROM read_parquet(${literal(path)}, hive_partitioning = ${hive})`,
    );
    const [meta] = await engine.query(`SELECT num_rows FROM parquet_file_metadata(${literal(path)})`);
    const columns = described.map((row) => {
      const name = String(row.column_name);
      const column: CatalogColumn = { name, type: String(row.column_type) };
      return partitionColumns.has(name) ? { ...column, partition: true } : column;
    });
    return { ok: true, columns, rows: Number(meta?.num_rows ?? 0) };
  } catch (error: unknown) {
    return { ok: false, error: (errorMessage(error).split('\n')[0] ?? '').slice(0, 300) };
  }
}
