// What a Lambda container is told by its environment: the only place the entry points read
// variables that `loadConfig` does not (region, endpoint, secret ARNs). Read once per container.

import { ShoplakeError } from '../../core/shoplake-error.js';

/**
 * @example
 * // Set by the CDK stack on every function:
 * // AWS_REGION=eu-west-1 SHOPLAKE_BUCKET_PREFIX=acme-lake SHOPLAKE_HMAC_SECRET_ARN=arn:aws:secretsmanager:...
 * const settings = lambdaSettings(process.env);
 */
export interface LambdaSettings {
  /** AWS_REGION (set by Lambda itself). */
  readonly region: string;
  /** SHOPLAKE_S3_ENDPOINT: an S3-compatible server instead of AWS (tests); path-style then. */
  readonly s3Endpoint: string | undefined;
  /** SHOPLAKE_HMAC_SECRET_ARN: the secret holding the HMAC key (plain string). */
  readonly hmacSecretArn: string | undefined;
  /** SHOPLAKE_MYSQL_SECRET_ARN: the secret holding the source's mysql:// URL (export only). */
  readonly mysqlSecretArn: string | undefined;
  /** SHOPLAKE_MYSQL_URL: the URL itself, for tests only (never put it in a function's env). */
  readonly mysqlUrl: string | undefined;
  /** SHOPLAKE_SCRATCH_DIR: downloads and DuckDB spill go below it. Default /tmp (Lambda's only writable disk). */
  readonly scratchDir: string;
  /** SHOPLAKE_ROWS_PER_FILE: curated rows per Parquet file. Default: the config's. */
  readonly rowsPerFile: number | undefined;
  /** SHOPLAKE_API_QUERY_TIMEOUT_MS: the API function's per-query limit (below its own timeout). Default 30,000. */
  readonly apiQueryTimeoutMs: number | undefined;
}

export function lambdaSettings(env: NodeJS.ProcessEnv): LambdaSettings {
  const region = env.AWS_REGION || env.AWS_DEFAULT_REGION;
  if (!region) {
    throw new ShoplakeError(
      'config_invalid',
      'AWS_REGION is not set; Lambda sets it, tests must set it too.',
      {
        retryable: false,
      },
    );
  }
  const rows = env.SHOPLAKE_ROWS_PER_FILE ? Number(env.SHOPLAKE_ROWS_PER_FILE) : undefined;
  return {
    region,
    s3Endpoint: env.SHOPLAKE_S3_ENDPOINT || undefined,
    hmacSecretArn: env.SHOPLAKE_HMAC_SECRET_ARN || undefined,
    mysqlSecretArn: env.SHOPLAKE_MYSQL_SECRET_ARN || undefined,
    mysqlUrl: env.SHOPLAKE_MYSQL_URL || undefined,
    scratchDir: env.SHOPLAKE_SCRATCH_DIR || '/tmp',
    rowsPerFile: rows !== undefined && Number.isInteger(rows) && rows > 0 ? rows : undefined,
    apiQueryTimeoutMs: positive(env.SHOPLAKE_API_QUERY_TIMEOUT_MS),
  };
}

function positive(text: string | undefined): number | undefined {
  const n = text ? Number(text) : Number.NaN;
  return Number.isInteger(n) && n > 0 ? n : undefined;
}
