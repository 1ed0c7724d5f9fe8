import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { text } from 'node:stream/consumers';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import type { S3Event } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createS3Client } from '../../../src/adapters/s3/s3-client-config.js';
import { S3ObjectStore, type S3ObjectStoreOptions } from '../../../src/adapters/s3/s3-object-store.js';
import { ShoplakeError } from '../../../src/core/shoplake-error.js';
import { bucketName, CURATED, RAW } from '../../../src/core/zones.js';
import type { ObjectInfo } from '../../../src/ports/object-store.js';
import { objectStoreContract } from '../../ports/object-store-contract.js';
import { type S3TestServer, startS3TestServer } from './s3-test-server.js';

let server: S3TestServer;
const stores: S3ObjectStore[] = [];
const scratchDirs: string[] = [];
let lakes = 0;

beforeAll(async () => {
  server = await startS3TestServer();
});
afterAll(async () => {
  for (const store of stores) store.close();
  await server?.close();
  for (const dir of scratchDirs) await rm(dir, { recursive: true, force: true });
});

/** A store on its own fresh set of buckets, so tests do not see each other's objects. */
async function makeStore(options: Partial<S3ObjectStoreOptions> = {}): Promise<S3ObjectStore> {
  const bucketPrefix = options.bucketPrefix ?? `lake${++lakes}-${randomBytes(3).toString('hex')}`;
  if (!options.bucketPrefix) await server.createLake(bucketPrefix);
  const store = new S3ObjectStore({
    ...server.clientSettings,
    bucketPrefix,
    scratchDir: await newScratchDir(),
    ...options,
  });
  stores.push(store);
  return store;
}

async function newScratchDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'shoplake-s3-scratch-'));
  scratchDirs.push(dir);
  return dir;
}

async function keysOf(store: S3ObjectStore, prefix?: string): Promise<string[]> {
  const keys: string[] = [];
  for await (const object of store.list(RAW, prefix)) keys.push(object.key);
  return keys;
}

async function rejection(attempt: Promise<unknown>): Promise<ShoplakeError> {
  const error = await attempt.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ShoplakeError);
  return error as ShoplakeError;
}

objectStoreContract('S3ObjectStore', () => makeStore());

describe('S3ObjectStore', () => {
  it('uploads a file larger than 10 MB in parts and reads back the same bytes', async () => {
    const store = await makeStore({ partSizeBytes: 5 * 1024 * 1024 });
    const bytes = randomBytes(12 * 1024 * 1024);
    const path = await store.scratchPath('.bin');
    await writeFile(path, bytes);
    const events: S3Event[] = [];
    const stop = server.onObjectCreated((event) => events.push(event));
    try {
      const info = await store.putFile(RAW, 'big/part.bin', path);
      expect(info.size).toBe(bytes.length);
    } finally {
      stop();
    }
    expect(existsSync(path)).toBe(false);
    // A single PUT would be ObjectCreated:Put; s3rver names a completed multipart upload Post.
    await vi.waitFor(() =>
      expect(events.map((e) => e.Records[0]?.eventName)).toEqual(['ObjectCreated:Post']),
    );
    expect(Buffer.from(await store.get(RAW, 'big/part.bin')).equals(bytes)).toBe(true);
    await store.withLocalFiles(RAW, ['big/part.bin'], async ([local]) => {
      expect((await readFile(local!)).equals(bytes)).toBe(true);
    });
  });

  it('reports the same size and ETag from put, head and list', async () => {
    const store = await makeStore();
    const put = await store.put(RAW, 'a/b.json', '{"x":1}');
    const head = await store.head(RAW, 'a/b.json');
    const listed: ObjectInfo[] = [];
    for await (const object of store.list(RAW, 'a/')) listed.push(object);
    expect(head).toEqual(put);
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ key: 'a/b.json', size: 7, etag: put.etag });
    expect(put.etag).toMatch(/^[0-9a-f]{32}$/);
  });

  it('pages through a listing bigger than one page, in key order', async () => {
    const store = await makeStore({ listPageSize: 2 });
    const keys = ['p/a/1', 'p/a/2', 'p/b/1', 'p/c', 'p/d/e/f', 'p/z', 'q/1'];
    for (const key of [...keys].reverse()) await store.put(RAW, key, key);
    expect(await keysOf(store, 'p/')).toEqual(keys.filter((k) => k.startsWith('p/')));
    expect(await keysOf(store)).toEqual(keys);
  });

  it('lists more than 1000 keys, the server page limit', async () => {
    await server.createLake('many-keys');
    const store = await makeStore({ bucketPrefix: 'many-keys' });
    const keys = Array.from({ length: 1001 }, (_, i) => `many/${String(i).padStart(4, '0')}.txt`);
    // Seeded with bare PUTs: put's own HEAD afterwards would double the setup time.
    const seeder = createS3Client(server.clientSettings);
    try {
      for (let i = 0; i < keys.length; i += 50)
        await Promise.all(
          keys
            .slice(i, i + 50)
            .map((Key) =>
              seeder.send(new PutObjectCommand({ Bucket: bucketName('many-keys', RAW), Key, Body: 'x' })),
            ),
        );
    } finally {
      seeder.destroy();
    }
    expect(await keysOf(store, 'many/')).toEqual(keys);
  });

  it('says which object is missing with a non-retryable object_not_found', async () => {
    const store = await makeStore();
    const error = await rejection(store.get(CURATED, 'orders/dt=2026-01-01/gone.parquet'));
    expect(error.code).toBe('object_not_found');
    expect(error.retryable).toBe(false);
    expect(error.message).toContain('orders/dt=2026-01-01/gone.parquet');
    expect(error.context).toMatchObject({ key: 'orders/dt=2026-01-01/gone.parquet', operation: 'GetObject' });
    expect(await store.head(CURATED, 'orders/dt=2026-01-01/gone.parquet')).toBeUndefined();
  });

  it('fails withLocalFiles naming the missing key, and leaves no scratch files', async () => {
    const scratchDir = await newScratchDir();
    const store = await makeStore({ downloadConcurrency: 2, scratchDir });
    for (const i of [1, 2, 3]) await store.put(RAW, `d/${i}.txt`, `${i}`);
    const used = store.withLocalFiles(RAW, ['d/1.txt', 'd/missing.txt', 'd/3.txt'], async () => 'used');
    await expect(used).rejects.toThrow(/d\/missing\.txt/);
    expect(await readdir(scratchDir)).toEqual([]);
  });

  it('hands out downloads in key order and removes them even when use throws', async () => {
    const store = await makeStore({ downloadConcurrency: 3 });
    const keys = ['m/dt=1/b.parquet', 'm/dt=2/b.parquet', 'm/c.txt', 'm/d.txt', 'm/e.txt'];
    for (const key of keys) await store.put(RAW, key, `body of ${key}`);
    let seen: string[] = [];
    const attempt = store.withLocalFiles(RAW, keys, async (paths) => {
      seen = paths;
      const bodies = await Promise.all(paths.map((p) => readFile(p, 'utf8')));
      expect(bodies).toEqual(keys.map((key) => `body of ${key}`));
      throw new Error('use failed');
    });
    await expect(attempt).rejects.toThrow('use failed');
    expect(seen).toHaveLength(keys.length);
    expect(seen.some((p) => existsSync(p))).toBe(false);
  });

  it('streams an object with getStream', async () => {
    const store = await makeStore();
    await store.put(RAW, 's/streamed.txt', 'streamed body');
    expect(await text(await store.getStream(RAW, 's/streamed.txt'))).toBe('streamed body');
    await expect(store.getStream(RAW, 's/none.txt')).rejects.toThrow(/s\/none\.txt/);
  });

  it('refuses wrong credentials with a non-retryable access_denied that says what to check', async () => {
    const store = await makeStore({ credentials: { accessKeyId: 'WRONG', secretAccessKey: 'WRONG' } });
    const error = await rejection(store.put(RAW, 'x/denied.txt', 'x'));
    expect(error).toMatchObject({ code: 'access_denied', retryable: false });
    expect(error.message).toMatch(/credentials/);
  });

  it('names a bucket that does not exist', async () => {
    const store = await makeStore({ bucketPrefix: 'no-such-lake' });
    const error = await rejection(store.get(RAW, 'a.txt'));
    expect(error).toMatchObject({ code: 'not_found', retryable: false });
    expect(error.message).toContain('no-such-lake-raw');
  });

  it('reports an unreachable server as a retryable transient_io', async () => {
    const port = await closedPort();
    const store = await makeStore({
      bucketPrefix: 'shoplake',
      endpoint: `http://127.0.0.1:${port}`,
      maxAttempts: 1,
    });
    const error = await rejection(store.get(RAW, 'a.txt'));
    expect(error).toMatchObject({ code: 'transient_io', retryable: true });
    expect(error.message).toMatch(/ECONNREFUSED/);
  });
});

/** A loopback port nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise((resolve) => probe.close(resolve));
  if (typeof address !== 'object' || address === null) throw new Error('no port');
  return address.port;
}
