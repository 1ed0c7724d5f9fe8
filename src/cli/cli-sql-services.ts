// The SQL services a command runs on, by engine: the local lake with DuckDB, or the Glue
// catalog with Athena on AWS (`--engine athena`, or `sql.engine` in the config).

import { Option } from 'commander';
import { createSqlServices, type SqlServices } from '../api/sql-services.js';
import type { SqlEngineName } from '../config/aws-settings-schema.js';
import { ShoplakeError } from '../core/shoplake-error.js';
import type { CatalogSnapshot } from '../ports/catalog.js';
import { awsOptionsFromConfig, awsSqlServices, createAwsEnvironment } from '../runtime/aws-environment.js';
import { type CrawlReport, crawlCatalog } from '../stages/catalog/crawl-catalog.js';
import type { CommandContext } from './cli-context.js';

export interface CliSqlServices {
  readonly engine: SqlEngineName;
  readonly services: SqlServices;
  /** Where the catalog lives, for people: `curated/_catalog/catalog.json` or the Glue database. */
  readonly catalogPlace: string;
  /** The tables a query may read. DuckDB crawls first unless `refresh` is false; Athena reads Glue as registered. */
  snapshot(refresh: boolean): Promise<CatalogSnapshot>;
  /** Crawls the lake and registers the result (on AWS: the lake's catalog object, then Glue). */
  crawl(): Promise<CrawlReport>;
}

/** The `--engine` option; without it the config's `sql.engine` decides. */
export function engineOption(): Option {
  return new Option(
    '--engine <engine>',
    'where SQL runs: duckdb (the local lake) or athena (Glue tables on AWS); default: sql.engine of the config',
  ).choices(['duckdb', 'athena']);
}

export function cliSqlServices(context: CommandContext, engine: SqlEngineName | undefined): CliSqlServices {
  const chosen = engine ?? context.config.sql.engine;
  if (chosen === 'duckdb') {
    const services = createSqlServices(context.env);
    return {
      engine: chosen,
      services,
      catalogPlace: 'curated/_catalog/catalog.json',
      async snapshot(refresh) {
        const stored = refresh ? undefined : await services.catalog.read();
        return stored ?? (await crawlCatalog(services)).snapshot;
      },
      crawl: () => crawlCatalog(services),
    };
  }
  const env = createAwsEnvironment(context.config, {
    ...awsOptionsFromConfig(context.config),
    logger: context.logger,
  });
  const database = env.glue.database;
  return {
    engine: chosen,
    services: awsSqlServices(env, 'athena'),
    catalogPlace: `s3://${context.config.bucketPrefix}-curated/_catalog/catalog.json and Glue database ${database}`,
    async snapshot() {
      const snapshot = await env.glue.read();
      if (snapshot) return snapshot;
      throw new ShoplakeError(
        'not_found',
        `Glue database ${database} holds no lake tables yet: run \`shoplake catalog --engine athena\`, or wait for the stack's catalog function.`,
        { retryable: false },
      );
    },
    crawl: () => crawlCatalog({ store: env.store, engines: env.engines, catalog: env.crawlCatalog }),
  };
}
