import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { S3Event } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { LocalDeadLetterQueue } from '../../src/adapters/local-fs/local-dead-letter-queue.js';
import { createSilentLogger } from '../../src/adapters/pino/pino-logger.js';
import { objectCreatedRecord, objectRefOf } from '../../src/core/s3-event.js';
import { ShoplakeError } from '../../src/core/shoplake-error.js';
import { LocalDispatcher, type Route } from '../../src/runtime/local-dispatcher.js';

function event(bucket: string, key: string): S3Event {
  return {
    Records: [
      objectCreatedRecord({
        bucketName: bucket,
        key,
        size: 1,
        etag: 'e',
        eventTime: new Date(),
        sequencer: '1',
      }),
    ],
  };
}

async function dispatcherWith(routes: Route[], maxAttempts = 3, backoffMs = 5) {
  const deadLetters = new LocalDeadLetterQueue(await mkdtemp(join(tmpdir(), 'shoplake-dlq-')));
  const dispatcher = new LocalDispatcher(routes, {
    maxAttempts,
    backoffMs,
    deadLetters,
    logger: createSilentLogger(),
  });
  return { dispatcher, deadLetters };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('LocalDispatcher', () => {
  it('never runs two invocations of one table at once and batches what queued meanwhile', async () => {
    let running = 0;
    let maxRunning = 0;
    const batches: string[][] = [];
    const route: Route = {
      name: 'raw-to-curated',
      mode: 'batch',
      matches: (b) => b === 'raw',
      groupOf: (key) => key.split('/')[0]!,
      handler: async (e) => {
        running += 1;
        maxRunning = Math.max(maxRunning, running);
        batches.push(e.Records.map((r) => objectRefOf(r).key));
        await sleep(20);
        running -= 1;
      },
    };
    const { dispatcher } = await dispatcherWith([route]);
    for (let i = 0; i < 20; i++) dispatcher.submit(event('raw', `orders/dt=2026-01-01/b${i}.parquet`));
    await dispatcher.drain();
    expect(maxRunning).toBe(1);
    expect(batches.flat().sort()).toHaveLength(20);
    expect(new Set(batches.flat()).size).toBe(20);
    expect(batches.length).toBeLessThanOrEqual(2);
  });

  it('runs different tables side by side', async () => {
    let running = 0;
    let maxRunning = 0;
    const route: Route = {
      name: 'r',
      mode: 'batch',
      matches: () => true,
      groupOf: (key) => key.split('/')[0]!,
      handler: async () => {
        running += 1;
        maxRunning = Math.max(maxRunning, running);
        await sleep(20);
        running -= 1;
      },
    };
    const { dispatcher } = await dispatcherWith([route]);
    dispatcher.submit(event('raw', 'orders/x'));
    dispatcher.submit(event('raw', 'payments/x'));
    await dispatcher.drain();
    expect(maxRunning).toBe(2);
  });

  it('retries a failing record with backoff, then dead-letters it with its error', async () => {
    const attempts: number[] = [];
    const route: Route = {
      name: 'raw-to-curated',
      mode: 'batch',
      matches: () => true,
      handler: async () => {
        attempts.push(Date.now());
        throw new Error('disk on fire for card 4111 1111 1111 1111');
      },
    };
    const { dispatcher, deadLetters } = await dispatcherWith([route], 3, 25);
    dispatcher.submit(event('raw', 'orders/dt=2026-01-01/b.parquet'));
    await dispatcher.drain();
    expect(attempts).toHaveLength(3);
    // Backoff doubles: 25 ms, then 50 ms (timers may fire a millisecond early).
    expect(attempts[1]! - attempts[0]!).toBeGreaterThanOrEqual(24);
    expect(attempts[2]! - attempts[1]!).toBeGreaterThanOrEqual(49);
    const letters = await deadLetters.list();
    expect(letters).toHaveLength(1);
    expect(letters[0]).toMatchObject({ handler: 'raw-to-curated', attempts: 3 });
    expect(letters[0]!.error).toContain('disk on fire');
    expect(letters[0]!.error).not.toContain('4111 1111 1111 1111');
    expect(dispatcher.routeStats().get('raw-to-curated')).toMatchObject({
      invocations: 3,
      retries: 2,
      deadLettered: 1,
    });
  });

  it('dead-letters a terminal failure at once and keeps the batch’s other records', async () => {
    const seen: string[] = [];
    const route: Route = {
      name: 'r',
      mode: 'batch',
      matches: () => true,
      handler: async (e) => {
        const keys = e.Records.map((r) => objectRefOf(r).key);
        seen.push(...keys);
        return {
          batchItemFailures: keys
            .filter((k) => k.includes('corrupt'))
            .map((k) => ({
              itemIdentifier: k,
              error: new ShoplakeError('object_corrupt', 'bad').message,
              code: 'object_corrupt',
              retryable: false,
            })),
        };
      },
    };
    const { dispatcher, deadLetters } = await dispatcherWith([route]);
    dispatcher.submit({
      Records: [...event('raw', 'a/ok.parquet').Records, ...event('raw', 'a/corrupt.parquet').Records],
    });
    await dispatcher.drain();
    expect(seen).toEqual(['a/ok.parquet', 'a/corrupt.parquet']);
    expect((await deadLetters.list()).map((l) => objectRefOf(l.record).key)).toEqual(['a/corrupt.parquet']);
  });

  it('coalesces a burst of curated writes into at most two downstream runs', async () => {
    let runs = 0;
    const route: Route = {
      name: 'curated-to-prod',
      mode: 'coalesce',
      matches: (b) => b === 'curated',
      handler: async () => {
        runs += 1;
        await sleep(30);
      },
    };
    const { dispatcher } = await dispatcherWith([route]);
    for (let i = 0; i < 50; i++) {
      dispatcher.submit(event('curated', `_state/t${i % 6}.json`));
      if (i % 10 === 0) await sleep(1);
    }
    await dispatcher.drain();
    expect(runs).toBeGreaterThanOrEqual(1);
    expect(runs).toBeLessThanOrEqual(2);
  });

  it('runs the owed coalesced run after the current one, so the last change is seen', async () => {
    const order: string[] = [];
    const route: Route = {
      name: 'curated-to-prod',
      mode: 'coalesce',
      matches: () => true,
      handler: async (e) => {
        order.push(objectRefOf(e.Records[0]!).key);
        await sleep(20);
      },
    };
    const { dispatcher } = await dispatcherWith([route]);
    dispatcher.submit(event('curated', '_state/a.json'));
    await sleep(5);
    dispatcher.submit(event('curated', '_state/b.json'));
    await dispatcher.drain();
    expect(order).toHaveLength(2);
  });
});
