// The behaviour every ObjectStore adapter must show; each adapter's test file runs it.

import { readFile, writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { ShoplakeError } from '../../src/core/shoplake-error.js';
import { CURATED, prodBucket, RAW } from '../../src/core/zones.js';
import type { ObjectStore } from '../../src/ports/object-store.js';

export function objectStoreContract(name: string, makeStore: () => Promise<ObjectStore>): void {
  describe(`ObjectStore contract: ${name}`, () => {
    it('puts, heads, gets and deletes an object', async () => {
      const store = await makeStore();
      const info = await store.put(RAW, 'orders/dt=2026-01-01/b1.parquet', 'hello');
      expect(info.size).toBe(5);
      expect((await store.head(RAW, 'orders/dt=2026-01-01/b1.parquet'))?.size).toBe(5);
      expect(Buffer.from(await store.get(RAW, 'orders/dt=2026-01-01/b1.parquet')).toString()).toBe('hello');
      await store.delete(RAW, 'orders/dt=2026-01-01/b1.parquet');
      expect(await store.head(RAW, 'orders/dt=2026-01-01/b1.parquet')).toBeUndefined();
    });

    it('keeps buckets apart', async () => {
      const store = await makeStore();
      await store.put(CURATED, 'a/x.json', '1');
      expect(await store.head(RAW, 'a/x.json')).toBeUndefined();
      expect(await store.head(prodBucket('retail-copilot'), 'a/x.json')).toBeUndefined();
    });

    it('lists by prefix in key order', async () => {
      const store = await makeStore();
      for (const key of ['t/b/2.txt', 't/a/1.txt', 't/b/1.txt', 'u/1.txt', 'tt/1.txt'])
        await store.put(RAW, key, key);
      const keys: string[] = [];
      for await (const o of store.list(RAW, 't/')) keys.push(o.key);
      expect(keys).toEqual(['t/a/1.txt', 't/b/1.txt', 't/b/2.txt']);
      const all: string[] = [];
      for await (const o of store.list(RAW)) all.push(o.key);
      expect(all).toHaveLength(5);
    });

    it('publishes a local file with putFile', async () => {
      const store = await makeStore();
      const path = await store.scratchPath('.bin');
      await writeFile(path, 'payload');
      await store.putFile(RAW, 'x/y.bin', path);
      await store.withLocalFiles(RAW, ['x/y.bin'], async ([local]) => {
        expect(await readFile(local!, 'utf8')).toBe('payload');
      });
    });

    it.each([
      ['../escape.txt', '".." segments'],
      ['/etc/passwd', 'absolute'],
      ['a/../../b', '".." segments'],
      ['a\0b', 'NUL'],
      ['a//b', 'empty folder'],
      ['', 'empty'],
      ['a\\b', 'backslash'],
    ])('refuses the key %j with a clear error', async (key, reason) => {
      const store = await makeStore();
      const attempt = store.put(RAW, key, 'x');
      await expect(attempt).rejects.toBeInstanceOf(ShoplakeError);
      await expect(store.put(RAW, key, 'x')).rejects.toThrow(
        new RegExp(reason.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i'),
      );
    });

    it('says which object is missing', async () => {
      const store = await makeStore();
      await expect(store.get(RAW, 'nope/x.parquet')).rejects.toThrow(/nope\/x\.parquet/);
    });
  });
}
