// One read-only query over the catalog, start to finish: text checks, DuckDB's parser, the
// guard, a sandbox that sees only the tables the query names, limits, and the masker; a
// repeatable query's answer may come from the cache instead.

import { ShoplakeError } from '../../core/shoplake-error.js';
import type { CatalogSnapshot, CatalogTable } from '../../ports/catalog.js';
import type { ObjectStore } from '../../ports/object-store.js';
import type { JsonValue, SqlColumn, SqlEngine } from '../../ports/sql-engine.js';
import { checkSelect } from './check-select.js';
import { checkSqlText } from './check-sql-text.js';
import { isRepeatable } from './is-repeatable.js';
import { maskJsonValue } from './mask-answer.js';
import { METADATA_RELATIONS, shapeSources } from './metadata-relations.js';
import type { QueryResultCache } from './query-result-cache.js';
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
  /**
   * Also accept the metadata relations Postgres clients read at connect (information_schema,
   * a few pg_catalog views), answered from the catalog's shape (default false).
   */
  readonly metadata?: boolean;
  /** Keeps answers of repeatable queries; without one every query runs. */
  readonly cache?: QueryResultCache<CachedAnswer>;
  /** Runs the engine work, e.g. under a concurrency cap; a cached answer skips it (default: at once). */
  readonly schedule?: <T>(work: () => Promise<T>) => Promise<T>;
  /** Aborting stops the query (error code `sql_canceled`). */
  readonly signal?: AbortSignal;
}

/** What the cache keeps of an answer: already masked. */
export type CachedAnswer = Pick<QueryAnswer, 'columns' | 'rows' | 'truncated'>;

export interface QueryAnswer {
  readonly columns: readonly SqlColumn[];
  /** JSON-safe rows in column order; BIGINT and DECIMAL values are strings. */
  readonly rows: readonly (readonly JsonValue[])[];
  readonly rowCount: number;
  /** The query had more rows than `limit`; only the first `limit` are here. */
  readonly truncated: boolean;
  readonly limit: number;
  /** The catalog tables read, as `schema.table` (and the metadata relations, for a metadata query). */
  readonly tables: readonly string[];
  readonly elapsedMs: number;
  /** The answer came from the cache (the same query over the same files ran before). */
  readonly cached: boolean;
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
  const tree = await options.sql.parse(sql);
  const { tables, metadata } = checkSelect(tree, options.catalog.tables, {
    metadata: options.metadata ? METADATA_RELATIONS : undefined,
  });
  if (metadata.length > 0 && tables.length > 0) {
    throw new ShoplakeError(
      'sql_refused',
      'Query refused: a query reads either the lake tables or the metadata (information_schema, pg_catalog), not both.',
      { retryable: false },
    );
  }
  const run = (signal: AbortSignal | undefined) => (): Promise<CachedAnswer> => {
    const schedule = options.schedule ?? ((work) => work());
    return schedule(async () => {
      const limits = { maxRows: limit, timeoutMs, signal };
      const result =
        metadata.length > 0
          ? await options.sql.execute(sql, shapeSources(options.catalog.tables), limits)
          : await withTableSources(
              options.store,
              tables,
              (sources) => options.sql.execute(sql, sources, limits),
              options.sql.reads,
            );
      return {
        columns: result.columns.map((c) => ({ name: maskJsonValue(c.name) as string, type: c.type })),
        rows: result.rows.map((row) => row.map(maskJsonValue)),
        truncated: result.truncated,
      };
    });
  };
  const { value, cached } =
    options.cache && isRepeatable(tree)
      ? await abortable(
          // A shared run ignores one caller's cancel: the others still want its answer.
          options.cache.getOrCompute(
            cacheKey(sql, limit, tables, metadata, options.catalog),
            run(undefined),
            sizeOf,
          ),
          options.signal,
        )
      : { value: await run(options.signal)(), cached: false };
  return {
    ...value,
    rowCount: value.rows.length,
    limit,
    tables: [...tables.map((t) => `${t.schema}.${t.name}`), ...metadata],
    elapsedMs: Math.round(performance.now() - started),
    cached,
  };
}

// The files (key and ETag) of every table read: a commit or a crawl that changes them changes the key.
function cacheKey(
  sql: string,
  limit: number,
  tables: readonly CatalogTable[],
  metadata: readonly string[],
  catalog: CatalogSnapshot,
): string {
  const read = metadata.length > 0 ? catalog.tables : tables;
  return JSON.stringify([sql, limit, metadata.length > 0, read.map(fingerprintOf).sort()]);
}

const fingerprints = new WeakMap<CatalogTable, string>();

function fingerprintOf(table: CatalogTable): string {
  let fingerprint = fingerprints.get(table);
  if (fingerprint === undefined) {
    const files = table.files.map((f) => `${f.key}@${f.etag}`).join(',');
    fingerprint = `${table.schema}.${table.name}:${table.schemaVersion}:${files}`;
    fingerprints.set(table, fingerprint);
  }
  return fingerprint;
}

// Roughly the answer's JSON size, without building the JSON.
function sizeOf(answer: CachedAnswer): number {
  let bytes = 64;
  for (const row of answer.rows)
    for (const cell of row) bytes += typeof cell === 'string' ? cell.length + 3 : cell === null ? 5 : 12;
  return bytes;
}

function abortable<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(canceled());
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function canceled(): ShoplakeError {
  return new ShoplakeError('sql_canceled', 'The query was canceled by the client.', { retryable: false });
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
