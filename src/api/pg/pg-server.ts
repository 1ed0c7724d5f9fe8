// The Postgres wire endpoint: `psql`, BI tools and drivers query the catalog tables read-only.
// Every query goes through runQuery with the catalog (the same guard, sandbox, limits and
// masker as POST /api/query); session housekeeping is answered without running anything.

import { timingSafeEqual } from 'node:crypto';
import { type AddressInfo, createServer, type Server, type Socket } from 'node:net';
import type { CatalogSnapshot } from '../../ports/catalog.js';
import type { Logger } from '../../ports/logger.js';
import { DEFAULT_TIMEOUT_MS, MAX_ROW_LIMIT, type QueryAnswer, runQuery } from '../../stages/sql/run-query.js';
import type { QueryGate } from '../query-gate.js';
import type { SqlServices } from '../sql-services.js';
import * as msg from './pg-backend-messages.js';
import { PgConnection } from './pg-connection.js';
import { pgError } from './pg-error.js';

export interface PgServerDeps {
  readonly services: SqlServices;
  /** The catalog as last crawled (shared with the HTTP server); throws `not_ready` before the first crawl. */
  readonly catalog: () => CatalogSnapshot;
  /** The cap on engine work shared with the HTTP server. */
  readonly gate: QueryGate;
  readonly logger: Logger;
  /** The password non-loopback clients must give (SHOPLAKE_API_TOKEN); none: loopback clients only. */
  readonly password: string | undefined;
}

export interface PgServerOptions {
  readonly port: number;
  readonly host: string;
  /** Per-query time limit in ms (default 30,000); a session's statement_timeout may lower it. */
  readonly queryTimeoutMs?: number;
  /** Rows a query answers at most (default 100,000); a longer answer is cut with a warning. */
  readonly rowLimit?: number;
  /** Connections at once (default 64); more are turned away with SQLSTATE 53300. */
  readonly maxConnections?: number;
  /** Messages larger than this are skipped and answered with an error (default 1 MiB). */
  readonly maxMessageBytes?: number;
  /** Time a client has to authenticate (default 10,000 ms). */
  readonly startupTimeoutMs?: number;
  /** Serve loopback clients without a password (default true). */
  readonly trustLoopback?: boolean;
}

export class PgServer {
  private readonly connections = new Map<Socket, PgConnection>();
  private readonly byKey = new Map<number, PgConnection>();
  private readonly running = new Set<Promise<unknown>>();
  private closing: Promise<void> | undefined;

  private constructor(
    private readonly deps: PgServerDeps,
    private readonly options: PgServerOptions,
    private readonly server: Server,
  ) {}

  /**
   * Listens on `host:port`; resolves once it does.
   *
   * @example
   * const pg = await PgServer.start({ services, catalog: () => api.currentCatalog(), gate: api.queryGate, logger,
   *   password: config.apiToken }, { port: 5433, host: '127.0.0.1' });
   */
  static async start(deps: PgServerDeps, options: PgServerOptions): Promise<PgServer> {
    const server = createServer();
    const pg = new PgServer(deps, options, server);
    server.on('connection', (socket) => pg.accept(socket));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, options.host, () => resolve());
    });
    return pg;
  }

  get address(): AddressInfo {
    return this.server.address() as AddressInfo;
  }

  /**
   * Stops accepting, tells connected clients the server is shutting down and closes them (which
   * cancels their queries), then waits for those queries to end, so the engine can close after.
   */
  close(): Promise<void> {
    this.closing ??= (async () => {
      const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
      for (const connection of this.connections.values())
        connection.terminate('The server is shutting down.');
      for (const socket of this.connections.keys()) socket.destroySoon();
      await closed;
      await Promise.allSettled([...this.running]);
    })();
    return this.closing;
  }

  private accept(socket: Socket): void {
    socket.on('error', (error) => this.deps.logger.debug('pg.socket.error', { error: error.message }));
    socket.setNoDelay(true);
    if (this.closing || this.connections.size >= (this.options.maxConnections ?? 64)) {
      socket.end(msg.errorResponse(pgError('53300', 'Too many connections; try again later.', 'FATAL')));
      return;
    }
    const connection = new PgConnection(socket, {
      auth: { password: this.deps.password, trustLoopback: this.options.trustLoopback ?? true },
      run: (sql, limits) => this.run(sql, limits),
      logger: this.deps.logger,
      maxMessageBytes: this.options.maxMessageBytes ?? 1024 * 1024,
      startupTimeoutMs: this.options.startupTimeoutMs ?? 10_000,
      onCancel: (processId, secret) => this.cancel(processId, secret),
    });
    this.connections.set(socket, connection);
    this.byKey.set(connection.processId, connection);
    socket.once('close', () => {
      this.connections.delete(socket);
      this.byKey.delete(connection.processId);
    });
  }

  private run(sql: string, limits: { timeoutMs?: number; signal: AbortSignal }): Promise<QueryAnswer> {
    const serverTimeout = this.options.queryTimeoutMs ?? DEFAULT_TIMEOUT_MS;
    const { services, gate } = this.deps;
    const answer = runQuery(sql, {
      sql: services.sql,
      store: services.store,
      catalog: this.deps.catalog(),
      limit: this.options.rowLimit ?? MAX_ROW_LIMIT,
      timeoutMs: Math.min(serverTimeout, limits.timeoutMs ?? serverTimeout),
      metadata: true,
      cache: services.queryCache,
      schedule: (work) => gate.run(work),
      signal: limits.signal,
    });
    this.running.add(answer);
    void answer.catch(() => undefined).finally(() => this.running.delete(answer));
    return answer;
  }

  // A cancel request names a session by its process id and proves it knows the secret.
  private cancel(processId: number, secret: number): void {
    const connection = this.byKey.get(processId);
    if (!connection) return;
    const a = Buffer.alloc(4);
    const b = Buffer.alloc(4);
    a.writeInt32BE(secret);
    b.writeInt32BE(connection.secret);
    if (timingSafeEqual(a, b)) connection.cancel();
  }
}
