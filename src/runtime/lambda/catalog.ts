// Lambda entry point for the catalog (EventBridge, every 15 minutes): crawls curated and the
// prod buckets on S3, keeps the crawl state in the lake's own catalog object (so only new
// files are read) and registers the tables into the Glue database Athena queries.

import type { Context, ScheduledEvent } from 'aws-lambda';
import { crawlCatalog } from '../../stages/catalog/crawl-catalog.js';
import { createLambdaEnvironment, oncePerContainer } from './lambda-environment.js';

export interface CatalogRunResult {
  readonly tables: number;
  readonly filesInspected: number;
  readonly newVersions: readonly string[];
  readonly problems: readonly string[];
}

const built = oncePerContainer(async () => createLambdaEnvironment(process.env, 'catalog'));

/** Throws when S3 or Glue fails: the run shows as a Lambda error (alarmed) and the next one retries. */
export async function handler(_event: ScheduledEvent, context: Context): Promise<CatalogRunResult> {
  const environment = await built();
  const log = environment.logger.child({ runId: context.awsRequestId });
  const report = await crawlCatalog({
    store: environment.store,
    engines: environment.engines,
    catalog: environment.crawlCatalog,
  });
  for (const { table, version } of report.newVersions)
    log.info('catalog.schema.new_version', {
      table,
      version: version.version,
      compatible: version.compatible,
    });
  for (const { table, issue } of report.newIssues)
    log.warn('catalog.issue', { table, kind: issue.kind, message: issue.message });
  for (const problem of report.problems) log.warn('catalog.problem', { problem });
  const result: CatalogRunResult = {
    tables: report.snapshot.tables.length,
    filesInspected: report.filesInspected,
    newVersions: report.newVersions.map(({ table, version }) => `${table} v${version.version}`),
    problems: report.problems,
  };
  log.info('catalog.done', { ...result, glueDatabase: environment.glue.database, ms: report.elapsedMs });
  return result;
}
