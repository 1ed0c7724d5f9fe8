// The composition root on AWS: S3 for the buckets, DuckDB in the Lambda for SQL. The only
// place that builds the AWS adapters; handlers receive them as ports.

import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DuckDbEngineFactory } from '../adapters/duckdb/duckdb-engine.js';
import type { S3ClientSettings } from '../adapters/s3/s3-client-config.js';
import { S3ObjectStore } from '../adapters/s3/s3-object-store.js';
import type { ShoplakeConfig } from '../config/load-config.js';
import type { EngineFactory } from '../ports/engine.js';

/**
 * Where S3 is, for `createAwsEnvironment`. Everything but the region has a default that
 * suits Lambda (role credentials, AWS endpoints, /tmp scratch space).
 *
 * @example
 * createAwsEnvironment(config, { region: 'eu-west-1' });
 * createAwsEnvironment(config, { region: 'us-east-1', endpoint: 'http://127.0.0.1:4568', forcePathStyle: true });
 */
export interface AwsEnvironmentOptions extends S3ClientSettings {
  /** Downloads for the engine and files before upload. Default `<os tmpdir>/shoplake-scratch`. */
  readonly scratchDir?: string;
  /** DuckDB's spill folder. Default `<os tmpdir>/shoplake-spill` (Lambda's /tmp). */
  readonly spillDir?: string;
}

export interface AwsEnvironment {
  readonly config: ShoplakeConfig;
  readonly store: S3ObjectStore;
  readonly engines: EngineFactory;
}

export function createAwsEnvironment(config: ShoplakeConfig, options: AwsEnvironmentOptions): AwsEnvironment {
  const { scratchDir, spillDir, ...client } = options;
  const store = new S3ObjectStore({
    ...client,
    bucketPrefix: config.bucketPrefix,
    scratchDir: scratchDir ?? join(tmpdir(), 'shoplake-scratch'),
  });
  const engines = new DuckDbEngineFactory({
    spillDir: spillDir ?? join(tmpdir(), 'shoplake-spill'),
    memoryLimit: config.engine.memoryLimit,
    threads: config.engine.threads,
  });
  return { config, store, engines };
}
