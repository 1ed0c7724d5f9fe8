// The composition root on AWS: S3 for the buckets, DuckDB in the Lambda for the pipeline, the
// Glue catalog and Athena for SQL. The only place that builds the AWS adapters; handlers
// receive them as ports.

import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AthenaSqlEngine } from '../adapters/athena/athena-sql-engine.js';
import type { AwsServiceSettings } from '../adapters/aws-sdk/aws-service-settings.js';
import { DuckDbEngineFactory } from '../adapters/duckdb/duckdb-engine.js';
import { DuckDbSqlEngine } from '../adapters/duckdb/duckdb-sql-engine.js';
import { GlueCatalog } from '../adapters/glue/glue-catalog.js';
import type { S3ClientSettings } from '../adapters/s3/s3-client-config.js';
import { S3ObjectStore } from '../adapters/s3/s3-object-store.js';
import type { SqlServices } from '../api/sql-services.js';
import type { ShoplakeConfig } from '../config/load-config.js';
import { athenaWorkgroupName, glueDatabaseName } from '../core/aws-names.js';
import { ShoplakeError } from '../core/shoplake-error.js';
import type { Catalog } from '../ports/catalog.js';
import type { EngineFactory } from '../ports/engine.js';
import type { Logger } from '../ports/logger.js';
import type { SqlEngine } from '../ports/sql-engine.js';
import { MirroredCatalog } from '../stages/catalog/mirrored-catalog.js';
import { ObjectStoreCatalog } from '../stages/catalog/object-store-catalog.js';

/**
 * Where S3 is, for `createAwsEnvironment`. Everything but the region has a default that
 * suits Lambda (role credentials, AWS endpoints, /tmp scratch space). Glue and Athena use the
 * same region and credentials, and `aws.endpoint` of the config when one is set.
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
  /** Where the Athena engine logs each query's scanned bytes. */
  readonly logger?: Logger;
}

export interface AwsEnvironment {
  readonly config: ShoplakeConfig;
  readonly store: S3ObjectStore;
  readonly engines: EngineFactory;
  /** The Glue database: the tables Athena can see. */
  readonly glue: GlueCatalog;
  /** What a crawl registers into: the lake's own catalog object (crawl state), mirrored into Glue. */
  readonly crawlCatalog: Catalog;
  /** SQL run by Athena in the lake's workgroup (DuckDB's parser feeds the guard). */
  readonly athena: AthenaSqlEngine;
  /** SQL run by DuckDB in this process over files downloaded from S3 (`sql.engine: duckdb`). */
  readonly duckdbSql: SqlEngine;
}

export function createAwsEnvironment(config: ShoplakeConfig, options: AwsEnvironmentOptions): AwsEnvironment {
  const { scratchDir, spillDir, logger, ...client } = options;
  const store = new S3ObjectStore({
    ...client,
    bucketPrefix: config.bucketPrefix,
    scratchDir: scratchDir ?? join(tmpdir(), 'shoplake-scratch'),
  });
  const engineOptions = {
    spillDir: spillDir ?? join(tmpdir(), 'shoplake-spill'),
    memoryLimit: config.engine.memoryLimit,
    threads: config.engine.threads,
  };
  const engines = new DuckDbEngineFactory(engineOptions);
  const aws: AwsServiceSettings = {
    region: client.region,
    endpoint: config.aws.endpoint,
    credentials: client.credentials,
  };
  const database = config.aws.glueDatabase ?? glueDatabaseName(config.bucketPrefix);
  const glue = new GlueCatalog({ aws, database, bucketPrefix: config.bucketPrefix });
  const athena = new AthenaSqlEngine({
    aws,
    database,
    workgroup: config.aws.athenaWorkgroup ?? athenaWorkgroupName(config.bucketPrefix),
    outputLocation: config.aws.athenaOutputLocation,
    parser: new DuckDbSqlEngine({ ...engineOptions, threads: 1 }),
    logger,
  });
  const crawlCatalog = new MirroredCatalog(new ObjectStoreCatalog(store), [glue]);
  const duckdbSql = new DuckDbSqlEngine({ ...engineOptions, spillDir: `${engineOptions.spillDir}-sql` });
  return { config, store, engines, glue, crawlCatalog, athena, duckdbSql };
}

/**
 * What the SQL edges need on AWS. `athena` (the stack's choice): Glue's tables, queried in
 * place. `duckdb`: the lake's own catalog object, its files downloaded and queried here.
 */
export function awsSqlServices(env: AwsEnvironment, engine = env.config.sql.engine): SqlServices {
  if (engine === 'athena')
    return { store: env.store, engines: env.engines, catalog: env.glue, sql: env.athena };
  return {
    store: env.store,
    engines: env.engines,
    catalog: new ObjectStoreCatalog(env.store),
    sql: env.duckdbSql,
  };
}

/**
 * S3 settings from the config alone, for the CLI: `aws.region` (or AWS_REGION) and
 * `aws.endpoint`; credentials from the SDK's chain.
 */
export function awsOptionsFromConfig(config: ShoplakeConfig): AwsEnvironmentOptions {
  const { region, endpoint } = config.aws;
  if (!region) {
    throw new ShoplakeError(
      'config_invalid',
      'SQL on AWS needs a region: set "aws": { "region": "eu-west-1" } in the config, or AWS_REGION.',
      { retryable: false },
    );
  }
  return { region, ...(endpoint ? { endpoint, forcePathStyle: true } : {}) };
}
