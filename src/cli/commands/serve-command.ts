// `shoplake serve`: the web dashboard and the HTTP API (POST /api/query, GET /api/catalog,
// /healthz, /readyz) until SIGINT or SIGTERM, then a graceful stop: no new requests, in-flight
// ones finish. `shoplake start` ends the same way, through `serveLake`.

import { Command } from 'commander';
import { ApiServer } from '../../api/api-server.js';
import { PgServer } from '../../api/pg/pg-server.js';
import { isLoopbackAddress } from '../../api/request-auth.js';
import { defaultRoutes } from '../../api/routes/default-routes.js';
import { createSqlServices, type SqlServices } from '../../api/sql-services.js';
import { ensureWebBundle } from '../../api/web-bundle.js';
import { errorMessage, ShoplakeError } from '../../core/shoplake-error.js';
import { createCopilot } from '../../runtime/create-copilot.js';
import { localOperationsDeps } from '../../runtime/local-operations-deps.js';
import {
  action,
  type CommandContext,
  commandContext,
  positiveInt,
  withGlobalOptions,
} from '../cli-context.js';

export interface ServeOptions {
  readonly port: number;
  readonly host: string;
  /** Per-query time limit, ms. */
  readonly timeout: number;
  /** Re-crawl the catalog this often, seconds. */
  readonly refresh: number;
  /** Also serve the Postgres wire protocol on this port (off when undefined). */
  readonly pgPort?: number;
}

export function serveCommand(): Command {
  return withGlobalOptions(new Command('serve'))
    .description(
      'Serve the web dashboard, the catalog and read-only SQL over HTTP; non-loopback clients need SHOPLAKE_API_TOKEN',
    )
    .option('--port <n>', 'port to listen on', positiveInt('--port'), 8080)
    .option('--host <address>', 'address to bind', '127.0.0.1')
    .option('--timeout <ms>', 'per-query time limit', positiveInt('--timeout'), 30_000)
    .option('--refresh <seconds>', 're-crawl the catalog this often', positiveInt('--refresh'), 60)
    .option(
      '--pg-port <n>',
      'also serve the Postgres wire protocol here (psql, BI tools); off unless given',
      positiveInt('--pg-port'),
    )
    .action(
      action(
        async (options: {
          dataDir?: string;
          config?: string;
          port: number;
          host: string;
          timeout: number;
          refresh: number;
          pgPort?: number;
        }) => {
          await serveLake(commandContext(options, 'serve'), options);
          return 0;
        },
      ),
    );
}

/**
 * Builds the dashboard if its bundle is missing or stale, serves it with the API, prints the
 * URL, and returns after Ctrl-C (SIGINT) or SIGTERM once in-flight requests are done.
 */
export async function serveLake(context: CommandContext, options: ServeOptions): Promise<void> {
  const { env, logger, config } = context;
  const local = options.host === 'localhost' || isLoopbackAddress(options.host);
  if (!local && !config.apiToken) {
    throw new ShoplakeError(
      'config_invalid',
      `Binding ${options.host} exposes the API beyond this machine: set SHOPLAKE_API_TOKEN first, or use --host 127.0.0.1.`,
      { retryable: false },
    );
  }
  const dashboard = await prepareDashboard();
  const services = createSqlServices(env);
  const api = await ApiServer.start(
    { ...services, logger, apiToken: config.apiToken },
    {
      port: options.port,
      host: options.host,
      queryTimeoutMs: options.timeout,
      catalogRefreshMs: options.refresh * 1000,
      routes: defaultRoutes({
        operations: localOperationsDeps(env),
        copilot: createCopilot(config, env.store, logger),
      }),
    },
  ).catch((error: unknown) => {
    if ((error as { code?: unknown }).code !== 'EADDRINUSE') throw error;
    throw new ShoplakeError(
      'invalid_argument',
      `Port ${options.port} on ${options.host} is already in use: stop what listens there, or pass --port <another>.`,
      { retryable: false, cause: error },
    );
  });
  const pg = options.pgPort
    ? await startPgServer(context, api, services, { ...options, pgPort: options.pgPort })
    : undefined;
  const home = `${api.url}/`;
  process.stderr.write(
    dashboard
      ? `\nshoplake dashboard: ${home}\n(API: POST /api/query, POST /api/ask, GET /api/catalog, /healthz, /readyz.) Ctrl-C stops it.\n`
      : `\nshoplake API on ${home} (POST /api/query, POST /api/ask, GET /api/catalog, /healthz, /readyz); the dashboard is not built (see above). Ctrl-C stops it.\n`,
  );
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      process.stderr.write(`${signal}: finishing in-flight requests ...\n`);
      void (pg?.close() ?? Promise.resolve()).then(() => api.close()).then(resolve);
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
}

// Without a bundle the API still serves; the dashboard's address then says what to run.
async function prepareDashboard(): Promise<boolean> {
  try {
    await ensureWebBundle({
      onBuild: (state) => process.stderr.write(`Building the dashboard (its bundle is ${state}) ...\n`),
    });
    return true;
  } catch (error: unknown) {
    process.stderr.write(`shoplake: ${errorMessage(error)}\n`);
    return false;
  }
}

// The Postgres endpoint shares the HTTP server's engine, cache, catalog refresh and query cap.
async function startPgServer(
  context: CommandContext,
  api: ApiServer,
  services: SqlServices,
  options: ServeOptions & { pgPort: number },
): Promise<PgServer> {
  const { logger, config } = context;
  const pg = await PgServer.start(
    {
      services,
      catalog: () => api.currentCatalog(),
      gate: api.queryGate,
      logger: logger.child({ edge: 'pg' }),
      password: config.apiToken,
    },
    { port: options.pgPort, host: options.host, queryTimeoutMs: options.timeout },
  ).catch(async (error: unknown) => {
    await api.close();
    if ((error as { code?: unknown }).code !== 'EADDRINUSE') throw error;
    throw new ShoplakeError(
      'invalid_argument',
      `Port ${options.pgPort} on ${options.host} is already in use: stop what listens there, or pass --pg-port <another>.`,
      { retryable: false, cause: error },
    );
  });
  process.stderr.write(
    `shoplake Postgres endpoint on ${options.host}:${pg.address.port} (psql -h ${options.host} -p ${pg.address.port} -U shoplake -d lake).\n`,
  );
  return pg;
}
