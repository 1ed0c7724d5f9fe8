// What the export stage needs from an OLTP database, so the stage never imports a driver.
// The MySQL adapter (src/adapters/mysql/mysql-source-database.ts) implements it.

/** One value as a source may hold it: exact text for decimals, big integers and times. */
export type SourceValue = string | number | null;

export interface SourceColumn {
  readonly name: string;
  /** The engine (DuckDB) type the column is written to Parquet as, e.g. 'DECIMAL(12,2)'. */
  readonly engineType: string;
  /** The source's declared type, for messages: 'decimal(12,2)'. */
  readonly sourceType: string;
}

/**
 * Rows as CSV bytes in CSV_CHUNK_DIALECT (csv-chunk-text.ts): every value quoted, NULL an
 * empty unquoted field, each row ending in a newline.
 */
export interface CsvRowBatch {
  readonly text: Buffer;
  /** The byte offset just past each row's newline: one entry per row. */
  readonly rowEnds: Uint32Array;
  /** The greatest value of the query's `newestOf` column in the batch, in text order. */
  readonly newest: string | undefined;
}

export interface SourceRowQuery {
  readonly table: string;
  readonly columns: readonly SourceColumn[];
  /** Only rows with `column >= value` (an incremental export); every row when absent. */
  readonly since?: { readonly column: string; readonly value: string };
  /** Rows per batch handed over; the source waits while a batch is being written. */
  readonly batchRows: number;
  /** The column whose greatest value each batch reports (e.g. the watermark column). */
  readonly newestOf?: string;
}

/**
 * A source database session. Timestamps are UTC text 'YYYY-MM-DD HH:MM:SS.ffffff', so they
 * compare as strings in time order.
 *
 * @example
 * const columns = await source.describeTable('orders');
 * for await (const batch of source.streamCsvBatches({ table: 'orders', columns, batchRows: 10_000 })) write(batch);
 */
export interface SourceDatabase {
  /** Where it points, safe to print: 'user@host:port/db' (never a password). */
  readonly description: string;
  /** The table's columns in their declared order, or undefined when there is no such table. */
  describeTable(table: string): Promise<readonly SourceColumn[] | undefined>;
  /** The server's clock, in the timestamp format above. */
  now(): Promise<string>;
  /**
   * Rows in `query.columns` order as CSV, in batches, with backpressure: the next batch is
   * read only once the consumer asks for it.
   */
  streamCsvBatches(query: SourceRowQuery): AsyncIterable<CsvRowBatch>;
  close(): Promise<void>;
}
