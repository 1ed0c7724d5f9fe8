import { App } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { beforeAll, describe, expect, it } from 'vitest';
import { ShoplakeStack } from '../../infra/shoplake-stack.js';

let template: Template;

beforeAll(() => {
  const app = new App();
  // Inline code instead of the esbuild bundle: this test is about the resources, not the package.
  const stack = new ShoplakeStack(app, 'Test', {
    bucketPrefix: 'acme-lake',
    codeFor: () => lambda.Code.fromInline('export const handler = async () => ({});'),
    timeoutMinutes: 10,
  });
  template = Template.fromStack(stack);
});

describe('ShoplakeStack', () => {
  it('creates the seven lake buckets encrypted, versioned and private', () => {
    for (const name of ['acme-lake-raw', 'acme-lake-curated', 'acme-lake-retail-copilot-prod']) {
      template.hasResourceProperties('AWS::S3::Bucket', {
        BucketName: name,
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
        },
        VersioningConfiguration: { Status: 'Enabled' },
        PublicAccessBlockConfiguration: Match.objectLike({
          BlockPublicAcls: true,
          RestrictPublicBuckets: true,
        }),
      });
    }
    const lake = Object.values(template.findResources('AWS::S3::Bucket')).filter((b) =>
      String((b as { Properties?: { BucketName?: string } }).Properties?.BucketName ?? '').startsWith(
        'acme-lake-',
      ),
    );
    expect(lake).toHaveLength(7);
  });

  it('refuses plain-HTTP access to every bucket', () => {
    const policies = Object.values(template.findResources('AWS::S3::BucketPolicy'));
    expect(policies.length).toBeGreaterThanOrEqual(8);
    for (const policy of policies) {
      expect(JSON.stringify(policy)).toContain('"aws:SecureTransport":"false"');
    }
  });

  it('gives the functions 3008 MB and the configured timeout, raw-to-curated one at a time', () => {
    // The fourth function of the template is CDK's own S3-notifications helper.
    const functions = template.findResources('AWS::Lambda::Function', {
      Properties: { Runtime: 'nodejs22.x', Environment: Match.objectLike({}) },
    });
    expect(Object.keys(functions)).toHaveLength(3);
    for (const fn of Object.values(functions)) {
      expect(fn).toMatchObject({
        Properties: { MemorySize: 3008, Timeout: 600, ReservedConcurrentExecutions: 1 },
      });
    }
  });

  it('feeds the functions from SQS with partial batch responses and dead-letters after 5 receives', () => {
    template.resourcePropertiesCountIs(
      'AWS::Lambda::EventSourceMapping',
      { FunctionResponseTypes: ['ReportBatchItemFailures'] },
      2,
    );
    template.resourcePropertiesCountIs(
      'AWS::SQS::Queue',
      { RedrivePolicy: Match.objectLike({ maxReceiveCount: 5 }), VisibilityTimeout: 3600 },
      2,
    );
  });

  it('schedules the export every 5 minutes and keeps secrets in Secrets Manager', () => {
    template.hasResourceProperties('AWS::Events::Rule', { ScheduleExpression: 'rate(5 minutes)' });
    template.resourceCountIs('AWS::SecretsManager::Secret', 2);
  });

  it('alarms on errors, throttles and duration per function and on each DLQ', () => {
    template.resourceCountIs('AWS::CloudWatch::Alarm', 3 * 3 + 2);
    template.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
  });

  it('catalogs curated and the five prod buckets and sets up Athena', () => {
    template.resourceCountIs('AWS::Glue::Database', 1);
    template.resourceCountIs('AWS::Glue::Crawler', 6);
    template.resourceCountIs('AWS::Athena::WorkGroup', 1);
  });
});
