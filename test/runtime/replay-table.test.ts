import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createSilentLogger } from '../../src/adapters/pino/pino-logger.js';
import type { LocalEnvironment } from '../../src/runtime/local-environment.js';
import { replayTable } from '../../src/runtime/replay-table.js';
import { listRuns } from '../../src/runtime/run-ledger.js';
import { runPipeline } from '../../src/runtime/run-pipeline.js';
import { cleanRun, curatedState, testLakeEnv, wholeSecondLandings } from '../support/lake-state.js';
import { createTestLake, putRaw, TEST_HMAC_KEY } from '../support/raw-fixtures.js';
import { order } from '../support/source-rows.js';

const OTHER_KEY = 'another-hmac-key-fedcba9876543210';
const folders: string[] = [];
afterAll(async () => {
  for (const folder of folders) await rm(folder, { recursive: true, force: true });
});

async function newFolder(): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'shoplake-replay-'));
  folders.push(folder);
  return folder;
}

/** `now + hours` as the raw zone writes timestamps. */
function hoursFromNow(hours: number): string {
  return new Date(Date.now() + hours * 3_600_000).toISOString().slice(0, 19).replace('T', ' ');
}

/** Two exports: the second holds a newer version of order 1 and a new order, both 30 h "in the future". */
async function landOrders(dataDir: string): Promise<void> {
  const lake = await createTestLake(dataDir);
  try {
    await putRaw(lake, 'orders', 'orders/dt=2026-01-10/a.parquet', [
      order(1),
      order(2),
      order(3, { status: 'shipped' }),
      order(4, { order_ts: hoursFromNow(30) }),
    ]);
    await putRaw(lake, 'orders', 'orders/dt=2026-01-11/b.parquet', [
      order(1, { status: 'delivered', order_ts: hoursFromNow(30), updated_at: '2026-01-11 08:00:00' }),
      order(5, { total_amount: '-1.00' }),
      order(6),
    ]);
  } finally {
    await lake.close();
  }
  await wholeSecondLandings(dataDir);
}

const run = (env: LocalEnvironment, hmacKey = TEST_HMAC_KEY) =>
  runPipeline(env, { hmacKey, logger: createSilentLogger() });

describe('shoplake replay', () => {
  it('converges to a clean run after the event-time rule is widened, and back after it is narrowed', async () => {
    const dataDir = await newFolder();
    await landOrders(dataDir);
    await run(testLakeEnv(dataDir, 24));
    const strict = await curatedState(testLakeEnv(dataDir, 24));
    expect(strict.curated.map((r) => [r.order_id, r.status])).toEqual([
      ['1', 'paid'],
      ['2', 'paid'],
      ['3', 'shipped'],
      ['6', 'paid'],
    ]);
    expect(strict.quarantine.map((r) => [r._reject_rule, r.order_id])).toEqual([
      ['amount_range', '5'],
      ['event_time_range', '1'],
      ['event_time_range', '4'],
    ]);

    const lenient = testLakeEnv(dataDir, 48);
    const summary = await replayTable(lenient, {
      table: 'orders',
      hmacKey: TEST_HMAC_KEY,
      logger: createSilentLogger(),
    });
    expect(summary.pendingObjects).toBe(2);
    expect(summary.tables[0]?.rowsRederived).toBe(4);
    const replayed = await curatedState(lenient);
    expect(replayed.curated.map((r) => [r.order_id, r.status])).toEqual([
      ['1', 'delivered'],
      ['2', 'paid'],
      ['3', 'shipped'],
      ['4', 'paid'],
      ['6', 'paid'],
    ]);
    expect(replayed).toEqual(await cleanRun(dataDir, await newFolder(), { maxEventDelayHours: 48 }));

    // Narrowed again: order 1's older version, dropped when the newer one won, comes back.
    await replayTable(testLakeEnv(dataDir, 24), {
      table: 'orders',
      hmacKey: TEST_HMAC_KEY,
      logger: createSilentLogger(),
    });
    expect(await curatedState(testLakeEnv(dataDir, 24))).toEqual(strict);

    const replays = await listRuns(lenient.store, { table: 'orders' });
    expect(replays.map((r) => r.cause)).toEqual(['replay', 'replay', 'event']);
    expect(replays[0]).toMatchObject({ outcome: 'succeeded', objects: 2, rowsIn: 7 });
  });

  it('with --since derives only the newer objects again, and converges when the change concerns only them', async () => {
    const dataDir = await newFolder();
    const lake = await createTestLake(dataDir);
    try {
      await putRaw(lake, 'orders', 'orders/dt=2026-01-10/a.parquet', [order(1), order(2)]);
      await putRaw(lake, 'orders', 'orders/dt=2026-01-12/c.parquet', [
        order(7, { order_ts: hoursFromNow(30) }),
        order(8),
      ]);
    } finally {
      await lake.close();
    }
    await wholeSecondLandings(dataDir);
    await run(testLakeEnv(dataDir, 24));
    const env = testLakeEnv(dataDir, 48);
    const summary = await replayTable(env, {
      table: 'orders',
      since: '2026-01-11',
      hmacKey: TEST_HMAC_KEY,
      logger: createSilentLogger(),
    });
    expect(summary.pendingObjects).toBe(1);
    expect(summary.tables[0]).toMatchObject({
      objects: ['orders/dt=2026-01-12/c.parquet'],
      rowsRederived: 1,
    });
    const replayed = await curatedState(env);
    expect(replayed.curated.map((r) => r.order_id)).toEqual(['1', '2', '7', '8']);
    expect(replayed).toEqual(await cleanRun(dataDir, await newFolder(), { maxEventDelayHours: 48 }));
  });

  it('converges to a clean run with a new HMAC key (tokens change everywhere)', async () => {
    const dataDir = await newFolder();
    await landOrders(dataDir);
    const env = testLakeEnv(dataDir, 24);
    await run(env);
    const before = await curatedState(env);
    await replayTable(env, { table: 'orders', hmacKey: OTHER_KEY, logger: createSilentLogger() });
    const after = await curatedState(env);
    expect(after.curated.map((r) => r.ip_address_token)).not.toEqual(
      before.curated.map((r) => r.ip_address_token),
    );
    expect(after).toEqual(await cleanRun(dataDir, await newFolder(), { hmacKey: OTHER_KEY }));
  });

  it('refuses an unknown table or a day that is not one', async () => {
    const env = testLakeEnv(await newFolder(), 24);
    const options = { hmacKey: TEST_HMAC_KEY, logger: createSilentLogger() };
    await expect(replayTable(env, { ...options, table: 'order' })).rejects.toThrow(
      /not a curated table; use one of customers/,
    );
    await expect(replayTable(env, { ...options, table: 'orders', since: '2026-02-30' })).rejects.toThrow(
      /not a day; write it as YYYY-MM-DD/,
    );
  });
});
