// The lake's buckets on S3 (or any S3-compatible server). Writes are whole-object PUTs or
// multipart uploads that S3 makes visible only when complete, so readers never see half an
// object; the engine reads downloaded copies in scratch space.

import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { assertValidKey } from '../../core/object-key.js';
import { ShoplakeError } from '../../core/shoplake-error.js';
import { type BucketRef, bucketName } from '../../core/zones.js';
import type { ObjectInfo, ObjectStore } from '../../ports/object-store.js';
import { mapS3Error, type S3Operation } from './map-s3-error.js';
import { createS3Client, type S3ClientSettings } from './s3-client-config.js';

/**
 * Settings of the S3 adapter: where S3 is, how buckets are named, where downloads go.
 *
 * @example
 * const store = new S3ObjectStore({ region: 'eu-west-1', bucketPrefix: 'shoplake', scratchDir: '/tmp/shoplake' });
 */
export interface S3ObjectStoreOptions extends S3ClientSettings {
  /** Buckets are `<prefix>-raw`, `<prefix>-curated`, `<prefix>-<system>-prod`. */
  readonly bucketPrefix: string;
  /** Local folder for downloads given to the engine and files about to be uploaded. */
  readonly scratchDir: string;
  /** Keys per ListObjectsV2 page (S3 caps it at 1000). Default 1000; small values test paging. */
  readonly listPageSize?: number;
  /** Objects downloaded at once by `withLocalFiles`. Default 4. */
  readonly downloadConcurrency?: number;
  /** Multipart part size in bytes (S3 minimum 5 MiB); files up to it go up in one PUT. Default 8 MiB. */
  readonly partSizeBytes?: number;
  /** Parts uploaded at once per file; memory used is about this times the part size. Default 2. */
  readonly uploadConcurrency?: number;
}

/** Options of a single `put`. */
export interface S3PutOptions {
  /**
   * '*' writes only if no object has the key (S3 conditional write), else fails with
   * `object_exists`: a compare-and-swap for manifests. Servers without conditional writes
   * (s3rver, old MinIO) ignore it and overwrite.
   */
  readonly ifNoneMatch?: '*';
}

const MIB = 1024 * 1024;

export class S3ObjectStore implements ObjectStore {
  private readonly client: S3Client;

  constructor(private readonly options: S3ObjectStoreOptions) {
    this.client = createS3Client(options);
  }

  async put(
    bucket: BucketRef,
    key: string,
    body: Uint8Array | string,
    putOptions: S3PutOptions = {},
  ): Promise<ObjectInfo> {
    const target = this.target('PutObject', bucket, key);
    await this.send(target, () =>
      this.client.send(
        new PutObjectCommand({
          Bucket: target.bucketName,
          Key: key,
          Body: typeof body === 'string' ? Buffer.from(body, 'utf8') : body,
          IfNoneMatch: putOptions.ifNoneMatch,
        }),
      ),
    );
    return this.infoAfterWrite(bucket, key);
  }

  async putFile(bucket: BucketRef, key: string, localPath: string): Promise<ObjectInfo> {
    const target = this.target('PutObject', bucket, key);
    // Upload buffers parts of known length, so no chunked checksum trailers; one PUT when small.
    const upload = new Upload({
      client: this.client,
      params: { Bucket: target.bucketName, Key: key, Body: createReadStream(localPath) },
      partSize: Math.max(5 * MIB, this.options.partSizeBytes ?? 8 * MIB),
      queueSize: this.options.uploadConcurrency ?? 2,
      leavePartsOnError: false,
    });
    await this.send(target, () => upload.done());
    await rm(localPath, { force: true });
    return this.infoAfterWrite(bucket, key);
  }

  async get(bucket: BucketRef, key: string): Promise<Uint8Array> {
    const target = this.target('GetObject', bucket, key);
    return this.send(target, async () => {
      const response = await this.client.send(new GetObjectCommand({ Bucket: target.bucketName, Key: key }));
      if (!response.Body) return new Uint8Array();
      return response.Body.transformToByteArray();
    });
  }

  /** The object's bytes as a Node stream, for objects too big to hold in memory. */
  async getStream(bucket: BucketRef, key: string): Promise<Readable> {
    const target = this.target('GetObject', bucket, key);
    const response = await this.send(target, () =>
      this.client.send(new GetObjectCommand({ Bucket: target.bucketName, Key: key })),
    );
    const body = response.Body;
    if (body instanceof Readable) return body;
    if (!body) return Readable.from([]);
    return Readable.fromWeb(body.transformToWebStream() as import('node:stream/web').ReadableStream);
  }

  async head(bucket: BucketRef, key: string): Promise<ObjectInfo | undefined> {
    const target = this.target('HeadObject', bucket, key);
    try {
      const response = await this.client.send(new HeadObjectCommand({ Bucket: target.bucketName, Key: key }));
      return {
        bucket,
        key,
        size: response.ContentLength ?? 0,
        lastModified: response.LastModified ?? new Date(0),
        etag: unquote(response.ETag),
      };
    } catch (error: unknown) {
      const mapped = mapS3Error(error, target);
      if (mapped instanceof ShoplakeError && mapped.code === 'object_not_found') return undefined;
      throw mapped;
    }
  }

  async *list(bucket: BucketRef, prefix = ''): AsyncIterable<ObjectInfo> {
    if (prefix.includes('/')) assertValidKey(prefix.slice(0, prefix.lastIndexOf('/')));
    const target: S3Operation = { operation: 'ListObjectsV2', bucketName: this.bucketNameOf(bucket) };
    let token: string | undefined;
    do {
      const page = await this.send(target, () =>
        this.client.send(
          new ListObjectsV2Command({
            Bucket: target.bucketName,
            Prefix: prefix || undefined,
            ContinuationToken: token,
            MaxKeys: this.options.listPageSize,
          }),
        ),
      );
      for (const object of page.Contents ?? []) {
        if (object.Key === undefined) continue;
        yield {
          bucket,
          key: object.Key,
          size: object.Size ?? 0,
          lastModified: object.LastModified ?? new Date(0),
          etag: unquote(object.ETag),
        };
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  async delete(bucket: BucketRef, key: string): Promise<void> {
    const target = this.target('DeleteObject', bucket, key);
    await this.send(target, () =>
      this.client.send(new DeleteObjectCommand({ Bucket: target.bucketName, Key: key })),
    );
  }

  async withLocalFiles<T>(
    bucket: BucketRef,
    keys: readonly string[],
    use: (paths: string[]) => Promise<T>,
  ): Promise<T> {
    for (const key of keys) assertValidKey(key);
    const folder = await this.scratchPath('.download');
    await mkdir(folder, { recursive: true });
    try {
      // The index keeps two keys with the same file name (different partitions) apart.
      const paths = keys.map((key, i) => join(folder, `${i}-${basename(key)}`));
      await forEachLimited(keys, this.options.downloadConcurrency ?? 4, (key, i) =>
        this.download(bucket, key, paths[i]!),
      );
      return await use(paths);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  }

  async scratchPath(suffix: string): Promise<string> {
    await mkdir(this.options.scratchDir, { recursive: true });
    return join(this.options.scratchDir, `${randomUUID()}${suffix}`);
  }

  /** Closes the client's sockets; the store is unusable afterwards. */
  close(): void {
    this.client.destroy();
  }

  private async download(bucket: BucketRef, key: string, path: string): Promise<void> {
    const target = this.target('GetObject', bucket, key);
    await this.send(target, async () => {
      const stream = await this.getStream(bucket, key);
      await pipeline(stream, createWriteStream(path));
    });
  }

  /** What head says right after a write: the same size, ETag and time that list and head will report. */
  private async infoAfterWrite(bucket: BucketRef, key: string): Promise<ObjectInfo> {
    const info = await this.head(bucket, key);
    if (info) return info;
    throw new ShoplakeError('transient_io', `Object ${key} was written but is not visible yet; retry.`, {
      context: { bucket: this.bucketNameOf(bucket), key },
    });
  }

  private target(operation: string, bucket: BucketRef, key: string): S3Operation {
    assertValidKey(key);
    return { operation, bucketName: this.bucketNameOf(bucket), key };
  }

  private bucketNameOf(bucket: BucketRef): string {
    return bucketName(this.options.bucketPrefix, bucket);
  }

  private async send<R>(target: S3Operation, request: () => Promise<R>): Promise<R> {
    try {
      return await request();
    } catch (error: unknown) {
      throw mapS3Error(error, target);
    }
  }
}

/** S3 quotes ETags in headers and listings; events and the local adapter do not. */
function unquote(etag: string | undefined): string {
  return (etag ?? '').replace(/^"|"$/g, '');
}

/** Runs `task` over `items`, at most `limit` at once; waits for all, then throws the first failure. */
async function forEachLimited<T>(
  items: readonly T[],
  limit: number,
  task: (item: T, index: number) => Promise<void>,
): Promise<void> {
  let next = 0;
  let failure: { readonly error: unknown } | undefined;
  const worker = async () => {
    while (next < items.length && !failure) {
      const index = next++;
      try {
        await task(items[index]!, index);
      } catch (error: unknown) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  if (failure) throw failure.error;
}
