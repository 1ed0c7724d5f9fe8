// The CDK app: reads context (cdk.json or `-c key=value`), bundles the Lambdas offline and
// builds the stack. `npm run cdk:synth` / `npx cdk deploy` from infra/.

import { App } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { bundleLambda, LAMBDA_ARCHITECTURES, type LambdaArchitecture } from './bundle-lambdas.js';
import { ShoplakeStack } from './shoplake-stack.js';

const app = new App();
const context = (key: string): string | undefined => {
  const value: unknown = app.node.tryGetContext(key);
  return value === undefined || value === null ? undefined : String(value);
};
const number = (key: string): number | undefined => {
  const text = context(key);
  if (text === undefined) return undefined;
  const n = Number(text);
  if (!Number.isFinite(n) || n <= 0)
    throw new Error(`Context ${key} must be a positive number, got "${text}".`);
  return n;
};

const architecture = (context('architecture') ?? 'x86_64') as LambdaArchitecture;
if (!LAMBDA_ARCHITECTURES.includes(architecture)) {
  throw new Error(`Context architecture must be one of ${LAMBDA_ARCHITECTURES.join(', ')}.`);
}

new ShoplakeStack(app, context('stackName') ?? 'Shoplake', {
  bucketPrefix: context('bucketPrefix') ?? 'shoplake',
  architecture,
  memoryMb: number('memoryMb'),
  timeoutMinutes: number('timeoutMinutes'),
  rawRetentionDays: number('rawRetentionDays'),
  codeFor: (entry) => lambda.Code.fromAsset(bundleLambda(entry, architecture)),
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
});
