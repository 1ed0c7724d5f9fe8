// Loads a stream of generated batches into MySQL through the sink and counts what happened:
// the numbers seed-mysql prints and the benchmark reports.

import type { SourceTableName } from '../../core/source-tables.js';
import type { WorldBatch } from '../../stages/generate/world-batch.js';
import type { BatchLoadResult, MysqlSink } from './mysql-sink.js';

export interface SeedMysqlResult {
  readonly batches: number;
  /** Batches left out because MySQL would refuse their values (WorldBatch.mysqlLoadable). */
  readonly skippedBatches: number;
  /** Rows sent, per table; duplicates of a primary key replace each other in the table. */
  readonly rowsByTable: Readonly<Partial<Record<SourceTableName, number>>>;
  readonly rows: number;
  /** Values MySQL adjusted while loading (should be 0). */
  readonly warnings: number;
}

/**
 * @example
 * const result = await seedMysql(generateWorld({ orders: 10_000, seed: 1 }), sink);
 */
export async function seedMysql(
  batches: Iterable<WorldBatch> | AsyncIterable<WorldBatch>,
  sink: MysqlSink,
  onBatch?: (batch: WorldBatch, result: BatchLoadResult) => void,
): Promise<SeedMysqlResult> {
  const rowsByTable: Partial<Record<SourceTableName, number>> = {};
  let count = 0;
  let skipped = 0;
  let rows = 0;
  let warnings = 0;
  for await (const batch of batches) {
    const result = await sink.load(batch);
    count += 1;
    if (result.skipped) skipped += 1;
    rows += result.rows;
    warnings += result.warnings;
    rowsByTable[batch.table] = (rowsByTable[batch.table] ?? 0) + result.rows;
    onBatch?.(batch, result);
  }
  return { batches: count, skippedBatches: skipped, rowsByTable, rows, warnings };
}
