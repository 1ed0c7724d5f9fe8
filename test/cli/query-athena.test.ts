import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { queryCommand } from '../../src/cli/commands/query-command.js';
import {
  type AwsReplayServer,
  REPLAY_AWS,
  recording,
  startAwsReplayServer,
} from '../adapters/aws-replay-server.js';
import { runCli } from '../support/run-cli.js';

/** Runs `shoplake query ...` in this process; returns what it printed and its exit code. */
const runQueryCommand = (args: string[]) => runCli(queryCommand(), args);

describe('shoplake query --engine athena', () => {
  let dataDir: string;
  let replay: AwsReplayServer | undefined;

  beforeEach(async () => {
    // Logs only: the Athena path reads nothing from the local lake.
    dataDir = await mkdtemp(join(tmpdir(), 'shoplake-query-athena-'));
    vi.stubEnv('SHOPLAKE_DATA_DIR', dataDir);
    vi.stubEnv('SHOPLAKE_BUCKET_PREFIX', 'acme-lake');
    vi.stubEnv('AWS_ACCESS_KEY_ID', REPLAY_AWS.credentials.accessKeyId);
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', REPLAY_AWS.credentials.secretAccessKey);
    vi.stubEnv('AWS_REGION', '');
    vi.stubEnv('AWS_DEFAULT_REGION', '');
  });
  afterEach(async () => {
    vi.unstubAllEnvs();
    await replay?.close();
    replay = undefined;
    await rm(dataDir, { recursive: true, force: true });
  });

  it('checks the query against the Glue catalog and prints what Athena answered', async () => {
    replay = await startAwsReplayServer([
      ...recording(new URL('../adapters/glue/recordings/read-paginated.json', import.meta.url)),
      ...recording(new URL('../adapters/athena/recordings/typed-results.json', import.meta.url)),
    ]);
    vi.stubEnv('AWS_REGION', REPLAY_AWS.region);
    vi.stubEnv('SHOPLAKE_AWS_ENDPOINT', replay.endpoint);
    const { out, code } = await runQueryCommand([
      '--engine',
      'athena',
      '--format',
      'csv',
      'select o.order_id, o.total_amount from curated.orders o where o.order_id > 0 order by 1',
    ]);
    expect(code).toBe(0);
    expect(out.split('\r\n')[0]).toBe(
      'order_id,total_amount,order_ts,order_date,paid,notes,quantity,ratio,placed_at',
    );
    expect(out).toContain('9007199254740993,1234567890123.45,2026-01-02 03:04:05.678');
    const start = replay.requests.find((r) => r.target === 'AmazonAthena.StartQueryExecution');
    // Defaults from the bucket prefix: the stack's database and workgroup.
    expect(start?.body).toMatchObject({
      WorkGroup: 'acme-lake-workgroup',
      QueryExecutionContext: { Database: 'acme_lake' },
    });
  });

  it('says which setting is missing when no region is configured', async () => {
    const { err, code } = await runQueryCommand(['--engine', 'athena', 'select 1']);
    expect(code).toBe(1);
    expect(err).toMatch(/SQL on AWS needs a region: set "aws": \{ "region": "eu-west-1" \}.*AWS_REGION/);
  });
});
