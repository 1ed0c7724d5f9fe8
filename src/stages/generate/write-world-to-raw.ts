// The raw sink: every batch becomes one Parquet object `<table>/dt=<dt>/<batchId>.parquet` in
// the raw zone, typed as the batch says. The batch goes to a scratch CSV, the engine casts and
// writes Parquet into scratch space, and the store publishes it atomically.

import { rm, writeFile } from 'node:fs/promises';
import { SQL_TYPES } from '../../core/source-tables.js';
import { RAW } from '../../core/zones.js';
import type { Engine } from '../../ports/engine.js';
import type { ObjectStore } from '../../ports/object-store.js';
import { batchCsv } from './batch-csv.js';
import type { WorldBatch } from './world-batch.js';

export interface RawWriteProgress {
  /** Batches published so far, this one included. */
  readonly batches: number;
  readonly rows: number;
  readonly key: string;
  readonly table: WorldBatch['table'];
  readonly dt: string;
}

export interface WriteWorldToRawOptions {
  readonly store: ObjectStore;
  /** An engine session (DuckDB dialect); the sink runs its COPY statements on it. */
  readonly engine: Engine;
  readonly onProgress?: (progress: RawWriteProgress) => void;
}

export interface RawWriteResult {
  readonly batches: number;
  readonly rows: number;
  readonly bytes: number;
}

/** Staged rows beyond which the generator waits for the engine (bounds scratch space). */
const MAX_STAGED_ROWS = 1_500_000;

/** What the sink keeps of a staged batch: not its rows, which can go as soon as the CSV is written. */
type BatchInfo = Pick<WorldBatch, 'table' | 'dt' | 'batchId' | 'columns'> & { readonly rowCount: number };

interface Staged {
  readonly batch: BatchInfo;
  readonly csvPath: string;
  readonly parquetPath: string;
}

/**
 * Writes every batch to the raw zone. Batches are staged as CSV while the engine converts the
 * previous ones; each engine call converts everything staged so far in one multi-statement
 * run, so the engine keeps working while the generator builds the next chunk.
 *
 * @example
 * await writeWorldToRaw(generateWorld({ orders: 5000, seed: 1 }), { store, engine });
 */
export async function writeWorldToRaw(
  batches: Iterable<WorldBatch> | AsyncIterable<WorldBatch>,
  options: WriteWorldToRawOptions,
): Promise<RawWriteResult> {
  const { store, engine, onProgress } = options;
  const totals = { batches: 0, rows: 0, bytes: 0 };
  const staged: Staged[] = [];
  let stagedRows = 0;
  let running: Promise<void> | undefined;
  let idle = true;
  let failure: { error: unknown } | undefined;
  const published = (batch: BatchInfo, bytes: number): void => {
    totals.batches++;
    totals.rows += batch.rowCount;
    totals.bytes += bytes;
    onProgress?.({
      batches: totals.batches,
      rows: totals.rows,
      key: rawKeyOf(batch),
      table: batch.table,
      dt: batch.dt,
    });
  };
  const convert = (): void => {
    const group = staged.splice(0);
    stagedRows = 0;
    idle = false;
    running = convertGroup(group, store, engine, published).then(
      () => {
        idle = true;
      },
      (error: unknown) => {
        failure = { error };
        idle = true;
      },
    );
  };
  try {
    for await (const batch of batches) {
      if (failure) throw failure.error;
      const csvPath = await store.scratchPath('.csv');
      const info: BatchInfo = {
        table: batch.table,
        dt: batch.dt,
        batchId: batch.batchId,
        columns: batch.columns,
        rowCount: batch.rows.length,
      };
      staged.push({ batch: info, csvPath, parquetPath: await store.scratchPath('.parquet') });
      stagedRows += batch.rows.length;
      await writeFile(csvPath, batchCsv(batch));
      if (!idle && stagedRows >= MAX_STAGED_ROWS) await running;
      if (idle) convert();
    }
    for (;;) {
      await running;
      if (failure) throw failure.error;
      if (staged.length === 0) break;
      convert();
    }
  } finally {
    await running;
    await Promise.all(staged.splice(0).map((s) => rm(s.csvPath, { force: true })));
  }
  return totals;
}

/** `<table>/dt=<dt>/<batchId>.parquet` */
export function rawKeyOf(batch: Pick<WorldBatch, 'table' | 'dt' | 'batchId'>): string {
  return `${batch.table}/dt=${batch.dt}/${batch.batchId}.parquet`;
}

async function convertGroup(
  group: readonly Staged[],
  store: ObjectStore,
  engine: Engine,
  published: (batch: BatchInfo, bytes: number) => void,
): Promise<void> {
  try {
    await engine.run(group.map((s) => copySql(s.batch, s.csvPath, s.parquetPath)).join(';\n'));
    for (const s of group)
      published(s.batch, (await store.putFile(RAW, rawKeyOf(s.batch), s.parquetPath)).size);
  } finally {
    await Promise.all(
      group.flatMap((s) => [rm(s.csvPath, { force: true }), rm(s.parquetPath, { force: true })]),
    );
  }
}

/** Reads the CSV as text and casts each column to the batch's type on the way to Parquet. */
export function copySql(batch: Pick<WorldBatch, 'columns'>, csvPath: string, parquetPath: string): string {
  const columns = batch.columns.map((_, i) => `'c${i}': 'VARCHAR'`).join(', ');
  const select = batch.columns
    .map((column, i) => {
      const type = SQL_TYPES[column.type];
      const value = type === 'VARCHAR' ? `c${i}` : `CAST(c${i} AS ${type})`;
      return `${value} AS ${quoteIdentifier(column.name)}`;
    })
    .join(', ');
  const source = `read_csv(${quoteLiteral(csvPath)}, header = false, auto_detect = false, delim = ',', quote = '"', escape = '"', allow_quoted_nulls = false, columns = {${columns}})`;
  return `COPY (SELECT ${select} FROM ${source}) TO ${quoteLiteral(parquetPath)} (FORMAT parquet, COMPRESSION zstd)`;
}

function quoteLiteral(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
