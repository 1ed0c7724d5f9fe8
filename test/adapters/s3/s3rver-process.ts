// Runs s3rver in a child process started with --openssl-legacy-provider: s3rver ciphers its
// ListObjectsV2 continuation tokens with DES, which Node's OpenSSL 3 refuses otherwise, so
// every paged listing would fail. The parent (s3-test-server.ts) talks to it over IPC.

import S3rver from 's3rver';

export interface S3rverProcessArgs {
  readonly directory: string;
  readonly buckets: readonly string[];
}

export type S3rverProcessMessage =
  | { readonly type: 'ready'; readonly port: number }
  | { readonly type: 'failed'; readonly error: string }
  | { readonly type: 'event'; readonly event: unknown };

function send(message: S3rverProcessMessage): void {
  process.send?.(message);
}

async function main(): Promise<void> {
  const args = JSON.parse(process.argv[2] ?? '{}') as S3rverProcessArgs;
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory: args.directory,
    configureBuckets: args.buckets.map((name) => ({ name, configs: [] })),
  });
  // s3rver is a Koa app: its typings omit the EventEmitter it inherits.
  (server as unknown as NodeJS.EventEmitter).on('event', (event: unknown) => send({ type: 'event', event }));
  const { port } = await server.run();
  const stop = () => {
    void server.close().finally(() => process.exit(0));
  };
  // The parent disconnects when it stops the server or dies: never outlive it.
  process.on('disconnect', stop);
  process.on('SIGTERM', stop);
  send({ type: 'ready', port });
}

main().catch((error: unknown) => {
  send({ type: 'failed', error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  process.exitCode = 1;
  process.disconnect?.();
});
