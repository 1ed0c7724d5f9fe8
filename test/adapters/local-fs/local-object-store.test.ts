import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { S3Event } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import { LocalObjectStore } from '../../../src/adapters/local-fs/local-object-store.js';
import { objectRefOf } from '../../../src/core/s3-event.js';
import { RAW } from '../../../src/core/zones.js';
import { objectStoreContract } from '../../ports/object-store-contract.js';

async function makeStore(): Promise<LocalObjectStore> {
  return new LocalObjectStore({
    dataDir: await mkdtemp(join(tmpdir(), 'shoplake-store-')),
    bucketPrefix: 'acme',
  });
}

objectStoreContract('LocalObjectStore', makeStore);

describe('LocalObjectStore', () => {
  it('emits an S3 event notification for every object created', async () => {
    const store = await makeStore();
    const events: S3Event[] = [];
    store.onObjectCreated((e) => events.push(e));
    await store.put(RAW, 'orders/dt=2026-01-01/batch 1=x.parquet', 'abc');
    expect(events).toHaveLength(1);
    const record = events[0]!.Records[0]!;
    expect(record).toMatchObject({
      eventVersion: '2.1',
      eventSource: 'aws:s3',
      eventName: 'ObjectCreated:Put',
      s3: {
        s3SchemaVersion: '1.0',
        bucket: { name: 'acme-raw', arn: 'arn:aws:s3:::acme-raw' },
        object: { key: 'orders/dt%3D2026-01-01/batch+1%3Dx.parquet', size: 3 },
      },
    });
    expect(typeof record.s3.object.sequencer).toBe('string');
    expect(new Date(record.eventTime).toString()).not.toBe('Invalid Date');
    expect(objectRefOf(record).key).toBe('orders/dt=2026-01-01/batch 1=x.parquet');
  });

  it('never shows a half-written object to a reader', async () => {
    const store = await makeStore();
    const big = Buffer.alloc(32 * 1024 * 1024, 7);
    const writes = Promise.all([1, 2, 3].map((i) => store.put(RAW, `big/${i}.bin`, big)));
    const seen: number[] = [];
    let finished = false;
    void writes.then(() => {
      finished = true;
    });
    while (!finished) {
      for await (const o of store.list(RAW, 'big/')) seen.push(o.size);
      await new Promise((r) => setTimeout(r, 1));
    }
    await writes;
    expect(seen.every((size) => size === big.length)).toBe(true);
    const folder = await readdir(join(store.dataDir, 'raw', 'big'));
    expect(folder.sort()).toEqual(['1.bin', '2.bin', '3.bin']);
  });
});
