// `shoplake start` (what `npm start` runs): make a demo world if the lake is empty, create a
// local demo key if none is configured (and say so), run the pipeline, then serve the
// dashboard until Ctrl-C.

import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { createDemoKeyFile, resolveHmacKey } from '../../config/hmac-key.js';
import { ShoplakeError } from '../../core/shoplake-error.js';
import { action, commandContext, positiveInt, withGlobalOptions } from '../cli-context.js';
import { formatRunSummary } from '../format-run-summary.js';
import { runWithProgress } from '../run-with-progress.js';
import { generateDemo } from './generate-command.js';
import { serveLake } from './serve-command.js';

export function startCommand(): Command {
  return withGlobalOptions(new Command('start'))
    .description(
      'Demo: generate a shop if the lake has no raw data, run the whole pipeline on it, then serve the dashboard',
    )
    .option('--orders <n>', 'orders in the demo world when one is generated', positiveInt('--orders'), 50_000)
    .option('--seed <n>', 'seed of the demo world', positiveInt('--seed'), 1)
    .option('--no-publish', 'curate only: do not run curated-to-prod (the five systems)')
    .option('--no-serve', 'exit after the pipeline instead of serving the dashboard')
    .option('--port <n>', 'port of the dashboard and API', positiveInt('--port'), 8080)
    .option('--host <address>', 'address to bind (beyond loopback needs SHOPLAKE_API_TOKEN)', '127.0.0.1')
    .action(
      action(
        async (options: {
          dataDir?: string;
          config?: string;
          orders: number;
          seed: number;
          publish?: boolean;
          serve?: boolean;
          port: number;
          host: string;
        }) => {
          const context = commandContext(options, 'start');
          const { env, logger, config } = context;
          mkdirSync(config.dataDir, { recursive: true });
          let key: ReturnType<typeof resolveHmacKey>;
          try {
            key = resolveHmacKey(config);
          } catch (error) {
            if (!(error instanceof ShoplakeError) || error.code !== 'hmac_key_missing') throw error;
            const file = createDemoKeyFile(config.dataDir);
            process.stderr.write(
              `No HMAC key configured: created a random demo key in ${file} (mode 600). Set SHOPLAKE_HMAC_KEY for real data.\n`,
            );
            key = resolveHmacKey(config);
          }
          if (!existsSync(join(config.dataDir, 'raw'))) {
            process.stderr.write(
              `Generating a demo shop with ${options.orders.toLocaleString('en-US')} orders in ${config.dataDir} ...\n`,
            );
            const generated = await generateDemo(env, { orders: options.orders, seed: options.seed }, logger);
            process.stderr.write(
              `Generated ${generated.rows.toLocaleString('en-US')} raw rows in ${generated.seconds.toFixed(1)}s.\n`,
            );
          }
          process.stderr.write(
            options.publish === false ? 'Running raw → curated ...\n' : 'Running raw → curated → prod ...\n',
          );
          const summary = await runWithProgress(env, {
            hmacKey: key.key,
            logger,
            publish: options.publish !== false,
          });
          process.stdout.write(`${formatRunSummary(summary)}\n`);
          process.stdout.write(
            `Curated tables are in ${config.dataDir}/curated; \`shoplake status --data-dir ${config.dataDir}\` shows runs and dead letters; JSON logs are in ${config.dataDir}/logs/.\n`,
          );
          if (options.serve !== false) {
            await serveLake(context, {
              port: options.port,
              host: options.host,
              timeout: 30_000,
              refresh: 60,
            });
          }
          return 0;
        },
      ),
    );
}
