// `shoplake publish`: run curated-to-prod now on the committed curated tables, as a curated
// commit would (after changing a model or its settings, or to refresh prod).

import { Command } from 'commander';
import { resolveHmacKey } from '../../config/hmac-key.js';
import type { ShoplakeConfig } from '../../config/load-config.js';
import { objectCreatedRecordOf } from '../../core/s3-event.js';
import { bucketName, CURATED } from '../../core/zones.js';
import type { InvocationRecord } from '../../runtime/invocation-record.js';
import { localLambdaContext } from '../../runtime/lambda-context.js';
import { PeakMemory } from '../../runtime/metrics/peak-memory.js';
import { CURATED_TO_PROD } from '../../runtime/pipeline-routes.js';
import { newRunId } from '../../runtime/run-id.js';
import { recordRun } from '../../runtime/run-ledger.js';
import { runRecordOf } from '../../runtime/run-record.js';
import { manifestKey } from '../../stages/curate/table-manifest.js';
import { createCuratedToProdHandler } from '../../stages/publish/curated-to-prod-handler.js';
import { action, commandContext, withGlobalOptions } from '../cli-context.js';
import { formatPublishResult } from '../format-run-summary.js';

export function publishCommand(): Command {
  return withGlobalOptions(new Command('publish'))
    .description(
      'Run the five prod systems on the committed curated tables and publish their tables (curated-to-prod)',
    )
    .action(
      action(async (options: { dataDir?: string; config?: string }) => {
        const { env, logger, config } = commandContext(options, 'publish');
        const commit = await env.store.head(CURATED, manifestKey('orders'));
        if (!commit) {
          process.stderr.write('Curated has no orders yet: run `shoplake run` first.\n');
          return 1;
        }
        const handler = createCuratedToProdHandler({
          store: env.store,
          engines: env.engines,
          bucketPrefix: config.bucketPrefix,
          logger,
          settings: {
            'compliance-guardian': { hmacKeyConfigured: hasHmacKey(config) },
          },
        });
        const record = objectCreatedRecordOf(bucketName(config.bucketPrefix, CURATED), commit, '0');
        const runId = newRunId();
        const started = Date.now();
        const memory = PeakMemory.start();
        const result = await handler({ Records: [record] }, localLambdaContext(CURATED_TO_PROD, runId));
        const failures = result.batchItemFailures.map((f) => ({
          key: f.itemIdentifier,
          code: f.code,
          error: f.error,
          fate: 'dead-letter' as const,
        }));
        const invocation: InvocationRecord = {
          runId,
          route: CURATED_TO_PROD,
          group: '*',
          records: 1,
          keys: [commit.key],
          bytesIn: commit.size,
          attempt: 1,
          startedAt: new Date(started).toISOString(),
          durationMs: Date.now() - started,
          failedRecords: failures.length,
          failures,
          held: { serialisation: 0, concurrency: 0 },
          queueDepth: 0,
          peakRssBytes: memory.stop(),
          outcome: result,
        };
        await recordRun(env.store, runRecordOf(invocation, 'command'));
        process.stdout.write(`${formatPublishResult(result.systems)}\n`);
        return result.systems.some((s) => s.status === 'failed') ? 1 : 0;
      }),
    );
}

function hasHmacKey(config: ShoplakeConfig): boolean {
  try {
    resolveHmacKey(config);
    return true;
  } catch {
    return false;
  }
}
