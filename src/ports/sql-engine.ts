// The SQL port behind `shoplake query` and POST /api/query: the engine's own parser (so the
// guard judges exactly what will run) and a sandbox that sees only the tables handed to it.
// DuckDB implements it locally; Athena in AWS (with DuckDB's parser feeding the guard).

import type { CatalogColumn } from './catalog.js';

/** One table the sandbox exposes as `schema.name`, a view over exactly these files. */
export interface SqlTableSource {
  readonly schema: string;
  readonly name: string;
  /** Local paths of the table's Parquet files: the only files the session may open. */
  readonly paths: readonly string[];
  /** Read `key=value/` folders as columns. */
  readonly hivePartitioning: boolean;
  /** Used to shape an empty view when the table has no files yet. */
  readonly columns: readonly CatalogColumn[];
}

export interface SqlLimits {
  /** Rows returned at most; one more is read to tell whether the answer was cut. */
  readonly maxRows: number;
  /** The statement is interrupted after this long (error code `sql_timeout`). */
  readonly timeoutMs: number;
  /** Aborting interrupts the statement (error code `sql_canceled`). */
  readonly signal?: AbortSignal;
}

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export interface SqlColumn {
  readonly name: string;
  readonly type: string;
}

export interface SqlResult {
  readonly columns: readonly SqlColumn[];
  /**
   * JSON-safe rows, one array per row in column order. BIGINT, HUGEINT, UBIGINT and DECIMAL
   * always come as strings (exact), other numbers as numbers, times as ISO-like strings.
   */
  readonly rows: readonly (readonly JsonValue[])[];
  /** More rows existed than `maxRows`. */
  readonly truncated: boolean;
}

/**
 * Parses and runs read-only SQL. `execute` must only be given SQL the guard accepted.
 *
 * @example
 * const tree = await sql.parse('SELECT count(*) FROM curated.orders');
 * const result = await sql.execute(text, [{ schema: 'curated', name: 'orders', paths, hivePartitioning: false, columns }],
 *   { maxRows: 10_000, timeoutMs: 30_000 });
 */
export interface SqlEngine {
  /**
   * Where the engine finds table data. `local-files` (DuckDB; the default when absent): the
   * tables' files are handed over as local paths. `in-place` (Athena): the engine reads each
   * table where it lives, by its `schema.name`, and gets no paths.
   */
  readonly reads?: 'local-files' | 'in-place';
  /**
   * The parse tree as DuckDB's `json_serialize_sql` gives it: `{ error: false, statements: [...] }`,
   * or `{ error: true, error_type, error_message }` for a syntax error or a non-SELECT statement.
   * Parsing never runs anything.
   */
  parse(sql: string): Promise<unknown>;
  /** Runs one statement in a fresh session where the given tables are the only readable data. */
  execute(sql: string, tables: readonly SqlTableSource[], limits: SqlLimits): Promise<SqlResult>;
  /** Whether the engine answers at all (readiness probes). */
  ping(): Promise<void>;
  close(): Promise<void>;
}
