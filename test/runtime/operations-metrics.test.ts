import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { S3Event } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalDeadLetterQueue } from '../../src/adapters/local-fs/local-dead-letter-queue.js';
import { createSilentLogger } from '../../src/adapters/pino/pino-logger.js';
import { ApiServer } from '../../src/api/api-server.js';
import { operationsRoutes } from '../../src/api/routes/operations-routes.js';
import { createSqlServices } from '../../src/api/sql-services.js';
import { loadConfig } from '../../src/config/load-config.js';
import { objectCreatedRecord, objectRefOf } from '../../src/core/s3-event.js';
import type { LakeStatus } from '../../src/runtime/lake-status.js';
import { LocalDispatcher, type Route } from '../../src/runtime/local-dispatcher.js';
import { createLocalEnvironment, type LocalEnvironment } from '../../src/runtime/local-environment.js';
import { localOperationsDeps } from '../../src/runtime/local-operations-deps.js';
import { handlerMetrics } from '../../src/runtime/metrics/handler-metrics.js';
import { RAW_TO_CURATED } from '../../src/runtime/pipeline-routes.js';
import { listRuns, recordRun } from '../../src/runtime/run-ledger.js';
import { runRecordOf } from '../../src/runtime/run-record.js';
import { parsePrometheusText, sampleValue } from '../support/prometheus-text.js';

const PAN = '4111 1111 1111 1111';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const key = (table: string, name: string) => `${table}/dt=2026-01-01/${name}.parquet`;

function event(...keys: string[]): S3Event {
  return {
    Records: keys.map((k) =>
      objectCreatedRecord({
        bucketName: 'shoplake-raw',
        key: k,
        size: 1000,
        etag: 'e',
        eventTime: new Date(),
        sequencer: '1',
      }),
    ),
  };
}

/** A raw-to-curated stand-in: per object a fixed outcome, so every count is known in advance. */
function scriptedRoute(): Route {
  let paymentAttempts = 0;
  return {
    name: RAW_TO_CURATED,
    mode: 'batch',
    matches: () => true,
    groupOf: (k) => k.split('/')[0]!,
    handler: async (e) => {
      const keys = e.Records.map((r) => objectRefOf(r).key);
      const table = keys[0]!.split('/')[0]!;
      if (keys.includes(key('orders', 'a'))) await sleep(60);
      if (table === 'payments' && ++paymentAttempts === 1)
        return {
          batchItemFailures: [
            { itemIdentifier: keys[0]!, error: 'S3 slow down', code: 'transient_io', retryable: true },
          ],
        };
      if (table === 'customers')
        return {
          batchItemFailures: [
            {
              itemIdentifier: keys[0]!,
              error: `not Parquet; row said ${PAN}`,
              code: 'object_corrupt',
              retryable: false,
            },
          ],
        };
      const rowsIn = keys.includes(key('orders', 'a')) ? 10 : 5;
      return {
        tables: [
          {
            table,
            rowsIn,
            rowsKept: rowsIn - 2,
            rejectedByRule: { amount_range: 2 },
            duplicatesDropped: 1,
            bytesWritten: 700,
          },
        ],
        batchItemFailures: [],
      };
    },
  };
}

describe('operations metrics', () => {
  let dataDir: string;
  let env: LocalEnvironment;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'shoplake-ops-metrics-'));
    env = createLocalEnvironment(
      loadConfig({ env: {}, overrides: { dataDir, engine: { memoryLimit: '512MB', threads: 1 } } }),
    );
    // One invocation at a time, a retry long after the rest is done: every wait is known.
    const dispatcher = new LocalDispatcher([scriptedRoute()], {
      maxAttempts: 2,
      backoffMs: 150,
      maxConcurrency: 1,
      deadLetters: new LocalDeadLetterQueue(dataDir),
      logger: createSilentLogger(),
      onInvocation: (invocation) =>
        recordRun(env.store, runRecordOf(invocation, 'event')).then(() => undefined),
    });
    // orders/a runs first; payments and customers wait for the one slot (concurrency); orders/b
    // arrives while orders/a runs and waits for it (serialisation).
    dispatcher.submit(event(key('orders', 'a'), key('payments', 'p'), key('customers', 'c')));
    await sleep(10);
    dispatcher.submit(event(key('orders', 'b')));
    await dispatcher.drain();
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('counts runs, errors, retries, dead letters, throttles and rows per handler and table', async () => {
    const runs = await listRuns(env.store);
    expect(runs.map((r) => `${r.table}:${r.attempt}:${r.outcome}`).sort()).toEqual([
      'customers:1:failed',
      'orders:1:succeeded',
      'orders:1:succeeded',
      'payments:1:retried',
      'payments:2:succeeded',
    ]);
    const byTable = new Map(handlerMetrics(runs, 'table').map((m) => [m.table, m]));
    expect(byTable.get('orders')).toMatchObject({
      invocations: 2,
      errors: 0,
      retries: 0,
      throttles: 1,
      throttledBySerialisation: 1,
      throttledByConcurrency: 0,
      rowsIn: 15,
      rowsOut: 11,
      rowsRejected: 4,
      bytesIn: 2000,
      bytesOut: 1400,
    });
    expect(byTable.get('orders')!.maxMs).toBeGreaterThanOrEqual(60);
    expect(byTable.get('payments')).toMatchObject({
      invocations: 2,
      errors: 1,
      retries: 1,
      deadLettered: 0,
      throttledByConcurrency: 1,
    });
    expect(byTable.get('customers')).toMatchObject({
      invocations: 1,
      errors: 1,
      retries: 0,
      deadLettered: 1,
      throttledByConcurrency: 1,
    });

    const [all] = handlerMetrics(runs, 'handler');
    expect(all).toMatchObject({
      handler: RAW_TO_CURATED,
      invocations: 5,
      errors: 2,
      retries: 1,
      deadLettered: 1,
      throttles: 3,
    });
    expect(all!.p50Ms).toBeLessThanOrEqual(all!.p95Ms);
    expect(all!.p95Ms).toBeLessThanOrEqual(all!.maxMs);
    expect(all!.peakRssBytes).toBeGreaterThan(10 * 2 ** 20);
  });

  it('keeps card data out of run records and dead letters', async () => {
    const files = [
      ...(await listRuns(env.store)).map((r) => JSON.stringify(r)),
      ...(await new LocalDeadLetterQueue(dataDir).list()).map((l) => JSON.stringify(l)),
    ];
    expect(files.join('\n')).toContain('not Parquet');
    expect(files.join('\n')).not.toContain(PAN);
    expect(files.join('\n')).not.toContain(PAN.replaceAll(' ', ''));
  });

  it('serves the same counts at /metrics as parseable Prometheus text, and the status as JSON', async () => {
    const api = await ApiServer.start(
      { ...createSqlServices(env), logger: createSilentLogger(), apiToken: undefined },
      { port: 0, host: '127.0.0.1', catalogRefreshMs: 0, routes: operationsRoutes(localOperationsDeps(env)) },
    );
    try {
      const response = await fetch(`${api.url}/metrics`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      const text = await response.text();
      const families = parsePrometheusText(text);
      const at = (name: string, labels: Record<string, string>) => sampleValue(families, name, labels);
      const orders = { handler: RAW_TO_CURATED, table: 'orders' };
      expect(families.get('shoplake_invocations_total')?.type).toBe('counter');
      expect(families.get('shoplake_invocation_duration_seconds')?.type).toBe('summary');
      expect(at('shoplake_invocations_total', orders)).toBe(2);
      expect(at('shoplake_rows_in_total', orders)).toBe(15);
      expect(at('shoplake_throttles_total', { ...orders, reason: 'serialisation' })).toBe(1);
      expect(at('shoplake_throttles_total', { ...orders, reason: 'concurrency' })).toBe(0);
      expect(at('shoplake_retries_total', { handler: RAW_TO_CURATED, table: 'payments' })).toBe(1);
      expect(at('shoplake_invocation_errors_total', { handler: RAW_TO_CURATED, table: 'customers' })).toBe(1);
      expect(at('shoplake_dead_lettered_total', { handler: RAW_TO_CURATED, table: 'customers' })).toBe(1);
      expect(at('shoplake_invocation_duration_seconds_count', orders)).toBe(2);
      expect(at('shoplake_invocation_duration_max_seconds', orders)).toBeGreaterThanOrEqual(0.06);
      expect(at('shoplake_invocation_duration_seconds', { ...orders, quantile: '0.95' })).toBeLessThanOrEqual(
        at('shoplake_invocation_duration_max_seconds', orders)!,
      );
      expect(at('shoplake_dead_letters', { handler: RAW_TO_CURATED })).toBe(1);
      expect(at('shoplake_table_stale', { zone: 'curated', table: 'orders' })).toBe(1);
      expect(text).not.toContain('4111');

      // A second scrape reads no run twice: counters stay where they are.
      const again = parsePrometheusText(await (await fetch(`${api.url}/metrics`)).text());
      expect(sampleValue(again, 'shoplake_invocations_total', orders)).toBe(2);

      const status = (await (await fetch(`${api.url}/api/status?runs=3`)).json()) as LakeStatus;
      expect(Object.keys(status).sort()).toEqual([
        'deadLetters',
        'generatedAt',
        'handlers',
        'quarantineByRule',
        'recentRuns',
        'tables',
      ]);
      expect(status.recentRuns).toHaveLength(3);
      expect(status.handlers).toEqual([
        expect.objectContaining({
          handler: RAW_TO_CURATED,
          invocations: 5,
          errors: 2,
          retries: 1,
          throttles: 3,
        }),
      ]);
      expect(status.deadLetters).toEqual([
        expect.objectContaining({ bucket: 'shoplake-raw', key: key('customers', 'c'), attempts: 1 }),
      ]);
      expect(status.deadLetters[0]!.error).toContain('[card ****1111]');
      const bad = await fetch(`${api.url}/api/status?runs=lots`);
      expect(bad.status).toBe(400);
    } finally {
      await api.close();
    }
  });

  it('counts curated commits folded into the owed curated-to-prod run as throttled', async () => {
    const held: number[] = [];
    const dispatcher = new LocalDispatcher(
      [
        {
          name: 'curated-to-prod',
          mode: 'coalesce',
          matches: () => true,
          handler: async () => {
            await sleep(40);
          },
        },
      ],
      {
        maxAttempts: 1,
        backoffMs: 0,
        deadLetters: new LocalDeadLetterQueue(dataDir),
        logger: createSilentLogger(),
        onInvocation: (invocation) => {
          held.push(invocation.held.serialisation);
        },
      },
    );
    dispatcher.submit(event('_state/orders.json'));
    await sleep(5);
    for (const table of ['payments', 'customers', 'products', 'order_items'])
      dispatcher.submit(event(`_state/${table}.json`));
    await dispatcher.drain();
    expect(held).toEqual([0, 4]);
    expect(dispatcher.routeStats().get('curated-to-prod')).toMatchObject({ invocations: 2, throttled: 4 });
  });

  it('writes every run record as one JSON file under curated _runs/<day>/', async () => {
    const runs = await listRuns(env.store);
    const folder = join(dataDir, 'curated', '_runs', runs[0]!.startedAt.slice(0, 10));
    const names = await readdir(folder);
    expect(names).toHaveLength(runs.length);
    const newest = JSON.parse(await readFile(join(folder, names.sort().at(-1)!), 'utf8')) as {
      runId: string;
    };
    expect(newest.runId).toBe(runs[0]!.runId);
  });
});
