// One read-only query over the catalog, start to finish: text checks, DuckDB's parser, the
// guard, a sandbox that sees only the tables the query names, limits, and the masker.

import { ShoplakeError } from '../../core/shoplake-error.js';
import type { CatalogSnapshot } from '../../ports/catalog.js';
import type { ObjectStore } from '../../ports/object-store.js';
import type { JsonValue, SqlColumn, SqlEngine } from '../../ports/sql-engine.js';
import { checkSelect } from './check-select.js';
import { checkSqlText } from './check-sql-text.js';
import { maskJsonValue } from './mask-answer.js';
import { withTableSources } from './with-table-sources.js';

export const DEFAULT_ROW_LIMIT = 10_000;
export const MAX_ROW_LIMIT = 100_000;
export const DEFAULT_TIMEOUT_MS = 30_000;
export const MAX_TIMEOUT_MS = 300_000;

export interface RunQueryOptions {
  readonly sql: SqlEngine;
  readonly store: ObjectStore;
  /** The tables the query may read; anything else is refused. */
  readonly catalog: CatalogSnapshot;
  /** Rows returned at most (default 10,000, at most 100,000). */
  readonly limit?: number;
  /** Milliseconds before the query is interrupted (default 30,000, at most 300,000). */
  readonly timeoutMs?: number;
}

export interface QueryAnswer {
  readonly columns: readonly SqlColumn[];
  /** JSON-safe rows in column order; BIGINT and DECIMAL values are strings. */
  readonly rows: readonly (readonly JsonValue[])[];
  readonly rowCount: number;
  /** The query had more rows than `limit`; only the first `limit` are here. */
  readonly truncated: boolean;
  readonly limit: number;
  /** The catalog tables read, as `schema.table`. */
  readonly tables: readonly string[];
  readonly elapsedMs: number;
}

/**
 * Throws `sql_refused`, `sql_invalid`, `sql_failed` or `sql_timeout` with the reason.
 *
 * @example
 * const answer = await runQuery('SELECT status, count(*) FROM curated.orders GROUP BY 1', { sql, store, catalog });
 */
export async function runQuery(text: string, options: RunQueryOptions): Promise<QueryAnswer> {
  const started = performance.now();
  const limit = bounded('limit', options.limit ?? DEFAULT_ROW_LIMIT, MAX_ROW_LIMIT);
  const timeoutMs = bounded('timeoutMs', options.timeoutMs ?? DEFAULT_TIMEOUT_MS, MAX_TIMEOUT_MS);
  const sql = checkSqlText(text);
  const { tables } = checkSelect(await options.sql.parse(sql), options.catalog.tables);
  const result = await withTableSources(options.store, tables, (sources) =>
    options.sql.execute(sql, sources, { maxRows: limit, timeoutMs }),
  );
  return {
    columns: result.columns.map((c) => ({ name: maskJsonValue(c.name) as string, type: c.type })),
    rows: result.rows.map((row) => row.map(maskJsonValue)),
    rowCount: result.rows.length,
    truncated: result.truncated,
    limit,
    tables: tables.map((t) => `${t.schema}.${t.name}`),
    elapsedMs: Math.round(performance.now() - started),
  };
}

function bounded(name: string, value: number, max: number): number {
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new ShoplakeError(
      'invalid_argument',
      `${name} must be a whole number from 1 to ${max}, not ${value}.`,
      {
        retryable: false,
      },
    );
  }
  return value;
}
