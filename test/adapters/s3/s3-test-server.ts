// An S3-protocol server on 127.0.0.1 (s3rver in a child process, files in a temp folder)
// with the lake's buckets, so the S3 adapter is tested over real HTTP without Docker or a
// cloud. Starting fails loudly: the S3 tests must never pass by not running.

import { type ChildProcess, fork } from 'node:child_process';
import { EventEmitter, once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import type { S3Event } from 'aws-lambda';
import type { S3ObjectStoreOptions } from '../../../src/adapters/s3/s3-object-store.js';
import { allBuckets, bucketName } from '../../../src/core/zones.js';
import type { S3rverProcessArgs, S3rverProcessMessage } from './s3rver-process.js';

/** s3rver's fixed account: any other key pair is refused with InvalidAccessKeyId. */
export const S3RVER_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;

const START_TIMEOUT_MS = 30_000;

export interface S3TestServer {
  readonly endpoint: string;
  readonly bucketPrefix: string;
  /** Client settings for a store talking to this server (merge in scratchDir and the rest). */
  readonly clientSettings: Pick<
    S3ObjectStoreOptions,
    'region' | 'endpoint' | 'forcePathStyle' | 'credentials'
  >;
  /**
   * The S3 event notifications the server sends for created objects. They arrive over IPC,
   * possibly just after the write returns, and unlike AWS's their keys are not URL-encoded:
   * keep test keys free of '+', '%' and spaces.
   */
  onObjectCreated(listener: (event: S3Event) => void): () => void;
  /** Creates the seven buckets of another lake, so a test can start from empty buckets. */
  createLake(bucketPrefix: string): Promise<void>;
  close(): Promise<void>;
}

/** Starts a server on a free port with `<prefix>-raw`, `<prefix>-curated` and the five prod buckets. */
export async function startS3TestServer(bucketPrefix = 'shoplake'): Promise<S3TestServer> {
  const directory = await mkdtemp(join(tmpdir(), 'shoplake-s3rver-'));
  const args: S3rverProcessArgs = {
    directory,
    buckets: allBuckets().map((bucket) => bucketName(bucketPrefix, bucket)),
  };
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  const child = fork(fileURLToPath(new URL('./s3rver-process.ts', import.meta.url)), [JSON.stringify(args)], {
    execArgv: ['--openssl-legacy-provider', '--import', tsx],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const events = new EventEmitter();
  child.on('message', (message: S3rverProcessMessage) => {
    if (message.type === 'event') events.emit('event', message.event);
  });

  let port: number;
  try {
    port = await readyPort(child);
  } catch (error: unknown) {
    await stopChild(child);
    await rm(directory, { recursive: true, force: true });
    throw new Error(
      `The S3 test server (s3rver) did not start on 127.0.0.1: ${error instanceof Error ? error.message : String(error)}. Run npm install; these tests need no Docker and no network.`,
      { cause: error },
    );
  }

  const endpoint = `http://127.0.0.1:${port}`;
  const clientSettings = {
    region: 'us-east-1',
    endpoint,
    forcePathStyle: true,
    credentials: S3RVER_CREDENTIALS,
  };
  return {
    endpoint,
    bucketPrefix,
    clientSettings,
    onObjectCreated(listener) {
      const forward = (event: S3Event) => {
        if (event.Records.some((r) => r.eventName.startsWith('ObjectCreated:'))) listener(event);
      };
      events.on('event', forward);
      return () => events.off('event', forward);
    },
    async createLake(prefix) {
      const client = new S3Client(clientSettings);
      try {
        for (const bucket of allBuckets())
          await client.send(new CreateBucketCommand({ Bucket: bucketName(prefix, bucket) }));
      } finally {
        client.destroy();
      }
    },
    async close() {
      await stopChild(child);
      await rm(directory, { recursive: true, force: true });
    },
  };
}

function readyPort(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`no answer within ${START_TIMEOUT_MS} ms`)),
      START_TIMEOUT_MS,
    );
    const done = () => clearTimeout(timer);
    child.on('message', (message: S3rverProcessMessage) => {
      done();
      if (message.type === 'ready') resolve(message.port);
      else if (message.type === 'failed') reject(new Error(message.error));
    });
    child.once('error', (error) => {
      done();
      reject(error);
    });
    child.once('exit', (code, signal) => {
      done();
      reject(new Error(`the server process exited (code ${code}, signal ${signal})`));
    });
  });
}

/** Asks the child to stop (it closes s3rver when the IPC channel closes); kills it if it hangs. */
async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  if (child.connected) child.disconnect();
  const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
  await exited;
  clearTimeout(timer);
}
