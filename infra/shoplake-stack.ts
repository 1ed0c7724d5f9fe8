// The shoplake stack: buckets, pipeline functions with their queues, catalog and SQL (the
// catalog function, Athena, the IAM-authenticated API), monitoring. Settings come from CDK context (see cdk.json), so `cdk synth` runs offline.

import { CfnOutput, Duration, Stack, type StackProps } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type { Construct } from 'constructs';
import type { LambdaEntry } from './bundle-lambdas.js';
import { CatalogAndSql } from './catalog-and-sql.js';
import { LakeBuckets } from './lake-buckets.js';
import { Monitoring } from './monitoring.js';
import { PipelineFunctions } from './pipeline-functions.js';
import { SqlFunctions } from './sql-functions.js';

/**
 * @example
 * new ShoplakeStack(app, 'Shoplake', { bucketPrefix: 'acme-lake', codeFor: (e) => lambda.Code.fromAsset(bundleLambda(e, 'x86_64')) });
 */
export interface ShoplakeStackProps extends StackProps {
  /** Bucket names are `<prefix>-raw`, ...; must be globally unique in S3. */
  readonly bucketPrefix: string;
  readonly codeFor: (entry: LambdaEntry) => lambda.Code;
  /** Default 'x86_64'; 'arm64' needs @duckdb/node-bindings-linux-arm64 installed. */
  readonly architecture?: 'x86_64' | 'arm64';
  /** Default 3008. */
  readonly memoryMb?: number;
  /** Default 15 (Lambda's maximum). */
  readonly timeoutMinutes?: number;
  /** Default 90. */
  readonly rawRetentionDays?: number;
}

export class ShoplakeStack extends Stack {
  constructor(scope: Construct, id: string, props: ShoplakeStackProps) {
    super(scope, id, props);
    const timeout = Duration.minutes(props.timeoutMinutes ?? 15);
    const buckets = new LakeBuckets(this, 'Buckets', {
      bucketPrefix: props.bucketPrefix,
      rawRetentionDays: props.rawRetentionDays,
    });
    const pipeline = new PipelineFunctions(this, 'Pipeline', {
      bucketPrefix: props.bucketPrefix,
      buckets,
      codeFor: props.codeFor,
      architecture: props.architecture === 'arm64' ? lambda.Architecture.ARM_64 : lambda.Architecture.X86_64,
      memoryMb: props.memoryMb ?? 3008,
      timeout,
    });
    const sql = new CatalogAndSql(this, 'Sql', { bucketPrefix: props.bucketPrefix });
    const readers = new SqlFunctions(this, 'Readers', {
      bucketPrefix: props.bucketPrefix,
      buckets,
      sql,
      codeFor: props.codeFor,
      architecture: props.architecture === 'arm64' ? lambda.Architecture.ARM_64 : lambda.Architecture.X86_64,
    });
    new Monitoring(this, 'Monitoring', {
      dashboardName: `${props.bucketPrefix}-pipeline`,
      functions: [
        pipeline.rawToCurated.fn,
        pipeline.curatedToProd.fn,
        pipeline.exporter,
        readers.catalog,
        readers.api,
      ],
      dlqs: [pipeline.rawToCurated.dlq, pipeline.curatedToProd.dlq],
      timeout,
    });
    new CfnOutput(this, 'RawBucket', { value: buckets.raw.bucketName });
    new CfnOutput(this, 'MysqlSecretArn', {
      value: pipeline.mysqlSecret.secretArn,
      description:
        'Put the mysql:// URL here: aws secretsmanager put-secret-value --secret-id <arn> --secret-string ...',
    });
    new CfnOutput(this, 'GlueDatabase', { value: sql.databaseName });
    new CfnOutput(this, 'AthenaWorkGroup', { value: sql.workgroupName });
    new CfnOutput(this, 'ApiUrl', {
      value: readers.apiUrl.url,
      description: 'IAM-signed requests only (SigV4, service "lambda"); see docs/deploy-aws.md',
    });
    new CfnOutput(this, 'ApiCallerPolicyArn', {
      value: readers.apiCallerPolicy.managedPolicyArn,
      description: 'Attach to the users or roles that may call the API',
    });
  }
}
