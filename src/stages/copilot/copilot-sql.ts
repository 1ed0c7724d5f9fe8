// The one way the copilot runs SQL: through runQuery, so every statement it builds (and every
// statement a language model writes) passes the same guard, sandbox, limits and masker as
// `shoplake query`. Also the fingerprint that says when a cached answer is stale.

import type { CatalogSnapshot, CatalogTable } from '../../ports/catalog.js';
import type { ObjectStore } from '../../ports/object-store.js';
import type { SqlEngine } from '../../ports/sql-engine.js';
import type { QueryResultCache } from '../sql/query-result-cache.js';
import { type CachedAnswer, type QueryAnswer, runQuery } from '../sql/run-query.js';

export interface CopilotSqlContext {
  readonly sql: SqlEngine;
  readonly store: ObjectStore;
  readonly catalog: CatalogSnapshot;
  /** Per-statement time limit in ms. */
  readonly timeoutMs: number;
  /** Runs engine work under the caller's concurrency cap (the API server's query gate). */
  readonly schedule?: <T>(task: () => Promise<T>) => Promise<T>;
  /** Answers of repeated statements over unchanged tables (shared with POST /api/query). */
  readonly cache?: QueryResultCache<CachedAnswer>;
}

/** Runs one read-only statement through the guard. */
export function runCopilotQuery(
  text: string,
  context: CopilotSqlContext,
  limit: number,
): Promise<QueryAnswer> {
  const run = () =>
    runQuery(text, {
      sql: context.sql,
      store: context.store,
      catalog: context.catalog,
      limit,
      timeoutMs: context.timeoutMs,
    });
  return context.schedule ? context.schedule(run) : run();
}

/** `schema.table` names the catalog offers. */
export function catalogTableNames(catalog: CatalogSnapshot): Set<string> {
  return new Set(catalog.tables.map((t) => `${t.schema}.${t.name}`));
}

/**
 * Identifies the committed content of the catalog tables `sql` names: it changes whenever one
 * of them gets a new commit, and only then.
 */
export function tablesFingerprint(catalog: CatalogSnapshot, sql: string): string {
  const lower = sql.toLowerCase();
  return catalog.tables
    .filter((t) => lower.includes(`${t.schema}.${t.name}`.toLowerCase()))
    .map(tableVersion)
    .sort()
    .join('|');
}

function tableVersion(table: CatalogTable): string {
  return `${table.schema}.${table.name}@${table.lastUpdated}#${table.rows}/${table.files.length}`;
}
