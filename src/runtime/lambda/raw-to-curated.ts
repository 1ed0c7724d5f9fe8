// Lambda entry point for raw-to-curated, fed by S3 → standard SQS (batch). Per-table
// serialisation comes from the function's reserved concurrency of 1 (see infra/): one
// invocation at a time merges a table, queued objects join the next batch. Each invocation
// leaves a run record in the lake and an EMF metrics line in its log.

import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { createRawToCuratedHandler } from '../../stages/curate/raw-to-curated-handler.js';
import { RAW_TO_CURATED } from '../pipeline-routes.js';
import { createLambdaEnvironment, lambdaHmacKey, oncePerContainer } from './lambda-environment.js';
import { recordedRun } from './recorded-run.js';
import { batchItemFailures, unwrapSqsBatch } from './sqs-s3-batch.js';

const built = oncePerContainer(async () => {
  const environment = createLambdaEnvironment(process.env, 'raw-to-curated');
  const curate = createRawToCuratedHandler({
    store: environment.store,
    engines: environment.engines,
    hmacKey: await lambdaHmacKey(environment),
    bucketPrefix: environment.config.bucketPrefix,
    rowsPerFile: environment.settings.rowsPerFile ?? environment.config.curate.rowsPerFile,
    rules: environment.config.curate,
    logger: environment.logger,
  });
  return { environment, curate };
});

export async function handler(event: SQSEvent, context: Context): Promise<SQSBatchResponse> {
  const { environment, curate } = await built();
  const log = environment.logger.child({ runId: context.awsRequestId });
  const batch = unwrapSqsBatch(event, log);
  if (batch.event.Records.length === 0) return { batchItemFailures: [] };
  const result = await recordedRun(
    { route: RAW_TO_CURATED, sqs: event, batch, context, store: environment.store, log },
    () => curate(batch.event, context),
  );
  return { batchItemFailures: batchItemFailures(batch, result.batchItemFailures, log) };
}
