// The HTTP API as a Lambda behind a Function URL (or an API Gateway HTTP API): a payload 2.0
// event goes through the same routes and dispatch as `shoplake serve`; AWS checked the
// caller's IAM signature before the event exists, and an event without a verified identity is
// refused, so a misconfigured URL never serves data in the open.

import type { Context, LambdaFunctionURLEventWithIAMAuthorizer, LambdaFunctionURLResult } from 'aws-lambda';
import { dispatchRoute, type HttpReply, jsonReply } from '../../api/dispatch-route.js';
import { httpError } from '../../api/http-error.js';
import { QueryGate } from '../../api/query-gate.js';
import { DEFAULT_BODY_LIMIT_BYTES, parseJsonBody } from '../../api/read-json-body.js';
import { readiness } from '../../api/readiness.js';
import { type Route, type RouteContext, routesFor } from '../../api/route.js';
import { defaultRoutes } from '../../api/routes/default-routes.js';
import type { SqlServices } from '../../api/sql-services.js';
import { errorMessage, ShoplakeError } from '../../core/shoplake-error.js';
import type { CatalogSnapshot } from '../../ports/catalog.js';
import type { Logger } from '../../ports/logger.js';
import { DEFAULT_TIMEOUT_MS } from '../../stages/sql/run-query.js';
import { oncePerContainer } from './lambda-environment.js';

export type ApiEvent = LambdaFunctionURLEventWithIAMAuthorizer;
export type ApiResult = Exclude<LambdaFunctionURLResult, string>;

export interface ApiLambdaDeps {
  readonly services: SqlServices;
  readonly logger: Logger;
  /** Default: the routes of `shoplake serve`. */
  readonly routes?: readonly Route[];
  /** Per-query time limit in ms; keep it under the function's timeout. Default 30,000. */
  readonly queryTimeoutMs?: number;
  /** Default 64 KB, as the server. */
  readonly bodyLimitBytes?: number;
  /** The catalog is re-read after this long, in ms. Default 60,000. */
  readonly catalogTtlMs?: number;
  /** Lambda answers at most 6 MB; a bigger reply becomes a 413 asking for fewer rows. Default 5,900,000. */
  readonly maxResponseBytes?: number;
}

/**
 * The Lambda handler; `build` runs once per container (again after a failed build).
 *
 * @example
 * export const handler = createApiLambda(async () => ({ services: awsSqlServices(env), logger }));
 */
export function createApiLambda(
  build: () => Promise<ApiLambdaDeps>,
): (event: ApiEvent, context: Context) => Promise<ApiResult> {
  const api = oncePerContainer(async () => new ApiGatewayEdge(await build()));
  return async (event, context) => (await api()).handle(event, context);
}

class ApiGatewayEdge {
  private snapshot: CatalogSnapshot | undefined;
  private loadedAt = 0;
  private readonly gate = new QueryGate(1);
  private readonly routes: readonly Route[];

  constructor(private readonly deps: ApiLambdaDeps) {
    this.routes = deps.routes ?? defaultRoutes();
  }

  async handle(event: ApiEvent, context: Context): Promise<ApiResult> {
    const started = performance.now();
    const requestId = context.awsRequestId;
    const method = event.requestContext.http.method;
    const path = event.rawPath;
    const caller = event.requestContext.authorizer?.iam?.userArn;
    await this.refreshCatalog();
    let reply = await dispatchRoute({
      method,
      path,
      requestId,
      candidates: this.routesFor(path),
      authorize: () => {
        if (!caller)
          throw new ShoplakeError(
            'unauthorized',
            'This endpoint only serves IAM-signed requests; deploy it with AuthType AWS_IAM (the stack does) and sign with SigV4.',
            { retryable: false },
          );
      },
      context: () => this.contextFor(event, path, requestId),
    });
    if (Buffer.byteLength(reply.body) > (this.deps.maxResponseBytes ?? 5_900_000)) {
      reply = jsonReply(
        413,
        httpError(
          413,
          'payload_too_large',
          'The answer is larger than a Lambda response may be (6 MB); ask for fewer rows ("limit") or aggregate.',
        ).body,
      );
    }
    if (reply.status === 500)
      this.deps.logger.error('api.request.failed', { requestId, path, error: reply.error });
    this.deps.logger.info('api.request', {
      requestId,
      method,
      path,
      status: reply.status,
      caller,
      ms: Math.round(performance.now() - started),
    });
    return resultOf(reply, requestId);
  }

  // A failed read keeps the catalog the container had; requests are then served from it.
  private async refreshCatalog(): Promise<void> {
    if (this.snapshot && Date.now() - this.loadedAt < (this.deps.catalogTtlMs ?? 60_000)) return;
    try {
      this.snapshot = (await this.deps.services.catalog.read()) ?? this.snapshot;
      this.loadedAt = Date.now();
    } catch (error: unknown) {
      this.deps.logger.error('api.catalog.read_failed', { error: errorMessage(error) });
    }
  }

  private routesFor(path: string): readonly Route[] {
    if (path === '/healthz')
      return [{ method: 'GET', path, handle: async () => ({ status: 200, json: { status: 'ok' } }) }];
    if (path === '/readyz')
      return [{ method: 'GET', path, handle: () => readiness(this.snapshot, this.deps.services.sql) }];
    return routesFor(this.routes, path);
  }

  private contextFor(event: ApiEvent, path: string, requestId: string): RouteContext {
    const query = event.rawQueryString ? `?${event.rawQueryString}` : '';
    return {
      request: {
        method: event.requestContext.http.method,
        url: `${path}${query}`,
        headers: event.headers ?? {},
      },
      path,
      searchParams: new URLSearchParams(event.rawQueryString ?? ''),
      requestId,
      services: this.deps.services,
      logger: this.deps.logger,
      gate: this.gate,
      queryTimeoutMs: this.deps.queryTimeoutMs ?? DEFAULT_TIMEOUT_MS,
      catalog: () => {
        if (!this.snapshot)
          throw new ShoplakeError(
            'not_ready',
            'The catalog is empty: the stack registers it after the first pipeline run.',
          );
        return this.snapshot;
      },
      readJson: async () => {
        const body = Buffer.from(event.body ?? '', event.isBase64Encoded ? 'base64' : 'utf8');
        return parseJsonBody(body, this.deps.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES);
      },
    };
  }
}

/** Text bodies go as they are; binary ones (static files) base64-encoded, as payload 2.0 wants. */
function resultOf(reply: HttpReply, requestId: string): ApiResult {
  const binary = Buffer.isBuffer(reply.body);
  return {
    statusCode: reply.status,
    headers: { 'x-request-id': requestId, ...reply.headers },
    body: binary ? (reply.body as Buffer).toString('base64') : (reply.body as string),
    isBase64Encoded: binary,
  };
}
