// Lambda entry point for the scheduled export (EventBridge, every 5 minutes): MySQL → raw.
// The URL comes from Secrets Manager; a connection is opened per run, since a container may
// sit idle for long between schedules and MySQL drops idle sessions.

import type { Context, ScheduledEvent } from 'aws-lambda';
import { MysqlSourceDatabase } from '../../adapters/mysql/mysql-source-database.js';
import { parseMysqlUrl } from '../../adapters/mysql/mysql-target.js';
import { ShoplakeError } from '../../core/shoplake-error.js';
import type { ExportResult } from '../../stages/export/export-options.js';
import { exportTables } from '../../stages/export/export-tables.js';
import { createLambdaEnvironment, oncePerContainer } from './lambda-environment.js';
import { readSecret } from './read-secret.js';

const built = oncePerContainer(async () => {
  const environment = createLambdaEnvironment(process.env, 'export');
  const { mysqlUrl, mysqlSecretArn, region } = environment.settings;
  const url = mysqlUrl ?? (mysqlSecretArn ? await readSecret(mysqlSecretArn, region) : undefined);
  if (!url) {
    throw new ShoplakeError(
      'config_invalid',
      'Set SHOPLAKE_MYSQL_SECRET_ARN (the stack does) to the secret holding the mysql:// URL.',
      {
        retryable: false,
      },
    );
  }
  return { environment, target: parseMysqlUrl(url) };
});

/** Throws when a table fails: the run is visible as a Lambda error (alarmed), the next schedule resumes from the watermarks. */
export async function handler(_event: ScheduledEvent, context: Context): Promise<ExportResult> {
  const { environment, target } = await built();
  const log = environment.logger.child({ runId: context.awsRequestId });
  const source = await MysqlSourceDatabase.open(target);
  try {
    const result = await exportTables({}, { source, store: environment.store, engines: environment.engines });
    log.info('export.done', {
      exportRunId: result.runId,
      rows: result.rows,
      tables: result.tables.map((t) => `${t.table}:${t.rows}`),
    });
    return result;
  } finally {
    await source.close();
  }
}
