import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { ApiEvent } from '../../../src/runtime/lambda/api-gateway-handler.js';
import { localLambdaContext } from '../../../src/runtime/lambda-context.js';
import {
  type AwsReplayServer,
  REPLAY_AWS,
  recording,
  startAwsReplayServer,
} from '../../adapters/aws-replay-server.js';

const QUERY = JSON.parse(
  readFileSync(new URL('./events/function-url-query.json', import.meta.url), 'utf8'),
) as ApiEvent;

describe('API Lambda entry point on AWS (Glue catalog and Athena from the environment)', () => {
  let replay: AwsReplayServer;
  let scratch: string;

  beforeAll(async () => {
    // Glue answers the catalog read, Athena the query: the recordings of the adapter tests.
    replay = await startAwsReplayServer([
      ...recording(new URL('../../adapters/glue/recordings/read-paginated.json', import.meta.url)),
      ...recording(new URL('../../adapters/athena/recordings/typed-results.json', import.meta.url)),
    ]);
    scratch = await mkdtemp(join(tmpdir(), 'shoplake-api-lambda-'));
    // What the stack sets on the function (plus a test endpoint and static credentials).
    const env: Record<string, string> = {
      AWS_REGION: REPLAY_AWS.region,
      AWS_ACCESS_KEY_ID: REPLAY_AWS.credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: REPLAY_AWS.credentials.secretAccessKey,
      SHOPLAKE_AWS_ENDPOINT: replay.endpoint,
      SHOPLAKE_BUCKET_PREFIX: 'acme-lake',
      SHOPLAKE_SQL_ENGINE: 'athena',
      SHOPLAKE_GLUE_DATABASE: 'acme_lake',
      SHOPLAKE_ATHENA_WORKGROUP: 'acme-lake-workgroup',
      SHOPLAKE_SCRATCH_DIR: scratch,
      SHOPLAKE_LOG_LEVEL: 'error',
    };
    for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await replay.close();
    await rm(scratch, { recursive: true, force: true });
  });

  it('reads the catalog from Glue and runs the query in Athena', async () => {
    const { handler } = await import('../../../src/runtime/lambda/api.js');
    const event = {
      ...QUERY,
      body: JSON.stringify({
        sql: 'select o.order_id, o.total_amount from curated.orders o where o.order_id > 0 order by 1',
      }),
    };
    const result = await handler(event, localLambdaContext('shoplake-api', 'req-athena'));
    expect(result.statusCode).toBe(200);
    const answer = JSON.parse(result.body ?? '') as { rows: unknown[][]; tables: string[] };
    expect(answer.tables).toEqual(['curated.orders']);
    expect(answer.rows.map((r) => r[0])).toEqual(['9007199254740993', '2', '3', '4']);
    expect(replay.targets().slice(0, 4)).toEqual([
      'AWSGlue.GetTables',
      'AWSGlue.GetTables',
      'AWSGlue.GetPartitions',
      'AWSGlue.GetPartitions',
    ]);
    const start = replay.requests.find((r) => r.target === 'AmazonAthena.StartQueryExecution');
    expect(start?.body).toMatchObject({
      WorkGroup: 'acme-lake-workgroup',
      QueryExecutionContext: { Database: 'acme_lake' },
    });
    expect(String(start?.body.QueryString)).toContain('"acme_lake"."curated__orders"');
  });
});
