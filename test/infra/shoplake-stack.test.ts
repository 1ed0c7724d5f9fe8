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

  it('gives the pipeline functions 3008 MB and the configured timeout, raw-to-curated one at a time', () => {
    // CDK's own S3-notifications helper has no environment; the SQL functions run Athena.
    const functions = template.findResources('AWS::Lambda::Function', {
      Properties: {
        Runtime: 'nodejs22.x',
        Environment: { Variables: Match.objectLike({ SHOPLAKE_HMAC_SECRET_ARN: Match.anyValue() }) },
      },
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
    template.resourceCountIs('AWS::CloudWatch::Alarm', 5 * 3 + 2);
    template.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
  });

  it('registers the catalog into Glue from a scheduled function (no Glue crawlers) and sets up Athena', () => {
    template.resourceCountIs('AWS::Glue::Database', 1);
    template.hasResourceProperties('AWS::Glue::Database', { DatabaseInput: { Name: 'acme_lake' } });
    template.resourceCountIs('AWS::Glue::Crawler', 0);
    template.hasResourceProperties('AWS::Athena::WorkGroup', {
      Name: 'acme-lake-workgroup',
      WorkGroupConfiguration: Match.objectLike({ EnforceWorkGroupConfiguration: true }),
    });
    template.hasResourceProperties('AWS::Events::Rule', { ScheduleExpression: 'rate(15 minutes)' });
    const catalog = functionNamed('catalog');
    expect(catalog.Properties.Environment.Variables).toMatchObject({
      SHOPLAKE_SQL_ENGINE: 'athena',
      SHOPLAKE_GLUE_DATABASE: 'acme_lake',
    });
    const actions = statementsOf(catalog.Properties.Role).flatMap((s) => [s.Action].flat());
    expect(actions).toEqual(
      expect.arrayContaining(['glue:CreateTable', 'glue:UpdateTable', 'glue:BatchCreatePartition']),
    );
    // It writes only the catalog object into curated, nothing into the prod buckets.
    const puts = statementsOf(catalog.Properties.Role).filter((s) =>
      [s.Action].flat().some((a) => String(a).startsWith('s3:PutObject')),
    );
    expect(puts).toHaveLength(1);
    expect(JSON.stringify(puts[0]?.Resource)).toContain('/_catalog/*');
  });

  it('serves the API from a Function URL that only IAM-signed requests reach', () => {
    template.resourceCountIs('AWS::Lambda::Url', 1);
    template.hasResourceProperties('AWS::Lambda::Url', { AuthType: 'AWS_IAM' });
    // No resource policy opens the function to everyone.
    for (const permission of Object.values(template.findResources('AWS::Lambda::Permission'))) {
      const props = (permission as { Properties: { Principal?: unknown; FunctionUrlAuthType?: string } })
        .Properties;
      expect(props.Principal === '*' && props.FunctionUrlAuthType === 'NONE').toBe(false);
    }
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      PolicyDocument: {
        Statement: [
          Match.objectLike({
            Action: ['lambda:InvokeFunctionUrl', 'lambda:InvokeFunction'],
            Effect: 'Allow',
          }),
        ],
      },
    });
    template.hasOutput('ApiUrl', Match.anyValue());
  });

  it('lets the API function use only its workgroup and the Glue database, read-only', () => {
    const api = functionNamed('api');
    expect(api.Properties).toMatchObject({ MemorySize: 1024, Timeout: 60 });
    const statements = statementsOf(api.Properties.Role);
    const athena = statements.find((s) => [s.Action].flat().includes('athena:StartQueryExecution'));
    expect(JSON.stringify(athena?.Resource)).toContain(':workgroup/acme-lake-workgroup');
    const glueActions = statements
      .flatMap((s) => [s.Action].flat())
      .filter((a) => String(a).startsWith('glue:'));
    expect(glueActions.length).toBeGreaterThan(0);
    expect(glueActions.every((a) => /^glue:Get/.test(String(a)))).toBe(true);
    // No writes to the lake: puts only into the Athena results bucket.
    const puts = statements.filter((s) =>
      [s.Action].flat().some((a) => String(a).startsWith('s3:PutObject')),
    );
    expect(puts).toHaveLength(1);
    expect(JSON.stringify(puts[0]?.Resource)).toContain('AthenaResults');
  });

  it('has no IAM statement that allows every action on every resource', () => {
    const policies = [
      ...Object.values(template.findResources('AWS::IAM::Policy')),
      ...Object.values(template.findResources('AWS::IAM::ManagedPolicy')),
    ];
    expect(policies.length).toBeGreaterThan(0);
    for (const policy of policies) {
      const statements = (policy as { Properties: { PolicyDocument: { Statement: Statement[] } } }).Properties
        .PolicyDocument.Statement;
      for (const statement of statements) {
        const actions = [statement.Action].flat().map(String);
        const resources = [statement.Resource].flat();
        const anyAction = actions.some((a) => a === '*' || a.endsWith(':*'));
        const anyResource = resources.some((r) => r === '*');
        expect(anyAction && anyResource, JSON.stringify(statement)).toBe(false);
      }
    }
  });
});

interface Statement {
  readonly Action: string | string[];
  readonly Resource: unknown;
}

/** The one function whose logical id starts with `Readers<entry>`. */
function functionNamed(entry: string): {
  Properties: {
    Role: unknown;
    Environment: { Variables: Record<string, unknown> };
    MemorySize?: number;
    Timeout?: number;
  };
} {
  const found = Object.entries(template.findResources('AWS::Lambda::Function')).filter(([id]) =>
    id.startsWith(`Readers${entry}`),
  );
  expect(found).toHaveLength(1);
  return found[0]?.[1] as never;
}

/** The statements of every inline policy attached to a function's role. */
function statementsOf(role: unknown): Statement[] {
  const roleId = (role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
  return Object.values(template.findResources('AWS::IAM::Policy'))
    .filter((p) =>
      JSON.stringify((p as { Properties: { Roles: unknown } }).Properties.Roles).includes(roleId),
    )
    .flatMap(
      (p) =>
        (p as { Properties: { PolicyDocument: { Statement: Statement[] } } }).Properties.PolicyDocument
          .Statement,
    );
}
