// The three Lambda functions and what feeds them: raw and curated S3 notifications through
// standard SQS queues (S3 cannot notify FIFO queues) with DLQs, and a 5-minute schedule for
// the export. Per-table serialisation: raw-to-curated has reserved concurrency 1, so one
// invocation at a time merges; objects queued meanwhile arrive together in the next batch.

import { Duration, Size } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3n from 'aws-cdk-lib/aws-s3-notifications';
import * as secrets from 'aws-cdk-lib/aws-secretsmanager';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { LambdaEntry } from './bundle-lambdas.js';
import type { LakeBuckets } from './lake-buckets.js';

export interface PipelineFunctionsProps {
  readonly bucketPrefix: string;
  readonly buckets: LakeBuckets;
  /** The Lambda package of each entry point (handler `index.handler`). */
  readonly codeFor: (entry: LambdaEntry) => lambda.Code;
  readonly architecture: lambda.Architecture;
  /** Default 3008 MB (DuckDB gets most of it). */
  readonly memoryMb: number;
  /** Default 15 minutes, Lambda's maximum. */
  readonly timeout: Duration;
}

export interface QueuedFunction {
  readonly fn: lambda.Function;
  readonly queue: sqs.Queue;
  readonly dlq: sqs.Queue;
}

export class PipelineFunctions extends Construct {
  readonly rawToCurated: QueuedFunction;
  readonly curatedToProd: QueuedFunction;
  readonly exporter: lambda.Function;
  readonly hmacSecret: secrets.Secret;
  readonly mysqlSecret: secrets.Secret;

  constructor(scope: Construct, id: string, props: PipelineFunctionsProps) {
    super(scope, id);
    const { buckets } = props;
    // Generated at deploy time; never in the template, the code or logs.
    this.hmacSecret = new secrets.Secret(this, 'HmacKey', {
      description: 'shoplake HMAC key for tokens (changing it changes every token)',
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
    });
    this.mysqlSecret = new secrets.Secret(this, 'MysqlUrl', {
      description: 'shoplake source: mysql://user:password@host:3306/database (set it after deploy)',
    });

    const fn = (entry: LambdaEntry, env: Record<string, string>, reserved: number | undefined) =>
      new lambda.Function(this, entry, {
        runtime: lambda.Runtime.NODEJS_22_X,
        architecture: props.architecture,
        code: props.codeFor(entry),
        handler: 'index.handler',
        memorySize: props.memoryMb,
        timeout: props.timeout,
        // DuckDB spills to /tmp; the default 512 MB is too small for big merges.
        ephemeralStorageSize: Size.mebibytes(4096),
        reservedConcurrentExecutions: reserved,
        logGroup: new logs.LogGroup(this, `${entry}-logs`, { retention: logs.RetentionDays.ONE_MONTH }),
        environment: {
          SHOPLAKE_BUCKET_PREFIX: props.bucketPrefix,
          SHOPLAKE_HMAC_SECRET_ARN: this.hmacSecret.secretArn,
          SHOPLAKE_SCRATCH_DIR: '/tmp',
          NODE_OPTIONS: '--enable-source-maps --max-semi-space-size=32',
          ...env,
        },
      });

    this.rawToCurated = this.queued(
      'RawToCurated',
      fn('raw-to-curated', {}, 1),
      props.timeout,
      Duration.seconds(30),
    );
    buckets.raw.addEventNotification(
      s3.EventType.OBJECT_CREATED,
      new s3n.SqsDestination(this.rawToCurated.queue),
      {
        suffix: '.parquet',
      },
    );
    this.hmacSecret.grantRead(this.rawToCurated.fn);
    buckets.raw.grantRead(this.rawToCurated.fn);
    buckets.curated.grantReadWrite(this.rawToCurated.fn);
    buckets.curated.grantDelete(this.rawToCurated.fn);

    // A burst of table commits becomes one run: a long batching window, one at a time.
    this.curatedToProd = this.queued(
      'CuratedToProd',
      fn('curated-to-prod', {}, 1),
      props.timeout,
      Duration.minutes(2),
    );
    buckets.curated.addEventNotification(
      s3.EventType.OBJECT_CREATED,
      new s3n.SqsDestination(this.curatedToProd.queue),
      {
        prefix: '_state/',
        suffix: '.json',
      },
    );
    buckets.curated.grantRead(this.curatedToProd.fn);
    for (const bucket of buckets.prod.values()) {
      bucket.grantReadWrite(this.curatedToProd.fn);
      bucket.grantDelete(this.curatedToProd.fn);
    }

    // One export at a time: overlapping runs would race on the watermarks.
    this.exporter = fn('export', { SHOPLAKE_MYSQL_SECRET_ARN: this.mysqlSecret.secretArn }, 1);
    this.mysqlSecret.grantRead(this.exporter);
    buckets.raw.grantReadWrite(this.exporter);
    new events.Rule(this, 'ExportSchedule', {
      schedule: events.Schedule.rate(Duration.minutes(5)),
      // A failed run is not retried: the next one starts 5 minutes later from the watermarks.
      targets: [new targets.LambdaFunction(this.exporter, { retryAttempts: 0 })],
    });
  }

  private queued(id: string, fn: lambda.Function, timeout: Duration, window: Duration): QueuedFunction {
    const dlq = new sqs.Queue(this, `${id}Dlq`, {
      retentionPeriod: Duration.days(14),
      enforceSSL: true,
      encryption: sqs.QueueEncryption.SQS_MANAGED,
    });
    const queue = new sqs.Queue(this, `${id}Queue`, {
      // AWS asks for at least 6× the function timeout, so a message is not redelivered mid-run.
      visibilityTimeout: Duration.seconds(timeout.toSeconds() * 6),
      retentionPeriod: Duration.days(4),
      enforceSSL: true,
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      deadLetterQueue: { queue: dlq, maxReceiveCount: 5 },
    });
    fn.addEventSource(
      new SqsEventSource(queue, { batchSize: 500, maxBatchingWindow: window, reportBatchItemFailures: true }),
    );
    return { fn, queue, dlq };
  }
}
