// One request through the routes, for every edge that serves them (the Node server, the API
// Lambda): pick the route, check access, run it, and turn its answer or error into a reply.
// JSON answers pass the card-data masker here, so no edge can forget it.

import { ShoplakeError } from '../core/shoplake-error.js';
import type { JsonValue } from '../ports/sql-engine.js';
import { maskJsonValue } from '../stages/sql/mask-answer.js';
import { httpError, httpErrorOf } from './http-error.js';
import type { Route, RouteContext } from './route.js';

export interface DispatchRequest {
  readonly method: string | undefined;
  readonly path: string;
  readonly requestId: string;
  /** The routes for the path, one per method (see `routesFor`). */
  readonly candidates: readonly Route[];
  /** Throws `unauthorized` unless the request may reach `route` (undefined when none matched). */
  authorize(route: Route | undefined): void;
  context(): RouteContext;
}

export interface HttpReply {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | Buffer;
  /** What went wrong, when the reply is an error (for the edge's log). */
  readonly error?: unknown;
}

/**
 * @example
 * const reply = await dispatchRoute({ method: 'GET', path, requestId, candidates: routesFor(routes, path), authorize, context });
 */
export async function dispatchRoute(request: DispatchRequest): Promise<HttpReply> {
  const reply = await dispatchAs(request, request.method === 'HEAD' ? 'GET' : request.method);
  // HEAD: the GET answer's status and headers (its content-length included), no body.
  return request.method === 'HEAD' ? { ...reply, body: '' } : reply;
}

async function dispatchAs(request: DispatchRequest, method: string | undefined): Promise<HttpReply> {
  try {
    const route = request.candidates.find((r) => r.method === method);
    request.authorize(route);
    if (request.candidates.length === 0)
      throw new ShoplakeError('not_found', `No route ${request.path}; GET /api/catalog lists what there is.`);
    if (!route) {
      const methods = request.candidates.map((r) => r.method);
      const allowed = (methods.includes('GET') ? [...methods, 'HEAD'] : methods).join(', ');
      const reply = jsonReply(
        405,
        httpError(405, 'method_not_allowed', `${request.path} takes ${allowed}.`).body,
      );
      return { ...reply, headers: { ...reply.headers, allow: allowed } };
    }
    const answer = await route.handle(request.context());
    if ('json' in answer) return jsonReply(answer.status, answer.json);
    return {
      status: answer.status,
      headers: {
        'content-type': answer.contentType,
        'content-length': String(Buffer.byteLength(answer.body)),
        'x-content-type-options': 'nosniff',
        ...answer.headers,
      },
      body: answer.body,
    };
  } catch (error: unknown) {
    const failure = httpErrorOf(error, request.requestId);
    return { ...jsonReply(failure.status, failure.body), error };
  }
}

/** A JSON reply; every answer passes the masker at the edge, whatever produced it. */
export function jsonReply(status: number, json: unknown): HttpReply {
  const body = JSON.stringify(maskJsonValue(json as JsonValue));
  return {
    status,
    headers: {
      'content-type': 'application/json; charset=utf-8',
      'content-length': String(Buffer.byteLength(body)),
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    },
    body,
  };
}
