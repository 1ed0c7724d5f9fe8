// A route of the HTTP API: what it answers and how. The server owns the socket, auth, body cap,
// logging and error mapping; a route only turns a request into an answer, so each feature
// (SQL, copilot, metrics, dashboard) adds one module instead of editing the server.

import type { IncomingMessage } from 'node:http';
import type { CatalogSnapshot } from '../ports/catalog.js';
import type { Logger } from '../ports/logger.js';
import type { QueryGate } from './query-gate.js';
import type { SqlServices } from './sql-services.js';

export type HttpMethod = 'GET' | 'POST';

/** A JSON answer passes the card-data masker on its way out; a raw body (static files, Prometheus text) does not. */
export type RouteAnswer =
  | { readonly status: number; readonly json: unknown }
  | {
      readonly status: number;
      readonly body: string | Buffer;
      readonly contentType: string;
      readonly headers?: Readonly<Record<string, string>>;
    };

/** What a route may read of the request itself (headers); the Node server and the Lambda both give it. */
export type RouteRequest = Pick<IncomingMessage, 'method' | 'url' | 'headers'>;

export interface RouteContext {
  readonly request: RouteRequest;
  /** The URL path, already decoded by WHATWG URL parsing. */
  readonly path: string;
  readonly searchParams: URLSearchParams;
  readonly requestId: string;
  readonly services: SqlServices;
  readonly logger: Logger;
  /** Runs SQL work under the server's concurrency cap. */
  readonly gate: QueryGate;
  readonly queryTimeoutMs: number;
  /** The catalog as last crawled; throws a 503 `not_ready` error when none is loaded yet. */
  catalog(): CatalogSnapshot;
  /** The request body as JSON, under the server's size cap. */
  readJson(): Promise<unknown>;
}

export interface Route {
  readonly method: HttpMethod;
  /** An exact path, or a prefix ending in '/' (e.g. '/assets/') that matches everything below it. */
  readonly path: string;
  /** Served without the API token: only for files that hold no data (the dashboard's bundle). */
  readonly public?: boolean;
  handle(context: RouteContext): Promise<RouteAnswer>;
}

/** The routes for a path (one per method): an exact match wins over the longest matching prefix. */
export function routesFor(routes: readonly Route[], path: string): Route[] {
  const exact = routes.filter((r) => r.path === path);
  if (exact.length > 0) return exact;
  const prefixed = routes
    .filter((r) => r.path.endsWith('/') && r.path.length > 1 && path.startsWith(r.path))
    .sort((a, b) => b.path.length - a.path.length);
  const longest = prefixed[0]?.path;
  return prefixed.filter((r) => r.path === longest);
}
