// Lambda entry point for curated-to-prod, fed by curated `_state/<table>.json` commits through
// S3 → standard SQS. Reserved concurrency 1 plus a batching window coalesce a burst of commits
// into few runs. A failing system is recorded by the stage, not retried (the next commit
// reruns it); only a failure of the whole run (thrown) makes Lambda redeliver the batch.
// Each invocation leaves a run record in the lake and an EMF metrics line in its log.

import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { createCuratedToProdHandler } from '../../stages/publish/curated-to-prod-handler.js';
import { CURATED_TO_PROD } from '../pipeline-routes.js';
import { createLambdaEnvironment, oncePerContainer } from './lambda-environment.js';
import { recordedRun } from './recorded-run.js';
import { batchItemFailures, unwrapSqsBatch } from './sqs-s3-batch.js';

const built = oncePerContainer(async () => {
  const environment = createLambdaEnvironment(process.env, 'curated-to-prod');
  const publish = createCuratedToProdHandler({
    store: environment.store,
    engines: environment.engines,
    bucketPrefix: environment.config.bucketPrefix,
    logger: environment.logger,
  });
  return { environment, publish };
});

export async function handler(event: SQSEvent, context: Context): Promise<SQSBatchResponse> {
  const { environment, publish } = await built();
  const log = environment.logger.child({ runId: context.awsRequestId });
  const batch = unwrapSqsBatch(event, log);
  if (batch.event.Records.length === 0) return { batchItemFailures: [] };
  const result = await recordedRun(
    { route: CURATED_TO_PROD, sqs: event, batch, context, store: environment.store, log },
    () => publish(batch.event, context),
  );
  for (const system of result.systems)
    log.info('publish.system.done', { system: system.system, status: system.status });
  return { batchItemFailures: batchItemFailures(batch, result.batchItemFailures, log) };
}
