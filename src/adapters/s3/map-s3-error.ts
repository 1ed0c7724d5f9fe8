// Turns what the AWS SDK throws into ShoplakeErrors, so the dispatcher can tell a retry
// that may help (throttling, 5xx, a dropped connection) from one that cannot (no such key,
// access denied) without knowing anything about S3.

import { ShoplakeError } from '../../core/shoplake-error.js';

/** What was being done when S3 failed, for the message and the error context. */
export interface S3Operation {
  /** SDK command name without `Command`, e.g. 'GetObject'. */
  readonly operation: string;
  readonly bucketName: string;
  readonly key?: string;
}

const NOT_FOUND = new Set(['NoSuchKey', 'NotFound']);
const DENIED = new Set([
  'AccessDenied',
  'AllAccessDisabled',
  'InvalidAccessKeyId',
  'SignatureDoesNotMatch',
  'ExpiredToken',
  'InvalidToken',
  'TokenRefreshRequired',
  'CredentialsProviderError',
]);
const TRANSIENT = new Set([
  'SlowDown',
  'Throttling',
  'ThrottlingException',
  'RequestLimitExceeded',
  'TooManyRequestsException',
  'RequestTimeout',
  'RequestTimeoutException',
  'InternalError',
  'ServiceUnavailable',
  'TimeoutError',
  // A concurrent conditional write won the race; S3 says to retry.
  'ConditionalRequestConflict',
]);
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EAI_AGAIN',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ECONNABORTED',
  'UND_ERR_SOCKET',
]);

interface SdkErrorShape {
  readonly name?: unknown;
  readonly code?: unknown;
  readonly message?: unknown;
  readonly cause?: unknown;
  readonly $metadata?: { readonly httpStatusCode?: number };
}

/**
 * The ShoplakeError for an SDK failure, or `error` itself when it did not come from S3 or
 * the network (a local disk error, a bug), which keeps its own meaning.
 *
 * @example
 * try { await client.send(cmd) } catch (error: unknown) { throw mapS3Error(error, { operation: 'GetObject', bucketName, key }) }
 */
export function mapS3Error(error: unknown, target: S3Operation): unknown {
  if (error instanceof ShoplakeError || typeof error !== 'object' || error === null) return error;
  const shape = error as SdkErrorShape;
  // The raw HTTP response (socket, body stream) stays reachable but out of serialized causes.
  if ('$response' in error) Object.defineProperty(error, '$response', { enumerable: false });
  const name = typeof shape.name === 'string' ? shape.name : '';
  const status = shape.$metadata?.httpStatusCode;
  const where = target.key ? `${target.key} in bucket ${target.bucketName}` : `bucket ${target.bucketName}`;
  const context = {
    bucket: target.bucketName,
    ...(target.key ? { key: target.key } : {}),
    operation: target.operation,
    s3Error: name,
    ...(status ? { httpStatus: status } : {}),
  };
  const make = (code: ConstructorParameters<typeof ShoplakeError>[0], message: string, retryable: boolean) =>
    new ShoplakeError(code, message, { retryable, context, cause: error });

  if (NOT_FOUND.has(name) || (status === 404 && name !== 'NoSuchBucket'))
    return make('object_not_found', `No object ${where}.`, false);
  if (name === 'NoSuchBucket')
    return make(
      'not_found',
      `S3 bucket ${target.bucketName} does not exist: create the lake's buckets or check bucketPrefix and region.`,
      false,
    );
  if (DENIED.has(name) || status === 403)
    return make(
      'access_denied',
      `S3 denied ${target.operation} on ${where} (${name || status}): check the credentials and that the role's policy allows s3:${target.operation} on this bucket.`,
      false,
    );
  if (name === 'PreconditionFailed' || status === 412)
    return make(
      'object_exists',
      `Object ${where} already exists (conditional ${target.operation} refused).`,
      false,
    );
  if (TRANSIENT.has(name) || (status !== undefined && (status >= 500 || status === 429)))
    return make(
      'transient_io',
      `S3 ${target.operation} on ${where} failed (${name || status}); retry later.`,
      true,
    );
  const network = networkCode(error);
  if (network)
    return make(
      'transient_io',
      `Could not reach S3 for ${target.operation} on ${where} (${network}); retry later.`,
      true,
    );
  if (status !== undefined && status >= 400)
    return make(
      'invalid_argument',
      `S3 refused ${target.operation} on ${where}: ${name} ${String(shape.message ?? '')}`.trim(),
      false,
    );
  return error;
}

function networkCode(error: unknown, depth = 0): string | undefined {
  if (typeof error !== 'object' || error === null || depth > 4) return undefined;
  const { code, cause } = error as SdkErrorShape;
  if (typeof code === 'string' && NETWORK_CODES.has(code)) return code;
  // Node 20 reports a refused connection as an AggregateError of the attempts it made.
  const attempts = (error as { errors?: unknown }).errors;
  if (Array.isArray(attempts)) {
    for (const attempt of attempts) {
      const found = networkCode(attempt, depth + 1);
      if (found) return found;
    }
  }
  return networkCode(cause, depth + 1);
}
