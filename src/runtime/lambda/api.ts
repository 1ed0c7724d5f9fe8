// Lambda entry point for the HTTP API (`shoplake serve`'s routes) behind an IAM-authenticated
// Function URL. SQL runs where `sql.engine` says: Athena over the Glue catalog (the stack sets
// SHOPLAKE_SQL_ENGINE=athena), or DuckDB in the function over files from S3.

import { awsSqlServices } from '../aws-environment.js';
import { createApiLambda } from './api-gateway-handler.js';
import { createLambdaEnvironment } from './lambda-environment.js';

export const handler = createApiLambda(async () => {
  const environment = createLambdaEnvironment(process.env, 'api');
  return {
    services: awsSqlServices(environment),
    logger: environment.logger,
    queryTimeoutMs: environment.settings.apiQueryTimeoutMs,
  };
});
