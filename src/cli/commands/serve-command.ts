// `shoplake serve`: the HTTP API (POST /api/query, GET /api/catalog, /healthz, /readyz) until
// SIGINT or SIGTERM, then a graceful stop: no new requests, in-flight ones finish.

import { Command } from 'commander';
import { ApiServer } from '../../api/api-server.js';
import { isLoopbackAddress } from '../../api/request-auth.js';
import { createSqlServices } from '../../api/sql-services.js';
import { ShoplakeError } from '../../core/shoplake-error.js';
import { action, commandContext, positiveInt, withGlobalOptions } from '../cli-context.js';

export function serveCommand(): Command {
  return withGlobalOptions(new Command('serve'))
    .description(
      'Serve the catalog and read-only SQL over HTTP; non-loopback clients need SHOPLAKE_API_TOKEN',
    )
    .option('--port <n>', 'port to listen on', positiveInt('--port'), 8080)
    .option('--host <address>', 'address to bind', '127.0.0.1')
    .option('--timeout <ms>', 'per-query time limit', positiveInt('--timeout'), 30_000)
    .option('--refresh <seconds>', 're-crawl the catalog this often', positiveInt('--refresh'), 60)
    .action(
      action(
        async (options: {
          dataDir?: string;
          config?: string;
          port: number;
          host: string;
          timeout: number;
          refresh: number;
        }) => {
          const { env, logger, config } = commandContext(options, 'serve');
          const local = options.host === 'localhost' || isLoopbackAddress(options.host);
          if (!local && !config.apiToken) {
            throw new ShoplakeError(
              'config_invalid',
              `Binding ${options.host} exposes the API beyond this machine: set SHOPLAKE_API_TOKEN first, or use --host 127.0.0.1.`,
              { retryable: false },
            );
          }
          const api = await ApiServer.start(
            { ...createSqlServices(env), logger, apiToken: config.apiToken },
            {
              port: options.port,
              host: options.host,
              queryTimeoutMs: options.timeout,
              catalogRefreshMs: options.refresh * 1000,
            },
          );
          process.stderr.write(
            `shoplake API on ${api.url} (POST /api/query, GET /api/catalog, /healthz, /readyz); Ctrl-C stops it.\n`,
          );
          await new Promise<void>((resolve) => {
            const stop = (signal: string) => {
              process.stderr.write(`${signal}: finishing in-flight requests ...\n`);
              void api.close().then(resolve);
            };
            process.once('SIGINT', () => stop('SIGINT'));
            process.once('SIGTERM', () => stop('SIGTERM'));
          });
          return 0;
        },
      ),
    );
}
