// `shoplake status`: what needs attention, then tables and their freshness, per-handler and
// per-table metrics, quarantine by rule, recent runs and the dead-letter area.

import { Command } from 'commander';
import { findPendingRaw } from '../../runtime/find-pending-raw.js';
import { buildLakeStatus, DEFAULT_METRICS_WINDOW } from '../../runtime/lake-status.js';
import { localOperationsDeps } from '../../runtime/local-operations-deps.js';
import { handlerMetrics } from '../../runtime/metrics/handler-metrics.js';
import { listRuns } from '../../runtime/run-ledger.js';
import { action, commandContext, positiveInt, withGlobalOptions } from '../cli-context.js';
import { formatLakeStatus } from '../format-lake-status.js';

export function statusCommand(): Command {
  return withGlobalOptions(new Command('status'))
    .description(
      'Show tables (flagging stale ones), per-handler metrics (runs, errors, retries, throttles, p50/p95/max, rows, bytes, memory, queue), quarantine by rule, recent runs and dead letters',
    )
    .option('--limit <n>', 'how many recent runs to list', positiveInt('--limit'), 20)
    .option(
      '--window <n>',
      'how many recent runs the metrics cover',
      positiveInt('--window'),
      DEFAULT_METRICS_WINDOW,
    )
    .option('--json', 'print the status as JSON (the shape GET /api/status answers)')
    .addHelpText(
      'after',
      '\nA table is stale when its last commit is older than freshness.maxAgeHours (per zone: freshness.zones, per table: freshness.tables).',
    )
    .action(
      action(
        async (options: {
          dataDir?: string;
          config?: string;
          limit: number;
          window: number;
          json?: boolean;
        }) => {
          const { env, config } = commandContext(options, 'status');
          const deps = localOperationsDeps(env);
          const runs = await listRuns(env.store, { limit: options.window });
          const status = await buildLakeStatus(deps, { runs, recentRuns: options.limit });
          if (options.json) {
            process.stdout.write(`${JSON.stringify(status, null, 1)}\n`);
            return 0;
          }
          const pending = await findPendingRaw(env.store, config.bucketPrefix, deps.deadLetters);
          process.stdout.write(
            `${formatLakeStatus({
              dataDir: config.dataDir,
              status,
              perTable: handlerMetrics(runs, 'table'),
              queued: pending.byTable,
              metricsWindow: options.window,
            })}\n`,
          );
          return 0;
        },
      ),
    );
}
