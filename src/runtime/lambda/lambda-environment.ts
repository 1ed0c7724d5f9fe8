// Builds what every entry point needs, once per container: config, the AWS composition root
// pointed at S3 (or a test endpoint), a stdout logger, and the HMAC key from Secrets Manager.

import { join } from 'node:path';
import { createStdoutLogger } from '../../adapters/pino/pino-logger.js';
import { loadConfig } from '../../config/load-config.js';
import { ShoplakeError } from '../../core/shoplake-error.js';
import type { Logger } from '../../ports/logger.js';
import { type AwsEnvironment, createAwsEnvironment } from '../aws-environment.js';
import { type LambdaSettings, lambdaSettings } from './lambda-settings.js';
import { readSecret } from './read-secret.js';

export interface LambdaEnvironment extends AwsEnvironment {
  readonly settings: LambdaSettings;
  readonly logger: Logger;
}

export function createLambdaEnvironment(env: NodeJS.ProcessEnv, handler: string): LambdaEnvironment {
  const settings = lambdaSettings(env);
  // dataDir is unused on AWS, but the schema resolves it: keep it on the writable disk.
  const config = loadConfig({ env, overrides: { dataDir: join(settings.scratchDir, 'shoplake') } });
  const logger = createStdoutLogger(config.logLevel).child({ handler });
  const aws = createAwsEnvironment(config, {
    region: settings.region,
    ...(settings.s3Endpoint ? { endpoint: settings.s3Endpoint, forcePathStyle: true } : {}),
    scratchDir: join(settings.scratchDir, 'shoplake-scratch'),
    spillDir: join(settings.scratchDir, 'shoplake-spill'),
    logger,
  });
  return { ...aws, settings, logger };
}

/** The key from SHOPLAKE_HMAC_KEY (tests) or the secret; the pipeline refuses to run unkeyed. */
export async function lambdaHmacKey(environment: LambdaEnvironment): Promise<string> {
  if (environment.config.hmacKey) return environment.config.hmacKey;
  const arn = environment.settings.hmacSecretArn;
  if (!arn) {
    throw new ShoplakeError(
      'hmac_key_missing',
      'Set SHOPLAKE_HMAC_SECRET_ARN (the stack does) or SHOPLAKE_HMAC_KEY.',
      {
        retryable: false,
      },
    );
  }
  return readSecret(arn, environment.settings.region);
}

/**
 * Memoises an async builder per container; a failed build is forgotten so the next
 * invocation tries again (a secret read can fail transiently at cold start).
 */
export function oncePerContainer<T>(build: () => Promise<T>): () => Promise<T> {
  let built: Promise<T> | undefined;
  return () => {
    built ??= build().catch((error: unknown) => {
      built = undefined;
      throw error;
    });
    return built;
  };
}
