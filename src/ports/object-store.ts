// The object-store port: buckets of immutable objects addressed by key, as S3 has them.
// The local adapter keeps buckets as folders; the S3 adapter (AWS issue) talks to S3.

import type { S3Event } from 'aws-lambda';
import type { BucketRef } from '../core/zones.js';

export interface ObjectInfo {
  readonly bucket: BucketRef;
  readonly key: string;
  readonly size: number;
  readonly lastModified: Date;
  /** Content hash (S3 ETag semantics: changes when the content changes). */
  readonly etag: string;
}

/**
 * Where objects live. Writes are atomic: a reader sees the whole object or none of it.
 *
 * @example
 * const info = await store.put(RAW, 'orders/dt=2026-01-01/b1.parquet', bytes);
 * for await (const o of store.list(RAW, 'orders/')) console.log(o.key);
 */
export interface ObjectStore {
  put(bucket: BucketRef, key: string, body: Uint8Array | string): Promise<ObjectInfo>;
  /** Publishes a finished local file as an object; the file is consumed (moved or uploaded then removed). */
  putFile(bucket: BucketRef, key: string, localPath: string): Promise<ObjectInfo>;
  get(bucket: BucketRef, key: string): Promise<Uint8Array>;
  head(bucket: BucketRef, key: string): Promise<ObjectInfo | undefined>;
  /** Objects whose key starts with `prefix`, in key order. */
  list(bucket: BucketRef, prefix?: string): AsyncIterable<ObjectInfo>;
  delete(bucket: BucketRef, key: string): Promise<void>;
  /**
   * Gives the engine a local file with the object's bytes for the duration of `use`.
   * The local adapter hands out its own file; remote adapters download to scratch space.
   */
  withLocalFiles<T>(
    bucket: BucketRef,
    keys: readonly string[],
    use: (paths: string[]) => Promise<T>,
  ): Promise<T>;
  /** A fresh path in scratch space on the same volume as the store, for files about to be `putFile`d. */
  scratchPath(suffix: string): Promise<string>;
}

/** Emits an S3 event notification for every object created (what S3 does for a bucket). */
export interface ObjectEventSource {
  onObjectCreated(listener: (event: S3Event) => void): () => void;
}
