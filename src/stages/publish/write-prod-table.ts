// Publishes one system table to its prod bucket atomically: write every file of the new
// version, then the manifest (the commit point), then delete the previous version. A crash
// before the manifest leaves the old version committed and readable; the new files are
// leftovers that the next publish of the table removes.

import { mkdir, readdir, rm } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { ShoplakeError } from '../../core/shoplake-error.js';
import { prodBucket, type SystemName } from '../../core/zones.js';
import type { Engine } from '../../ports/engine.js';
import type { ObjectStore } from '../../ports/object-store.js';
import type { SystemOutput } from '../../systems/prod-system.js';
import { ident, literal } from '../curate/sql-text.js';
import {
  type ProdColumn,
  type ProdTableManifest,
  readProdManifest,
  writeProdManifest,
} from './prod-table-manifest.js';

export const PUBLISH_STEPS = ['files-written', 'committed', 'cleaned'] as const;
export type PublishStep = (typeof PUBLISH_STEPS)[number];

export interface WriteProdTableOptions {
  readonly system: SystemName;
  readonly runId: string;
  /** Called after each step; tests throw from it to simulate a crash there. */
  readonly onStep?: (table: string, step: PublishStep) => void | Promise<void>;
}

export interface WrittenProdTable {
  readonly table: string;
  readonly rows: number;
  readonly files: readonly string[];
  readonly version: number;
  /** Bytes of the files written. */
  readonly bytes: number;
}

export async function writeProdTable(
  engine: Engine,
  store: ObjectStore,
  output: SystemOutput,
  options: WriteProdTableOptions,
): Promise<WrittenProdTable> {
  const bucket = prodBucket(options.system);
  const previous = await readProdManifest(store, options.system, output.table);
  await removeUnlisted(store, options.system, output.table, previous?.files ?? []);

  const described = await engine.query(`DESCRIBE SELECT * FROM ${output.relation}`);
  const allColumns: ProdColumn[] = described.map((r) => ({
    name: String(r.column_name),
    type: String(r.column_type),
  }));
  const partitionBy = output.partitionBy ?? [];
  const missing = partitionBy.filter((p) => !allColumns.some((c) => c.name === p));
  if (missing.length > 0) {
    throw new ShoplakeError(
      'schema_mismatch',
      `Table ${output.table} of ${options.system} has no partition column ${missing.join(', ')}; fix the system's partitionBy.`,
      {
        retryable: false,
        context: { table: output.table },
      },
    );
  }
  const version = (previous?.version ?? 0) + 1;
  const stem = `part-v${String(version).padStart(6, '0')}`;
  const folder = await store.scratchPath('.dir');
  const files: string[] = [];
  let rows = 0;
  let bytes = 0;
  try {
    rows = await copyToFolder(engine, output, partitionBy, folder);
    // Partition columns live in the keys only when the rows spread over partitions at all.
    const partitioned = partitionBy.length > 0 && rows > 0;
    const local = (await listParquet(folder)).sort(byFolderThenNumber);
    const counters = new Map<string, number>();
    for (const path of local) {
      const dir = relative(folder, join(path, '..')).split('\\').join('/');
      const n = counters.get(dir) ?? 0;
      counters.set(dir, n + 1);
      const key = `${output.table}/${dir ? `${dir}/` : ''}${stem}-${String(n).padStart(4, '0')}.parquet`;
      bytes += (await store.putFile(bucket, key, path)).size;
      files.push(key);
    }
    await options.onStep?.(output.table, 'files-written');
    const manifest: ProdTableManifest = {
      system: options.system,
      table: output.table,
      version,
      files,
      rows,
      columns: partitioned ? allColumns.filter((c) => !partitionBy.includes(c.name)) : allColumns,
      partitionBy: partitioned ? partitionBy : [],
      committedAt: new Date().toISOString(),
      runId: options.runId,
    };
    await writeProdManifest(store, manifest);
  } catch (error: unknown) {
    // Nothing was committed: take the new files away again (best effort; the next publish also would).
    for (const key of files) await store.delete(bucket, key).catch(() => undefined);
    throw error;
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
  await options.onStep?.(output.table, 'committed');
  await removeUnlisted(store, options.system, output.table, files);
  await options.onStep?.(output.table, 'cleaned');
  return { table: output.table, rows, files, version, bytes };
}

async function copyToFolder(
  engine: Engine,
  output: SystemOutput,
  partitionBy: readonly string[],
  folder: string,
): Promise<number> {
  const select = `SELECT * FROM ${output.relation}`;
  const format = "FORMAT parquet, COMPRESSION snappy, FILENAME_PATTERN 'part_{i}'";
  if (partitionBy.length > 0) {
    const count = Number((await engine.query(`SELECT count(*) AS n FROM ${output.relation}`))[0]?.n ?? 0);
    if (count > 0) {
      const result = await engine.query(
        `COPY (${select}) TO ${literal(folder)} (${format}, PARTITION_BY (${partitionBy.map(ident).join(', ')}))`,
      );
      return Number(result[0]?.Count ?? 0);
    }
  }
  // An empty table still gets one file, so that readers find its schema.
  await mkdir(folder, { recursive: true });
  const result = await engine.query(
    `COPY (${select}) TO ${literal(join(folder, 'part_0.parquet'))} (FORMAT parquet, COMPRESSION snappy)`,
  );
  return Number(result[0]?.Count ?? 0);
}

/** Deletes objects under `<table>/` that `keep` does not name: an older version or a crashed run's files. */
async function removeUnlisted(
  store: ObjectStore,
  system: SystemName,
  table: string,
  keep: readonly string[],
): Promise<void> {
  const bucket = prodBucket(system);
  const kept = new Set(keep);
  const stale: string[] = [];
  for await (const object of store.list(bucket, `${table}/`))
    if (!kept.has(object.key)) stale.push(object.key);
  for (const key of stale) await store.delete(bucket, key);
}

async function listParquet(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.parquet'))
    .map((e) => join(e.parentPath, e.name));
}

function byFolderThenNumber(a: string, b: string): number {
  const da = join(a, '..');
  const db = join(b, '..');
  if (da !== db) return da < db ? -1 : 1;
  return (
    Number(a.replace(/^.*\//, '').replace(/\D/g, '')) - Number(b.replace(/^.*\//, '').replace(/\D/g, ''))
  );
}
