// GET /readyz for every edge: ready once a catalog is loaded and the SQL engine answers.

import { errorMessage } from '../core/shoplake-error.js';
import type { CatalogSnapshot } from '../ports/catalog.js';
import type { SqlEngine } from '../ports/sql-engine.js';
import { httpError } from './http-error.js';
import type { RouteAnswer } from './route.js';

export async function readiness(snapshot: CatalogSnapshot | undefined, sql: SqlEngine): Promise<RouteAnswer> {
  if (!snapshot)
    return { status: 503, json: httpError(503, 'not_ready', 'The catalog is not loaded yet.').body };
  try {
    await sql.ping();
  } catch (error: unknown) {
    return {
      status: 503,
      json: httpError(503, 'not_ready', `The SQL engine does not answer: ${errorMessage(error)}`).body,
    };
  }
  return {
    status: 200,
    json: { status: 'ready', tables: snapshot.tables.length, crawledAt: snapshot.crawledAt },
  };
}
