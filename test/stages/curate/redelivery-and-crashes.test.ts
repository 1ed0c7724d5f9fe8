import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LocalDeadLetterQueue } from '../../../src/adapters/local-fs/local-dead-letter-queue.js';
import { createSilentLogger } from '../../../src/adapters/pino/pino-logger.js';
import { loadConfig } from '../../../src/config/load-config.js';
import { RAW } from '../../../src/core/zones.js';
import { createLocalEnvironment } from '../../../src/runtime/local-environment.js';
import { runPipeline } from '../../../src/runtime/run-pipeline.js';
import { CURATE_STEPS, type CurateStep } from '../../../src/stages/curate/curate-table.js';
import {
  context,
  createTestLake,
  curatedRows,
  putRaw,
  rawEvent,
  TEST_HMAC_KEY,
  type TestLake,
  testHandler,
} from '../../support/raw-fixtures.js';
import { customer, order, payment } from '../../support/source-rows.js';

let lake: TestLake;
beforeEach(async () => {
  lake = await createTestLake();
});
afterEach(async () => {
  await lake.close();
});

async function seedRaw(target: TestLake): Promise<string[]> {
  return [
    await putRaw(target, 'customers', 'customers/dt=2026-01-11/c1.parquet', [
      customer(1),
      customer(2),
      customer(2, { city: 'Leeds', updated_at: '2025-02-01 00:00:00' }),
    ]),
    await putRaw(target, 'orders', 'orders/dt=2026-01-11/o1.parquet', [
      order(1),
      order(2, { status: 'bogus' }),
      order(3, { customer_id: 2 }),
    ]),
    await putRaw(target, 'orders', 'orders/dt=2026-01-12/o2.parquet', [
      order(1, { status: 'delivered', updated_at: '2026-01-12 00:00:00' }),
      order(3, { customer_id: 2 }),
      order(4, { country: 'USA' }),
    ]),
    await putRaw(target, 'payments', 'payments/dt=2026-01-12/p1.parquet', [
      payment(1),
      payment(2, { order_id: 3, card_number: '5555 5555 5555 4444' }),
      payment(3, { amount: '-1.00' }),
    ]),
  ];
}

function pipeline(target: TestLake, onStep?: (table: string, step: CurateStep) => void) {
  const env = createLocalEnvironment(
    loadConfig({ env: {}, overrides: { dataDir: target.dataDir, dispatch: { backoffMs: 1 } } }),
  );
  return runPipeline(env, { hmacKey: TEST_HMAC_KEY, logger: createSilentLogger(), onStep });
}

async function snapshot(target: TestLake) {
  const out: Record<string, unknown> = {};
  for (const table of ['customers', 'orders', 'payments'] as const) {
    out[table] = await curatedRows(target, table);
    out[`${table}_quarantine`] = await curatedRows(target, table, 'quarantine');
  }
  return out;
}

async function rawDigest(target: TestLake): Promise<string> {
  const hash = createHash('sha256');
  for await (const o of target.store.list(RAW))
    hash.update(o.key).update(await readFile(target.store.pathOf(RAW, o.key)));
  return hash.digest('hex');
}

describe('idempotency', () => {
  it('gives the same curated content when an event is delivered twice', async () => {
    const keys = await seedRaw(lake);
    const handler = testHandler(lake);
    const event = await rawEvent(lake, keys);
    await handler(event, context('first'));
    const once = await snapshot(lake);
    const again = await handler(event, context('second'));
    expect(again.tables.every((t) => t.objects.length === 0 && t.alreadyProcessed.length > 0)).toBe(true);
    expect(await snapshot(lake)).toEqual(once);
  });

  it('converges to the clean result after a crash at any step', async () => {
    const clean = await createTestLake();
    await seedRaw(clean);
    await pipeline(clean);
    const expected = await snapshot(clean);
    await clean.close();

    for (const table of ['customers', 'orders', 'payments']) {
      for (const crashAt of CURATE_STEPS) {
        const crashed = await createTestLake();
        await seedRaw(crashed);
        const rawBefore = await rawDigest(crashed);
        let crashedOnce = false;
        // maxAttempts 3: the crash happens once; the dispatcher's retry or the next run finishes the work.
        await pipeline(crashed, (t, step) => {
          if (!crashedOnce && t === table && step === crashAt) {
            crashedOnce = true;
            throw new Error(`simulated crash in ${t} at ${step}`);
          }
        });
        await pipeline(crashed);
        expect(crashedOnce).toBe(true);
        expect(await snapshot(crashed), `crash in ${table} at ${crashAt}`).toEqual(expected);
        expect(await rawDigest(crashed)).toBe(rawBefore);
        await crashed.close();
      }
    }
  }, 240_000);

  it('re-running on a finished lake changes nothing', async () => {
    await seedRaw(lake);
    await pipeline(lake);
    const first = await snapshot(lake);
    const second = await pipeline(lake);
    expect(second.pendingObjects).toBe(0);
    expect(await snapshot(lake)).toEqual(first);
  });
});

describe('concurrency and bad files', () => {
  it('merges 20 batches of one table landing at once with nothing lost or doubled', async () => {
    const expectedIds = new Set<number>();
    for (let b = 0; b < 20; b++) {
      const rows = [];
      for (let i = 0; i < 50; i++) {
        const id = b * 40 + i; // batches overlap by 10 ids: duplicates across batches
        expectedIds.add(id + 1);
        rows.push(
          order(id + 1, {
            updated_at: `2026-01-${String(10 + (b % 10)).padStart(2, '0')} 00:00:00`,
            notes: `batch ${b}`,
          }),
        );
      }
      await putRaw(
        lake,
        'orders',
        `orders/dt=2026-01-${String(10 + (b % 10)).padStart(2, '0')}/b${b}.parquet`,
        rows,
      );
    }
    const env = createLocalEnvironment(loadConfig({ env: {}, overrides: { dataDir: lake.dataDir } }));
    // Events fire as each object lands: subscribe first, as a running system would be.
    const summary = await runPipeline(env, { hmacKey: TEST_HMAC_KEY, logger: createSilentLogger() });
    const rows = await curatedRows(lake, 'orders');
    expect(rows.map((r) => Number(r.order_id))).toEqual([...expectedIds].sort((a, b) => a - b));
    const merged = summary.tables.flatMap((t) => t.objects);
    expect(new Set(merged).size).toBe(20);
    expect(merged).toHaveLength(20);
  });

  it('dead-letters a corrupt raw object with a clear error and curates the rest', async () => {
    await putRaw(lake, 'orders', 'orders/dt=2026-01-11/good.parquet', [order(1)]);
    await lake.store.put(
      RAW,
      'orders/dt=2026-01-11/corrupt.parquet',
      'PAR1 this is not really parquet 4111111111111111',
    );
    const summary = await pipeline(lake);
    expect(summary.deadLettered).toBe(1);
    expect((await curatedRows(lake, 'orders')).map((r) => r.order_id)).toEqual(['1']);
    const letters = await new LocalDeadLetterQueue(lake.dataDir).list();
    expect(letters).toHaveLength(1);
    expect(letters[0]!.code).toBe('object_corrupt');
    expect(letters[0]!.error).toMatch(
      /orders\/dt=2026-01-11\/corrupt\.parquet is not a readable Parquet file/,
    );
    expect(letters[0]!.attempts).toBe(1);
    const again = await pipeline(lake);
    expect(again.pendingObjects).toBe(0);
    expect(again.skippedDeadLettered).toBe(1);
  });
});
