// The catalog and read-only SQL: GET /api/catalog and POST /api/query.

import { ShoplakeError } from '../../core/shoplake-error.js';
import type { CatalogSnapshot } from '../../ports/catalog.js';
import { runQuery } from '../../stages/sql/run-query.js';
import type { Route } from '../route.js';

export const catalogRoute: Route = {
  method: 'GET',
  path: '/api/catalog',
  handle: async (context) => ({ status: 200, json: publicCatalog(context.catalog()) }),
};

export const queryRoute: Route = {
  method: 'POST',
  path: '/api/query',
  async handle(context) {
    const catalog = context.catalog();
    const { sql, limit } = queryRequest(await context.readJson());
    const answer = await runQuery(sql, {
      sql: context.services.sql,
      store: context.services.store,
      catalog,
      limit,
      timeoutMs: context.queryTimeoutMs,
      cache: context.services.queryCache,
      // Only engine work waits for its turn: a cached answer is served at once.
      schedule: (work) => context.gate.run(work),
    });
    context.logger.info('api.query', {
      sql: sql.slice(0, 500),
      rows: answer.rowCount,
      ms: answer.elapsedMs,
      cached: answer.cached,
    });
    return { status: 200, json: answer };
  },
};

// Per-file columns serve the crawler's drift checks; readers get the table's columns.
function publicCatalog(snapshot: CatalogSnapshot): unknown {
  return {
    ...snapshot,
    tables: snapshot.tables.map((t) => ({ ...t, files: t.files.map(({ columns: _, ...file }) => file) })),
  };
}

function queryRequest(body: unknown): { sql: string; limit: number | undefined } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ShoplakeError('invalid_argument', 'Send a JSON object: {"sql": "SELECT ...", "limit": 100}.');
  }
  const { sql, limit } = body as Record<string, unknown>;
  if (typeof sql !== 'string') throw new ShoplakeError('invalid_argument', '"sql" must be a string.');
  if (limit !== undefined && typeof limit !== 'number')
    throw new ShoplakeError('invalid_argument', '"limit" must be a number.');
  return { sql, limit };
}
