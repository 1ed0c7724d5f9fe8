// Exports one table: reads from (watermark - overlap), or everything the first time, writes
// Parquet parts to scratch, publishes them only once the whole result has streamed, and
// moves the watermark last. Any failure before that leaves the lake as it was.

import { rm } from 'node:fs/promises';
import { rawKey } from '../../core/raw-key.js';
import type { SourceTableName } from '../../core/source-tables.js';
import { RAW } from '../../core/zones.js';
import type { Engine } from '../../ports/engine.js';
import type { ObjectStore } from '../../ports/object-store.js';
import { WATERMARK_COLUMN } from './check-source-table.js';
import type { ResolvedExportOptions, TableExportResult } from './export-options.js';
import { ParquetPartWriter } from './parquet-part-writer.js';
import type { SourceColumn, SourceDatabase } from './source-database.js';
import { laterTimestamp, normalizeTimestamp, shiftTimestamp } from './timestamp-text.js';
import type { WatermarkStore } from './watermark-store.js';

export interface TableExportContext {
  readonly runId: string;
  readonly dt: string;
  readonly source: SourceDatabase;
  readonly store: ObjectStore;
  readonly engine: Engine;
  readonly watermarks: WatermarkStore;
  readonly options: ResolvedExportOptions;
}

/**
 * `<table>/dt=YYYY-MM-DD/<run id>-<part>.parquet`: the run id is the batch id of all its files,
 * the part number keeps a table split in several files apart.
 */
export function rawPartKey(table: SourceTableName, dt: string, runId: string, part: number): string {
  return rawKey({ table, dt, batchId: `${runId}-${String(part).padStart(5, '0')}` });
}

export async function exportTable(
  table: SourceTableName,
  columns: readonly SourceColumn[],
  context: TableExportContext,
): Promise<TableExportResult> {
  const { source, options } = context;
  const previous = await context.watermarks.read(table);
  const since = previous ? shiftTimestamp(previous.value, -options.overlapMs) : undefined;
  // Taken before reading: rows stamped later than the server's clock (bad client clocks) must
  // not push the watermark past rows that are yet to be written.
  const serverNow = normalizeTimestamp(await source.now());
  const { paths, rows, newest } = await streamToScratch(table, columns, since, context);
  const objects = await publish(table, paths, context);
  const stamped = newest === undefined ? undefined : minTimestamp(normalizeTimestamp(newest), serverNow);
  const watermark = laterTimestamp(previous?.value, stamped);
  if (rows > 0 && watermark !== undefined) {
    await context.watermarks.write({
      table,
      column: WATERMARK_COLUMN,
      value: watermark,
      runId: context.runId,
      exportedAt: options.now().toISOString(),
      rows,
      objects,
    });
  }
  await options.onProgress?.({ table, rows, done: true });
  return {
    table,
    mode: previous ? 'incremental' : 'full',
    since,
    rows,
    objects,
    previousWatermark: previous?.value,
    watermark,
  };
}

interface Streamed {
  readonly paths: readonly string[];
  readonly rows: number;
  /** Greatest watermark-column value seen, as the source wrote it. */
  readonly newest: string | undefined;
}

async function streamToScratch(
  table: SourceTableName,
  columns: readonly SourceColumn[],
  since: string | undefined,
  { source, store, engine, options }: TableExportContext,
): Promise<Streamed> {
  const writer = new ParquetPartWriter(engine, store, columns, options);
  let newest: string | undefined;
  try {
    const batches = source.streamCsvBatches({
      table,
      columns,
      since: since ? { column: WATERMARK_COLUMN, value: since } : undefined,
      batchRows: options.rowsPerAppend,
      newestOf: WATERMARK_COLUMN,
    });
    for await (const batch of batches) {
      if (batch.newest !== undefined && (newest === undefined || batch.newest > newest))
        newest = batch.newest;
      await writer.write(batch);
      await options.onProgress?.({ table, rows: writer.rowCount, done: false });
    }
    return { paths: await writer.finish(), rows: writer.rowCount, newest };
  } catch (error: unknown) {
    await writer.discard();
    throw error;
  }
}

async function publish(
  table: SourceTableName,
  paths: readonly string[],
  context: TableExportContext,
): Promise<string[]> {
  const objects: string[] = [];
  try {
    for (const [part, path] of paths.entries()) {
      const key = rawPartKey(table, context.dt, context.runId, part);
      await context.store.putFile(RAW, key, path);
      objects.push(key);
    }
  } catch (error: unknown) {
    // Published parts are whole objects; the unmoved watermark makes the next run redo them.
    await Promise.all(paths.slice(objects.length).map((path) => rm(path, { force: true })));
    throw error;
  }
  return objects;
}

function minTimestamp(a: string, b: string): string {
  return a <= b ? a : b;
}
