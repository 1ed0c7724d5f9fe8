// What the export stage needs from an OLTP database, so the stage never imports a driver.
// The MySQL adapter (src/adapters/mysql/mysql-source-database.ts) implements it.

/** One value as the source hands it over: exact text for decimals, big integers and times. */
export type SourceValue = string | number | null;

export interface SourceColumn {
  readonly name: string;
  /** The engine (DuckDB) type the column is written to Parquet as, e.g. 'DECIMAL(12,2)'. */
  readonly engineType: string;
  /** The source's declared type, for messages: 'decimal(12,2)'. */
  readonly sourceType: string;
}

export interface SourceRowQuery {
  readonly table: string;
  readonly columns: readonly SourceColumn[];
  /** Only rows with `column >= value` (an incremental export); every row when absent. */
  readonly since?: { readonly column: string; readonly value: string };
  /** Rows per batch handed over; the source waits while a batch is being written. */
  readonly batchRows: number;
}

/**
 * A source database session. Timestamps are UTC text 'YYYY-MM-DD HH:MM:SS.ffffff', so they
 * compare as strings in time order.
 *
 * @example
 * const columns = await source.describeTable('orders');
 * for await (const rows of source.streamRowBatches({ table: 'orders', columns, batchRows: 10_000 })) write(rows);
 */
export interface SourceDatabase {
  /** Where it points, safe to print: 'user@host:port/db' (never a password). */
  readonly description: string;
  /** The table's columns in their declared order, or undefined when there is no such table. */
  describeTable(table: string): Promise<readonly SourceColumn[] | undefined>;
  /** The server's clock, in the timestamp format above. */
  now(): Promise<string>;
  /**
   * Rows as arrays in `query.columns` order, in batches, with backpressure: the next batch is
   * read only once the consumer asks for it. Batches and rows are the consumer's to change.
   */
  streamRowBatches(query: SourceRowQuery): AsyncIterable<SourceValue[][]>;
  close(): Promise<void>;
}
