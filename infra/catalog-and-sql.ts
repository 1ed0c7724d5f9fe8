// Glue catalog and Athena for SQL over the lake: one database, a crawler per prod bucket and
// one for curated, and a workgroup whose results go to their own expiring bucket.

import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as athena from 'aws-cdk-lib/aws-athena';
import * as glue from 'aws-cdk-lib/aws-glue';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import type { LakeBuckets } from './lake-buckets.js';

export interface CatalogAndSqlProps {
  readonly bucketPrefix: string;
  readonly buckets: LakeBuckets;
}

export class CatalogAndSql extends Construct {
  readonly databaseName: string;
  readonly workgroupName: string;
  readonly results: s3.Bucket;

  constructor(scope: Construct, id: string, props: CatalogAndSqlProps) {
    super(scope, id);
    // Glue database names allow neither '-' nor upper case.
    this.databaseName = props.bucketPrefix.toLowerCase().replace(/[^a-z0-9_]/g, '_');
    new glue.CfnDatabase(this, 'Database', {
      catalogId: Stack.of(this).account,
      databaseInput: { name: this.databaseName, description: 'shoplake curated and prod tables' },
    });

    const role = new iam.Role(this, 'CrawlerRole', {
      assumedBy: new iam.ServicePrincipal('glue.amazonaws.com'),
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AWSGlueServiceRole')],
    });
    const crawled: [string, s3.Bucket][] = [
      ['curated', props.buckets.curated],
      ...[...props.buckets.prod].map(([system, bucket]): [string, s3.Bucket] => [system, bucket]),
    ];
    for (const [name, bucket] of crawled) {
      bucket.grantRead(role);
      new glue.CfnCrawler(this, `Crawler-${name}`, {
        name: `${props.bucketPrefix}-${name}`,
        role: role.roleArn,
        databaseName: this.databaseName,
        tablePrefix: `${name.replace(/-/g, '_')}__`,
        // Only the data: `_state/`, `_reports/`, `_runs/`, `_quarantine/` are not tables.
        targets: {
          s3Targets: [{ path: `s3://${bucket.bucketName}/`, exclusions: ['_*/**'] }],
        },
        schedule: { scheduleExpression: 'cron(15 * * * ? *)' },
        schemaChangePolicy: { updateBehavior: 'UPDATE_IN_DATABASE', deleteBehavior: 'DEPRECATE_IN_DATABASE' },
      });
    }

    this.results = new s3.Bucket(this, 'AthenaResults', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      lifecycleRules: [{ expiration: Duration.days(7) }],
      // Query results are disposable.
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.workgroupName = `${props.bucketPrefix}-workgroup`;
    new athena.CfnWorkGroup(this, 'WorkGroup', {
      name: this.workgroupName,
      workGroupConfiguration: {
        enforceWorkGroupConfiguration: true,
        // A guard on cost: one query may scan at most 10 GB.
        bytesScannedCutoffPerQuery: 10 * 1024 ** 3,
        resultConfiguration: {
          outputLocation: `s3://${this.results.bucketName}/results/`,
          encryptionConfiguration: { encryptionOption: 'SSE_S3' },
        },
      },
    });
  }
}
