// Glue catalog and Athena for SQL over the lake: one database (its tables are registered by
// the catalog function, see sql-functions.ts) and a workgroup whose results go to their own
// expiring bucket.

import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as athena from 'aws-cdk-lib/aws-athena';
import * as glue from 'aws-cdk-lib/aws-glue';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { athenaWorkgroupName, glueDatabaseName } from '../src/core/aws-names.js';

export interface CatalogAndSqlProps {
  readonly bucketPrefix: string;
}

export class CatalogAndSql extends Construct {
  readonly databaseName: string;
  readonly workgroupName: string;
  readonly results: s3.Bucket;

  constructor(scope: Construct, id: string, props: CatalogAndSqlProps) {
    super(scope, id);
    this.databaseName = glueDatabaseName(props.bucketPrefix);
    new glue.CfnDatabase(this, 'Database', {
      catalogId: Stack.of(this).account,
      databaseInput: { name: this.databaseName, description: 'shoplake curated and prod tables' },
    });

    this.results = new s3.Bucket(this, 'AthenaResults', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      lifecycleRules: [{ expiration: Duration.days(7) }],
      // Query results are disposable.
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.workgroupName = athenaWorkgroupName(props.bucketPrefix);
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
