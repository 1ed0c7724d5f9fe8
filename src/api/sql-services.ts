// What the SQL edges (`shoplake query`, `shoplake catalog`, `shoplake serve`) need from the
// local environment: its store and engines, the lake's catalog, and a sandboxed SQL engine.
// The SQL engine is built here until the composition root offers one.

import { join } from 'node:path';
import { DuckDbSqlEngine } from '../adapters/duckdb/duckdb-sql-engine.js';
import type { Catalog } from '../ports/catalog.js';
import type { EngineFactory } from '../ports/engine.js';
import type { ObjectStore } from '../ports/object-store.js';
import type { SqlEngine } from '../ports/sql-engine.js';
import type { LocalEnvironment } from '../runtime/local-environment.js';
import { ObjectStoreCatalog } from '../stages/catalog/object-store-catalog.js';
import { QueryResultCache } from '../stages/sql/query-result-cache.js';
import type { CachedAnswer } from '../stages/sql/run-query.js';

export interface SqlServices {
  readonly store: ObjectStore;
  readonly engines: EngineFactory;
  readonly catalog: Catalog;
  readonly sql: SqlEngine;
  /** Answers of repeatable queries, shared by every edge of one process; none: every query runs. */
  readonly queryCache?: QueryResultCache<CachedAnswer>;
}

export function createSqlServices(env: LocalEnvironment): SqlServices {
  const sql = new DuckDbSqlEngine({
    spillDir: join(env.config.dataDir, '.tmp', 'sql-spill'),
    memoryLimit: env.config.engine.memoryLimit,
    threads: env.config.engine.threads,
  });
  return {
    store: env.store,
    engines: env.engines,
    catalog: new ObjectStoreCatalog(env.store),
    sql,
    queryCache: new QueryResultCache(),
  };
}
