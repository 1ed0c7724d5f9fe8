// Turns what the Glue and Athena SDK clients throw into ShoplakeErrors: throttling, 5xx and a
// dropped connection (after the SDK's own retries) are transient, a denied call names the
// permission to grant, a missing entity is `not_found`; the rest is refused input.

import { errorMessage, ShoplakeError } from '../../core/shoplake-error.js';

/** What was being done, e.g. `{ service: 'Glue', operation: 'GetTables', resource: 'database acme' }`. */
export interface AwsOperation {
  readonly service: 'Glue' | 'Athena';
  readonly operation: string;
  readonly resource: string;
}

const THROTTLED = new Set([
  'ThrottlingException',
  'TooManyRequestsException',
  'Throttling',
  'RequestLimitExceeded',
  'ProvisionedThroughputExceededException',
]);
const DENIED = new Set([
  'AccessDeniedException',
  'AccessDenied',
  'UnrecognizedClientException',
  'InvalidSignatureException',
  'ExpiredTokenException',
  'CredentialsProviderError',
]);
const NOT_FOUND = new Set(['EntityNotFoundException', 'ResourceNotFoundException']);
const NETWORK = /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|EAI_AGAIN|ENOTFOUND|EHOSTUNREACH|socket hang up/;

interface SdkErrorShape {
  readonly name?: unknown;
  readonly $metadata?: { readonly httpStatusCode?: number };
}

/**
 * A ShoplakeError passes through unchanged; anything else becomes one.
 *
 * @example
 * try { await glue.send(command) } catch (error) { throw mapAwsError(error, { service: 'Glue', operation: 'GetTables', resource: 'database acme' }) }
 */
export function mapAwsError(error: unknown, what: AwsOperation): ShoplakeError {
  if (error instanceof ShoplakeError) return error;
  const shape = (typeof error === 'object' && error !== null ? error : {}) as SdkErrorShape;
  // The raw HTTP response (socket, body stream) stays reachable but out of serialized causes.
  if (typeof error === 'object' && error !== null && '$response' in error)
    Object.defineProperty(error, '$response', { enumerable: false });
  const name = typeof shape.name === 'string' ? shape.name : 'Error';
  const status = shape.$metadata?.httpStatusCode;
  const detail = errorMessage(error);
  const context = { service: what.service, operation: what.operation, awsError: name, httpStatus: status };
  const make = (code: ConstructorParameters<typeof ShoplakeError>[0], message: string, retryable: boolean) =>
    new ShoplakeError(code, message, { retryable, context, cause: error });
  const call = `${what.service} ${what.operation} on ${what.resource}`;

  if (THROTTLED.has(name) || status === 429)
    return make(
      'transient_io',
      `${call} was throttled by AWS after retries (${name}); try again in a few seconds.`,
      true,
    );
  if (DENIED.has(name) || status === 403)
    return make(
      'access_denied',
      `${call} was denied (${name}): grant ${what.service.toLowerCase()}:${what.operation} on it to the role, or check the credentials.`,
      false,
    );
  if (NOT_FOUND.has(name)) return make('not_found', `${call}: ${detail}`, false);
  if ((status !== undefined && status >= 500) || NETWORK.test(`${name} ${detail}`))
    return make('transient_io', `${call} failed (${name}: ${detail}); retry later.`, true);
  return make('invalid_argument', `${call} was refused (${name}): ${detail}`, false);
}
