// The HTTP API, on Node's own http module: a handful of routes do not need a framework, and
// owning the socket keeps the loopback check and the body cap exact. The routes themselves are
// modules (see route.ts); the server does auth, body limits, errors, logging and shutdown.

import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { errorMessage, ShoplakeError } from '../core/shoplake-error.js';
import type { CatalogSnapshot } from '../ports/catalog.js';
import type { Logger } from '../ports/logger.js';
import { crawlCatalog } from '../stages/catalog/crawl-catalog.js';
import { DEFAULT_TIMEOUT_MS } from '../stages/sql/run-query.js';
import { dispatchRoute } from './dispatch-route.js';
import { QueryGate } from './query-gate.js';
import { DEFAULT_BODY_LIMIT_BYTES, readJsonBody } from './read-json-body.js';
import { readiness } from './readiness.js';
import { authorize } from './request-auth.js';
import { type Route, type RouteContext, routesFor } from './route.js';
import { defaultRoutes } from './routes/default-routes.js';
import type { SqlServices } from './sql-services.js';

export interface ApiServerDeps extends SqlServices {
  readonly logger: Logger;
  /** Required from non-loopback clients; undefined serves loopback clients only. */
  readonly apiToken: string | undefined;
}

export interface ApiServerOptions {
  readonly port: number;
  readonly host: string;
  /** Request bodies larger than this get 413 (default 64 KB). */
  readonly bodyLimitBytes?: number;
  /** Per-query time limit in ms (default 30,000); a query over it gets 408. */
  readonly queryTimeoutMs?: number;
  /** Queries running at once; more wait their turn (default 2). */
  readonly maxConcurrentQueries?: number;
  /** Re-crawl the catalog this often, in ms; 0 never (default 60,000). */
  readonly catalogRefreshMs?: number;
  /** Serve loopback clients without a token (default true). */
  readonly trustLoopback?: boolean;
  /** After a shutdown signal, in-flight requests get this long to finish (default 10,000 ms). */
  readonly shutdownGraceMs?: number;
  /** What the server answers besides /healthz and /readyz (default: catalog and SQL). */
  readonly routes?: readonly Route[];
}

export class ApiServer {
  private snapshot: CatalogSnapshot | undefined;
  private refreshing: Promise<void> | undefined;
  private refreshTimer: NodeJS.Timeout | undefined;
  private closing: Promise<void> | undefined;
  private readonly gate: QueryGate;
  private readonly routes: readonly Route[];

  private constructor(
    private readonly deps: ApiServerDeps,
    private readonly options: ApiServerOptions,
    private readonly server: Server,
  ) {
    this.gate = new QueryGate(options.maxConcurrentQueries ?? 2);
    this.routes = options.routes ?? defaultRoutes();
  }

  /** Listens, then loads the catalog (readiness waits for it); resolves once both are done. */
  static async start(deps: ApiServerDeps, options: ApiServerOptions): Promise<ApiServer> {
    const server = createServer();
    const api = new ApiServer(deps, options, server);
    server.on('request', (request, response) => {
      // handle() answers its own errors; this only keeps a bug from taking the process down.
      api
        .handle(request, response)
        .catch((error: unknown) => deps.logger.error('api.request.crashed', { error }));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, options.host, () => resolve());
    });
    await api.refreshCatalog();
    const every = options.catalogRefreshMs ?? 60_000;
    if (every > 0) {
      api.refreshTimer = setInterval(() => void api.refreshCatalog(), every);
      api.refreshTimer.unref();
    }
    return api;
  }

  get address(): AddressInfo {
    return this.server.address() as AddressInfo;
  }

  get url(): string {
    const { address, port, family } = this.address;
    return `http://${family === 'IPv6' ? `[${address}]` : address}:${port}`;
  }

  /** Crawls the lake; on failure keeps the catalog it had, or the last one registered. */
  refreshCatalog(): Promise<void> {
    this.refreshing ??= (async () => {
      try {
        this.snapshot = (await crawlCatalog(this.deps)).snapshot;
      } catch (error: unknown) {
        this.deps.logger.error('api.catalog.crawl_failed', { error: errorMessage(error) });
        this.snapshot ??= await this.deps.catalog.read().catch(() => undefined);
      } finally {
        this.refreshing = undefined;
      }
    })();
    return this.refreshing;
  }

  /** The catalog as last crawled, for the other edges of this process (the Postgres endpoint). */
  currentCatalog(): CatalogSnapshot {
    if (!this.snapshot) throw new ShoplakeError('not_ready', 'The catalog is not loaded yet.');
    return this.snapshot;
  }

  /** The cap on engine work, shared with the other edges of this process. */
  get queryGate(): QueryGate {
    return this.gate;
  }

  /** Stops accepting, lets in-flight requests finish (up to the grace period), closes engines. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      clearInterval(this.refreshTimer);
      const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
      this.server.closeIdleConnections();
      const deadline = setTimeout(
        () => this.server.closeAllConnections(),
        this.options.shutdownGraceMs ?? 10_000,
      );
      await closed;
      clearTimeout(deadline);
      await this.refreshing;
      await this.deps.sql.close();
    })();
    return this.closing;
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const requestId = randomUUID().slice(0, 8);
    const started = performance.now();
    const path = pathOf(request.url);
    // Read now: the socket is gone once a refused client hangs up.
    const remote = request.socket?.remoteAddress;
    let status = 500;
    try {
      const reply = await dispatchRoute({
        method: request.method,
        path,
        requestId,
        candidates: this.routesFor(path),
        authorize: (route) => {
          if (!route?.public)
            authorize(request, {
              token: this.deps.apiToken,
              trustLoopback: this.options.trustLoopback ?? true,
            });
        },
        context: () => this.contextFor(request, path, requestId),
      });
      status = reply.status;
      if (status === 500)
        this.deps.logger.error('api.request.failed', { requestId, path, error: reply.error });
      // An unread body (413, 401) is not drained: the connection closes after the answer.
      if (reply.error !== undefined && !request.complete) response.setHeader('connection', 'close');
      // During shutdown, a keep-alive socket closes after its answer so the server can stop.
      if (this.closing) response.setHeader('connection', 'close');
      response.writeHead(reply.status, { 'x-request-id': requestId, ...reply.headers });
      response.end(reply.body);
    } finally {
      this.deps.logger.info('api.request', {
        requestId,
        method: request.method,
        path,
        status,
        remote,
        ms: Math.round(performance.now() - started),
      });
    }
  }

  private routesFor(path: string): readonly Route[] {
    if (path === '/healthz' || path === '/readyz') {
      const handle =
        path === '/healthz'
          ? async () => ({ status: 200, json: { status: 'ok' } })
          : () => readiness(this.snapshot, this.deps.sql);
      return [{ method: 'GET', path, handle }];
    }
    return routesFor(this.routes, path);
  }

  private contextFor(request: IncomingMessage, path: string, requestId: string): RouteContext {
    return {
      request,
      path,
      searchParams: searchParamsOf(request.url),
      requestId,
      services: this.deps,
      logger: this.deps.logger,
      gate: this.gate,
      queryTimeoutMs: this.options.queryTimeoutMs ?? DEFAULT_TIMEOUT_MS,
      catalog: () => {
        if (!this.snapshot) throw new ShoplakeError('not_ready', 'The catalog is not loaded yet.');
        return this.snapshot;
      },
      readJson: () => readJsonBody(request, this.options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES),
    };
  }
}

/** The request's path, or '' when the target does not parse (it then matches no route). */
function pathOf(target: string | undefined): string {
  try {
    return new URL(target ?? '/', 'http://localhost').pathname;
  } catch {
    return '';
  }
}

function searchParamsOf(target: string | undefined): URLSearchParams {
  try {
    return new URL(target ?? '/', 'http://localhost').searchParams;
  } catch {
    return new URLSearchParams();
  }
}
