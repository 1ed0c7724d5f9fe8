// The functions SQL readers use: the catalog function (every 15 minutes: crawl the lake on S3,
// register its tables into Glue) and the API function (`shoplake serve`'s routes, Athena as
// the engine) behind a Function URL that only IAM-signed requests reach. Grants are exact:
// one workgroup, one Glue database, the buckets each function reads or writes.

import { Duration, Stack } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { LambdaEntry } from './bundle-lambdas.js';
import type { CatalogAndSql } from './catalog-and-sql.js';
import type { LakeBuckets } from './lake-buckets.js';

export interface SqlFunctionsProps {
  readonly bucketPrefix: string;
  readonly buckets: LakeBuckets;
  readonly sql: CatalogAndSql;
  readonly codeFor: (entry: LambdaEntry) => lambda.Code;
  readonly architecture: lambda.Architecture;
}

/** What Athena's caller needs for one query, on the workgroup only. */
const ATHENA_QUERY_ACTIONS = [
  'athena:StartQueryExecution',
  'athena:GetQueryExecution',
  'athena:GetQueryResults',
  'athena:StopQueryExecution',
  'athena:GetWorkGroup',
];
const GLUE_READ_ACTIONS = [
  'glue:GetDatabase',
  'glue:GetTable',
  'glue:GetTables',
  'glue:GetPartition',
  'glue:GetPartitions',
];
const GLUE_WRITE_ACTIONS = [
  'glue:CreateTable',
  'glue:UpdateTable',
  'glue:DeleteTable',
  'glue:BatchCreatePartition',
  'glue:BatchDeletePartition',
];

export class SqlFunctions extends Construct {
  readonly api: lambda.Function;
  readonly apiUrl: lambda.FunctionUrl;
  readonly catalog: lambda.Function;
  /** Attach to the users or roles that may call the API. */
  readonly apiCallerPolicy: iam.ManagedPolicy;

  constructor(scope: Construct, id: string, props: SqlFunctionsProps) {
    super(scope, id);
    const { buckets, sql } = props;
    const stack = Stack.of(this);
    const glueResources = [
      stack.formatArn({ service: 'glue', resource: 'catalog' }),
      stack.formatArn({ service: 'glue', resource: 'database', resourceName: sql.databaseName }),
      stack.formatArn({ service: 'glue', resource: 'table', resourceName: `${sql.databaseName}/*` }),
    ];
    const environment = {
      SHOPLAKE_BUCKET_PREFIX: props.bucketPrefix,
      SHOPLAKE_SQL_ENGINE: 'athena',
      SHOPLAKE_GLUE_DATABASE: sql.databaseName,
      SHOPLAKE_ATHENA_WORKGROUP: sql.workgroupName,
      SHOPLAKE_SCRATCH_DIR: '/tmp',
      NODE_OPTIONS: '--enable-source-maps --max-semi-space-size=32',
    };
    const fn = (entry: LambdaEntry, memoryMb: number, timeout: Duration, env: Record<string, string> = {}) =>
      new lambda.Function(this, entry, {
        runtime: lambda.Runtime.NODEJS_22_X,
        architecture: props.architecture,
        code: props.codeFor(entry),
        handler: 'index.handler',
        memorySize: memoryMb,
        timeout,
        logGroup: new logs.LogGroup(this, `${entry}-logs`, { retention: logs.RetentionDays.ONE_MONTH }),
        environment: { ...environment, ...env },
      });

    // The crawl reads Parquet footers with DuckDB, so it gets room; one run at a time.
    this.catalog = fn('catalog', 2048, Duration.minutes(10));
    buckets.curated.grantRead(this.catalog);
    for (const bucket of buckets.prod.values()) bucket.grantRead(this.catalog);
    buckets.curated.grantPut(this.catalog, '_catalog/*');
    this.catalog.addToRolePolicy(
      new iam.PolicyStatement({
        actions: [...GLUE_READ_ACTIONS, ...GLUE_WRITE_ACTIONS],
        resources: glueResources,
      }),
    );
    new events.Rule(this, 'CatalogSchedule', {
      schedule: events.Schedule.rate(Duration.minutes(15)),
      targets: [new targets.LambdaFunction(this.catalog, { retryAttempts: 0 })],
    });

    // Queries run in Athena: the function only parses, polls and pages, so it stays small.
    this.api = fn('api', 1024, Duration.seconds(60), { SHOPLAKE_API_QUERY_TIMEOUT_MS: '50000' });
    this.api.addToRolePolicy(
      new iam.PolicyStatement({
        actions: ATHENA_QUERY_ACTIONS,
        resources: [
          stack.formatArn({ service: 'athena', resource: 'workgroup', resourceName: sql.workgroupName }),
        ],
      }),
    );
    this.api.addToRolePolicy(
      new iam.PolicyStatement({ actions: GLUE_READ_ACTIONS, resources: glueResources }),
    );
    // Athena reads the tables and writes results with the caller's permissions.
    buckets.curated.grantRead(this.api);
    for (const bucket of buckets.prod.values()) bucket.grantRead(this.api);
    sql.results.grantRead(this.api);
    sql.results.grantPut(this.api);

    // Never public: AWS checks the SigV4 signature and the caller's IAM permission first.
    this.apiUrl = this.api.addFunctionUrl({ authType: lambda.FunctionUrlAuthType.AWS_IAM });
    this.apiCallerPolicy = new iam.ManagedPolicy(this, 'ApiCallerPolicy', {
      description: 'May call the shoplake API Function URL (IAM-signed requests)',
      statements: [
        new iam.PolicyStatement({
          // Function URLs created since October 2025 need both actions.
          actions: ['lambda:InvokeFunctionUrl', 'lambda:InvokeFunction'],
          resources: [this.api.functionArn],
        }),
      ],
    });
  }
}
