// What the demo-data generator produces: batches of source rows, one table per batch, as a
// shop's export would deliver them. Sinks turn batches into raw Parquet objects or load them
// into MySQL (seed-mysql).

import type { ColumnType, SourceTableName } from '../../core/source-tables.js';

/** A column as it appears in one batch: contract columns may drift to 'string'; extras may appear. */
export interface BatchColumn {
  readonly name: string;
  readonly type: ColumnType;
}

/**
 * Values per column type: bigint → number (a safe integer; the generator's choice: no BigInt
 * allocation per id) | bigint | string (drifted), int → number, decimal → string
 * ('123.45', exact), timestamp → string ISO-8601 UTC with microseconds ('2026-01-02 03:04:05.123456'),
 * date → 'YYYY-MM-DD', string → string, boolean → boolean. Any value may be null.
 */
export type BatchValue = string | number | bigint | boolean | null;

export interface WorldBatch {
  readonly table: SourceTableName;
  /** Export day of the batch: the raw key is `<table>/dt=<dt>/<batchId>.parquet`. */
  readonly dt: string;
  readonly batchId: string;
  readonly columns: readonly BatchColumn[];
  readonly rows: readonly (readonly BatchValue[])[];
  /**
   * Whether a MySQL server would accept every row of this batch as it is. Batches of rows that
   * MySQL itself would refuse (unparseable numbers, NULL in NOT NULL columns, ...) are false.
   */
  readonly mysqlLoadable: boolean;
}
