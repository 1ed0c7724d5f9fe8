import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AthenaSqlEngine } from '../../../src/adapters/athena/athena-sql-engine.js';
import { DuckDbSqlEngine } from '../../../src/adapters/duckdb/duckdb-sql-engine.js';
import { LocalObjectStore } from '../../../src/adapters/local-fs/local-object-store.js';
import { ShoplakeError } from '../../../src/core/shoplake-error.js';
import { runQuery } from '../../../src/stages/sql/run-query.js';
import { HOSTILE_SQL } from '../../stages/sql/hostile-sql.js';
import { type AwsReplayServer, REPLAY_AWS, recording, startAwsReplayServer } from '../aws-replay-server.js';
import { ATHENA_TEST_CATALOG } from './athena-test-catalog.js';

const CATALOG = ATHENA_TEST_CATALOG;

const TYPED_SQL = `select o.order_id, o.total_amount from curated.orders o where o.order_id > 0 order by 1`;

describe('AthenaSqlEngine against recorded Athena responses', () => {
  const parser = new DuckDbSqlEngine({
    spillDir: join(tmpdir(), 'athena-test-spill'),
    memoryLimit: '64MB',
    threads: 1,
  });
  // Nothing is ever downloaded for an in-place engine; the store only satisfies runQuery's options.
  const store = new LocalObjectStore({
    dataDir: join(tmpdir(), 'athena-test-lake'),
    bucketPrefix: 'acme-lake',
  });
  let replay: AwsReplayServer | undefined;

  const engineFor = async (file: string, extra: { maxAttempts?: number; outputLocation?: string } = {}) => {
    replay = await startAwsReplayServer(recording(new URL(`./recordings/${file}`, import.meta.url)));
    return new AthenaSqlEngine({
      aws: {
        ...REPLAY_AWS,
        endpoint: replay.endpoint,
        maxAttempts: extra.maxAttempts ?? REPLAY_AWS.maxAttempts,
      },
      workgroup: 'acme-lake-workgroup',
      database: 'acme_lake',
      outputLocation: extra.outputLocation,
      parser: { parse: (sql) => parser.parse(sql), close: async () => undefined },
      pollFirstMs: 5,
      pollMaxMs: 20,
    });
  };
  const bodies = (target: string) =>
    replay?.requests.filter((r) => r.target === `AmazonAthena.${target}`).map((r) => r.body) ?? [];

  beforeAll(async () => {
    await parser.ping();
  });
  afterEach(async () => {
    await replay?.close();
    replay = undefined;
  });
  afterAll(async () => {
    await parser.close();
  });

  it('runs the guarded SQL in the workgroup with Glue names, polls to SUCCEEDED and pages through typed results', async () => {
    const sql = await engineFor('typed-results.json', {
      outputLocation: 's3://acme-lake-athena-results/shoplake/',
    });
    const answer = await runQuery(TYPED_SQL, { sql, store, catalog: CATALOG });

    expect(replay?.targets()).toEqual([
      'AmazonAthena.StartQueryExecution',
      'AmazonAthena.GetQueryExecution',
      'AmazonAthena.GetQueryExecution',
      'AmazonAthena.GetQueryExecution',
      'AmazonAthena.GetQueryResults',
      'AmazonAthena.GetQueryResults',
      'AmazonAthena.GetQueryResults',
    ]);
    const [start] = bodies('StartQueryExecution');
    expect(start).toMatchObject({
      QueryString: `select o.order_id, o.total_amount from "acme_lake"."curated__orders" o where o.order_id > 0 order by 1`,
      WorkGroup: 'acme-lake-workgroup',
      QueryExecutionContext: { Catalog: 'AwsDataCatalog', Database: 'acme_lake' },
      ResultConfiguration: { OutputLocation: 's3://acme-lake-athena-results/shoplake/' },
    });
    // The SDK fills the idempotency token itself, so a retried start cannot run twice.
    expect(typeof start?.ClientRequestToken).toBe('string');
    expect(replay?.requests[0]?.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDREPLAY\/\d{8}\/eu-west-1\/athena\/aws4_request/,
    );
    expect(replay?.requests[0]?.contentType).toBe('application/x-amz-json-1.1');
    expect(bodies('GetQueryResults').map((b) => b.NextToken)).toEqual([
      undefined,
      'AVGsd2Q8a6P1page2token',
      'AVGsd2Q8a6P1page3token',
    ]);

    expect(answer.columns).toEqual([
      { name: 'order_id', type: 'BIGINT' },
      { name: 'total_amount', type: 'DECIMAL(12,2)' },
      { name: 'order_ts', type: 'TIMESTAMP' },
      { name: 'order_date', type: 'DATE' },
      { name: 'paid', type: 'BOOLEAN' },
      { name: 'notes', type: 'VARCHAR' },
      { name: 'quantity', type: 'INTEGER' },
      { name: 'ratio', type: 'DOUBLE' },
      { name: 'placed_at', type: 'TIMESTAMP WITH TIME ZONE' },
    ]);
    expect(answer.rows).toEqual([
      // 2^53 + 1 survives: bigint and decimal stay exact strings.
      [
        '9007199254740993',
        '1234567890123.45',
        '2026-01-02 03:04:05.678',
        '2026-01-02',
        true,
        'call me',
        3,
        0.25,
        '2026-01-02 03:04:05.678+00',
      ],
      ['2', null, null, null, false, '', -7, 'NaN', null],
      [
        '3',
        '0.10',
        '2026-02-28 23:59:59.000',
        '2026-02-28',
        false,
        null,
        0,
        1.5e-7,
        '2026-02-28 23:59:59.000+00',
      ],
      [
        '4',
        '-0.01',
        '2026-03-01 00:00:00.000',
        '2026-03-01',
        true,
        'last page',
        1,
        -2.5,
        '2026-03-01 00:00:00.000+00',
      ],
    ]);
    expect(answer.truncated).toBe(false);
    expect(answer.tables).toEqual(['curated.orders']);
    expect(replay?.unused()).toEqual([]);
  });

  it('stops paging once one row past the limit is in', async () => {
    const sql = await engineFor('typed-results.json');
    const answer = await runQuery(TYPED_SQL, { sql, store, catalog: CATALOG, limit: 2 });
    expect(answer.rows.map((r) => r[0])).toEqual(['9007199254740993', '2']);
    expect(answer.truncated).toBe(true);
    // Page one holds the header and two rows: the third row (page two) proves the cut.
    expect(bodies('GetQueryResults').map((b) => b.MaxResults)).toEqual([4, 1]);
    expect(bodies('StartQueryExecution')[0]).not.toHaveProperty('ResultConfiguration');
  });

  it("reports a FAILED query as sql_failed with Athena's reason", async () => {
    const sql = await engineFor('query-failed.json');
    const failure = await runQuery('select revenue from market_intelligence_hub.daily_sales', {
      sql,
      store,
      catalog: CATALOG,
    }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ShoplakeError);
    expect(failure).toMatchObject({ code: 'sql_failed', retryable: false });
    expect((failure as Error).message).toContain(
      "COLUMN_NOT_FOUND: line 1:8: Column 'revenu' cannot be resolved",
    );
    expect(bodies('StartQueryExecution')[0]?.QueryString).toBe(
      'select revenue from "acme_lake"."market_intelligence_hub__daily_sales"',
    );
    expect(replay?.targets()).not.toContain('AmazonAthena.GetQueryResults');
  });

  it('stops a query still RUNNING at the time limit and answers sql_timeout', async () => {
    const sql = await engineFor('query-timeout.json');
    const started = performance.now();
    const failure = await runQuery(TYPED_SQL, { sql, store, catalog: CATALOG, timeoutMs: 300 }).catch(
      (e: unknown) => e,
    );
    const elapsed = performance.now() - started;
    expect(failure).toMatchObject({ code: 'sql_timeout' });
    expect(elapsed).toBeGreaterThanOrEqual(290);
    expect(elapsed).toBeLessThan(3_000);
    expect(bodies('StopQueryExecution')).toEqual([
      { QueryExecutionId: 'c0ffee00-5f1a-4b7e-9d2c-3a8e51b0a001' },
    ]);
    // Backoff: waits double from 5 ms up to 20 ms, so 300 ms takes far fewer than 60 polls.
    const polls = bodies('GetQueryExecution').length;
    expect(polls).toBeGreaterThan(5);
    expect(polls).toBeLessThan(40);
  });

  it('lets the SDK retry a throttled start, then answers', async () => {
    const sql = await engineFor('throttled-start.json');
    const answer = await runQuery('select count(*) as n from curated.orders', {
      sql,
      store,
      catalog: CATALOG,
    });
    expect(answer.rows).toEqual([['40']]);
    const starts = bodies('StartQueryExecution');
    expect(starts).toHaveLength(2);
    // The retry is the same request: same idempotency token.
    expect(starts[1]?.ClientRequestToken).toBe(starts[0]?.ClientRequestToken);
  });

  it('maps throttling that outlasts the retries to a retryable transient_io error', async () => {
    const sql = await engineFor('throttled-always.json', { maxAttempts: 2 });
    const failure = await runQuery('select 1 from curated.orders', { sql, store, catalog: CATALOG }).catch(
      (e: unknown) => e,
    );
    expect(failure).toMatchObject({ code: 'transient_io', retryable: true });
    expect((failure as Error).message).toMatch(
      /Athena StartQueryExecution on workgroup acme-lake-workgroup was throttled/,
    );
    expect(bodies('StartQueryExecution')).toHaveLength(2);
  });

  it('never sends refused SQL to Athena', async () => {
    const sql = await engineFor('typed-results.json');
    for (const [name, text] of HOSTILE_SQL) {
      const failure = await runQuery(text, { sql, store, catalog: CATALOG }).catch((e: unknown) => e);
      expect(failure, name).toBeInstanceOf(ShoplakeError);
      expect(['sql_refused', 'sql_invalid'], name).toContain((failure as ShoplakeError).code);
    }
    expect(replay?.requests).toEqual([]);
  });
});
