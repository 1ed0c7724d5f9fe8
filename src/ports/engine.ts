// The engine port: SQL over Parquet files. DuckDB implements it locally and in Lambda.

export type Row = Record<string, unknown>;

/**
 * A SQL engine session (DuckDB dialect). Values come back JSON-friendly: BIGINT and DECIMAL
 * as strings when they would lose precision as numbers, timestamps as ISO-like strings.
 *
 * @example
 * const rows = await engine.query(`SELECT count(*) AS n FROM read_parquet('${path}')`);
 */
export interface Engine {
  run(sql: string): Promise<void>;
  query(sql: string): Promise<Row[]>;
  /** Appends rows to an existing table (bulk, typed by the table's columns). */
  append(
    table: string,
    rows: readonly (readonly (string | number | bigint | boolean | null)[])[],
  ): Promise<void>;
  /** Makes a JS string function callable from SQL as `name(text)`; NULL in, NULL out. */
  registerTextFunction(name: string, fn: (text: string) => string): void;
  close(): Promise<void>;
}

export interface EngineOptions {
  /** Folder where the engine spills when a query outgrows its memory limit. */
  readonly spillDir: string;
  /** e.g. '1.5GB': the engine's own cap, below the process's memory. */
  readonly memoryLimit: string;
  readonly threads: number;
}

/** Opens engine sessions; each stage run takes its own session and closes it. */
export interface EngineFactory {
  open(): Promise<Engine>;
}
