// The settings for running SQL on AWS (Glue catalog, Athena engine) and choosing the engine.
// Bucket names are not set here: they follow `bucketPrefix` as the contract names them.

import { z } from 'zod';
import { GLUE_NAME } from '../core/aws-names.js';

/**
 * @example
 * { "sql": { "engine": "athena" }, "aws": { "region": "eu-west-1", "athenaOutputLocation": "s3://acme-athena-results/shoplake/" } }
 */
export const awsSettingsSchema = z
  .object({
    /** The lake's AWS region. Default: AWS_REGION or AWS_DEFAULT_REGION. */
    region: z
      .string()
      .regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'an AWS region such as "eu-west-1"')
      .optional(),
    /** One endpoint for S3, Glue and Athena instead of AWS's (an S3-compatible store, a test server). Default: AWS's. */
    endpoint: z
      .string()
      .regex(/^https?:\/\/[^\s/?#]+(\/\S*)?$/, 'an http(s) URL such as "http://127.0.0.1:9000"')
      .optional(),
    /** The Glue database of the lake's tables. Default: bucketPrefix with `-` as `_` (what the CDK stack creates). */
    glueDatabase: z
      .string()
      .regex(GLUE_NAME, 'lower-case letters, digits and _ (Glue database naming)')
      .optional(),
    /** The Athena workgroup queries run in. Default: `<bucketPrefix>-workgroup` (what the CDK stack creates). */
    athenaWorkgroup: z
      .string()
      .regex(/^[A-Za-z0-9._-]{1,128}$/, '1–128 letters, digits, ".", "_" or "-" (Athena workgroup naming)')
      .optional(),
    /** Where Athena writes results. Default: the workgroup's own location (the stack's enforces one). */
    athenaOutputLocation: z
      .string()
      .regex(
        /^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](\/.*)?$/,
        'an S3 URL such as "s3://acme-athena-results/shoplake/"',
      )
      .optional(),
  })
  .strict()
  .default({});

export const sqlSettingsSchema = z
  .object({
    /**
     * Where `shoplake query` runs SQL: `duckdb` (default; the local lake, or files downloaded
     * from S3) or `athena` (the Glue catalog's tables, in place; needs `aws.region`).
     */
    engine: z.enum(['duckdb', 'athena']).default('duckdb'),
  })
  .strict()
  .default({});

export type AwsSettings = z.output<typeof awsSettingsSchema>;
export type SqlEngineName = z.output<typeof sqlSettingsSchema>['engine'];
