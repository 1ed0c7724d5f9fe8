// The lake's seven buckets (raw, curated, one per prod system), named as the code expects
// (`<prefix>-raw`, ...), all encrypted, versioned, private and TLS-only.

import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { bucketName, CURATED, prodBucket, RAW, SYSTEMS, type SystemName } from '../src/core/zones.js';

export interface LakeBucketsProps {
  readonly bucketPrefix: string;
  /** Days raw objects are kept after curation merged them. Default 90. */
  readonly rawRetentionDays?: number;
}

export class LakeBuckets extends Construct {
  readonly raw: s3.Bucket;
  readonly curated: s3.Bucket;
  readonly prod: ReadonlyMap<SystemName, s3.Bucket>;

  constructor(scope: Construct, id: string, props: LakeBucketsProps) {
    super(scope, id);
    const rawDays = props.rawRetentionDays ?? 90;
    this.raw = lakeBucket(this, 'Raw', bucketName(props.bucketPrefix, RAW), [
      // Curated keeps the merged rows; raw is only a replay buffer.
      { id: 'expire-raw', expiration: Duration.days(rawDays), noncurrentVersionExpiration: Duration.days(7) },
    ]);
    this.curated = lakeBucket(this, 'Curated', bucketName(props.bucketPrefix, CURATED), [
      // Every merge rewrites table files; old versions are only for recovery.
      { id: 'expire-old-versions', noncurrentVersionExpiration: Duration.days(30) },
    ]);
    this.prod = new Map(
      SYSTEMS.map((system) => [
        system,
        lakeBucket(this, `Prod-${system}`, bucketName(props.bucketPrefix, prodBucket(system)), [
          { id: 'expire-old-versions', noncurrentVersionExpiration: Duration.days(30) },
        ]),
      ]),
    );
  }

  all(): s3.Bucket[] {
    return [this.raw, this.curated, ...this.prod.values()];
  }
}

function lakeBucket(scope: Construct, id: string, name: string, rules: s3.LifecycleRule[]): s3.Bucket {
  return new s3.Bucket(scope, id, {
    bucketName: name,
    encryption: s3.BucketEncryption.S3_MANAGED,
    versioned: true,
    blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
    enforceSSL: true,
    objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
    lifecycleRules: [
      ...rules,
      { id: 'abort-uploads', abortIncompleteMultipartUploadAfter: Duration.days(2) },
    ],
    // Data outlives the stack: `cdk destroy` must not delete a shop's lake.
    removalPolicy: RemovalPolicy.RETAIN,
  });
}
