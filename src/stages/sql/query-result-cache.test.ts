import { describe, expect, it } from 'vitest';
import { QueryResultCache } from './query-result-cache.js';

describe('QueryResultCache', () => {
  it('computes once for concurrent callers and serves later ones from memory', async () => {
    const cache = new QueryResultCache<string>();
    let runs = 0;
    const compute = async () => {
      runs += 1;
      await new Promise((resolve) => setTimeout(resolve, 20));
      return 'answer';
    };
    const answers = await Promise.all([1, 2, 3].map(() => cache.getOrCompute('k', compute, () => 10)));
    expect(runs).toBe(1);
    expect(answers.map((a) => a.cached)).toEqual([false, true, true]);
    expect(await cache.getOrCompute('k', compute, () => 10)).toEqual({ value: 'answer', cached: true });
    expect(cache.stats).toMatchObject({ hits: 3, misses: 1, entries: 1, bytes: 10 });
  });

  it('does not keep a failure', async () => {
    const cache = new QueryResultCache<string>();
    await expect(
      cache.getOrCompute(
        'k',
        () => Promise.reject(new Error('boom')),
        () => 1,
      ),
    ).rejects.toThrow('boom');
    expect(
      await cache.getOrCompute(
        'k',
        async () => 'ok',
        () => 1,
      ),
    ).toEqual({ value: 'ok', cached: false });
  });

  it('evicts the least recently used answers beyond its entry and byte budgets', async () => {
    const cache = new QueryResultCache<string>({ maxEntries: 2, maxBytes: 1_000 });
    for (const key of ['a', 'b'])
      await cache.getOrCompute(
        key,
        async () => key,
        () => 10,
      );
    await cache.getOrCompute(
      'a',
      async () => 'a',
      () => 10,
    );
    await cache.getOrCompute(
      'c',
      async () => 'c',
      () => 10,
    );
    expect(
      (
        await cache.getOrCompute(
          'a',
          async () => 'a2',
          () => 10,
        )
      ).cached,
    ).toBe(true);
    expect(
      (
        await cache.getOrCompute(
          'b',
          async () => 'b2',
          () => 10,
        )
      ).cached,
    ).toBe(false);
    // One answer may take an eighth of the byte budget at most.
    await cache.getOrCompute(
      'huge',
      async () => 'h',
      () => 200,
    );
    expect(
      (
        await cache.getOrCompute(
          'huge',
          async () => 'h',
          () => 200,
        )
      ).cached,
    ).toBe(false);
  });
});
