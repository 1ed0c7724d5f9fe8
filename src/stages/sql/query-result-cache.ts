// Answers of recent queries, so a dashboard that many people open asks the engine once. The
// key holds the SQL, the row limit and the exact files (key and ETag) of every table read:
// a new commit names new files, so an answer can never outlive the data it came from.
// Identical queries that arrive while the first is running wait for its answer.

export interface QueryResultCacheOptions {
  /** Answers kept at most (default 500). */
  readonly maxEntries?: number;
  /** Approximate JSON size of all kept answers at most (default 64 MB); bigger answers are not kept. */
  readonly maxBytes?: number;
}

export interface QueryResultCacheStats {
  readonly hits: number;
  readonly misses: number;
  readonly entries: number;
  readonly bytes: number;
}

interface Entry<T> {
  readonly value: T;
  readonly bytes: number;
}

/**
 * A least-recently-used cache with single flight: one computation per key at a time.
 *
 * @example
 * const cache = new QueryResultCache<SqlResult>();
 * const { value, cached } = await cache.getOrCompute(key, () => engine.execute(...), sizeOf);
 */
export class QueryResultCache<T> {
  private readonly entries = new Map<string, Entry<T>>();
  private readonly running = new Map<string, Promise<T>>();
  private readonly maxEntries: number;
  private readonly maxBytes: number;
  private bytes = 0;
  private hits = 0;
  private misses = 0;

  constructor(options: QueryResultCacheOptions = {}) {
    this.maxEntries = options.maxEntries ?? 500;
    this.maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
  }

  /**
   * The kept value for `key`, the running computation's, or a new one. A failed computation
   * is not kept: the next caller tries again.
   */
  async getOrCompute(
    key: string,
    compute: () => Promise<T>,
    sizeOf: (value: T) => number,
  ): Promise<{ value: T; cached: boolean }> {
    const entry = this.entries.get(key);
    if (entry) {
      // Re-inserting moves the key to the end: Map order is the recency order.
      this.entries.delete(key);
      this.entries.set(key, entry);
      this.hits += 1;
      return { value: entry.value, cached: true };
    }
    const running = this.running.get(key);
    if (running) {
      this.hits += 1;
      return { value: await running, cached: true };
    }
    this.misses += 1;
    const computation = compute();
    this.running.set(key, computation);
    try {
      const value = await computation;
      this.keep(key, value, sizeOf(value));
      return { value, cached: false };
    } finally {
      this.running.delete(key);
    }
  }

  clear(): void {
    this.entries.clear();
    this.bytes = 0;
  }

  get stats(): QueryResultCacheStats {
    return { hits: this.hits, misses: this.misses, entries: this.entries.size, bytes: this.bytes };
  }

  private keep(key: string, value: T, bytes: number): void {
    // One answer may take an eighth of the budget: a few huge answers must not evict all the small ones.
    if (bytes > this.maxBytes / 8 || this.maxEntries === 0) return;
    this.entries.set(key, { value, bytes });
    this.bytes += bytes;
    for (const [oldest, entry] of this.entries) {
      if (this.entries.size <= this.maxEntries && this.bytes <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.bytes -= entry.bytes;
    }
  }
}
