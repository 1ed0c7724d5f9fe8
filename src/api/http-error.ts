// Errors at the HTTP edge: the lake's error codes become statuses here and nowhere else, and
// the body is always `{ error: { code, message } }` with the message masked and no stack.

import { ShoplakeError } from '../core/shoplake-error.js';
import { maskFreeText } from '../stages/curate/masking/mask-free-text.js';

const STATUS_OF: Readonly<Record<string, number>> = {
  sql_refused: 400,
  sql_invalid: 400,
  sql_failed: 400,
  invalid_argument: 400,
  unauthorized: 401,
  access_denied: 403,
  not_found: 404,
  method_not_allowed: 405,
  sql_timeout: 408,
  payload_too_large: 413,
  not_ready: 503,
  // Throttling or an unreachable service after the SDK's retries: the client may try again.
  transient_io: 503,
};

export interface HttpError {
  readonly status: number;
  readonly body: { readonly error: { readonly code: string; readonly message: string } };
}

/**
 * A known error keeps its code and message; anything else is a 500 whose details stay in the
 * server log, found by the request id.
 */
export function httpErrorOf(error: unknown, requestId: string): HttpError {
  if (error instanceof ShoplakeError && STATUS_OF[error.code] !== undefined) {
    return httpError(STATUS_OF[error.code] ?? 500, error.code, error.message);
  }
  return httpError(
    500,
    'internal_error',
    `Internal error; the server log has the details under request id ${requestId}.`,
  );
}

/** Codes that exist only at the edge (`method_not_allowed`, `not_ready`) are allowed here. */
export function httpError(status: number, code: string, message: string): HttpError {
  return { status, body: { error: { code, message: maskFreeText(message) } } };
}
