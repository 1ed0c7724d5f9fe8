// Lambda entry point for raw-to-curated, fed by S3 → standard SQS (batch). Per-table
// serialisation comes from the function's reserved concurrency of 1 (see infra/): one
// invocation at a time merges a table, queued objects join the next batch.

import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { createRawToCuratedHandler } from '../../stages/curate/raw-to-curated-handler.js';
import { createLambdaEnvironment, lambdaHmacKey, oncePerContainer } from './lambda-environment.js';
import { batchItemFailures, unwrapSqsBatch } from './sqs-s3-batch.js';

const built = oncePerContainer(async () => {
  const environment = createLambdaEnvironment(process.env, 'raw-to-curated');
  const curate = createRawToCuratedHandler({
    store: environment.store,
    engines: environment.engines,
    hmacKey: await lambdaHmacKey(environment),
    bucketPrefix: environment.config.bucketPrefix,
    rowsPerFile: environment.settings.rowsPerFile ?? environment.config.curate.rowsPerFile,
    logger: environment.logger,
  });
  return { environment, curate };
});

export async function handler(event: SQSEvent, context: Context): Promise<SQSBatchResponse> {
  const { environment, curate } = await built();
  const log = environment.logger.child({ runId: context.awsRequestId });
  const batch = unwrapSqsBatch(event, log);
  if (batch.event.Records.length === 0) return { batchItemFailures: [] };
  const result = await curate(batch.event, context);
  return { batchItemFailures: batchItemFailures(batch, result.batchItemFailures, log) };
}
