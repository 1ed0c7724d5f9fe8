// One error type for the whole lake: a stable code, whether a retry can help, the context
// (run id, object key) and the cause. The API edge maps codes to HTTP statuses.

export const ERROR_CODES = [
  'config_invalid',
  'hmac_key_missing',
  'invalid_key',
  'object_not_found',
  'object_corrupt',
  'schema_mismatch',
  'transient_io',
  'handler_failed',
  'not_found',
  'invalid_argument',
  'access_denied',
  'object_exists',
  'sql_refused',
  'sql_invalid',
  'sql_failed',
  'sql_timeout',
  'unauthorized',
  'payload_too_large',
  'not_ready',
  'sql_canceled',
  'llm_failed',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorContext {
  readonly runId?: string;
  readonly bucket?: string;
  readonly key?: string;
  readonly table?: string;
  readonly [name: string]: unknown;
}

export class ShoplakeError extends Error {
  readonly code: ErrorCode;
  readonly retryable: boolean;
  readonly context: ErrorContext;

  constructor(
    code: ErrorCode,
    message: string,
    options: { retryable?: boolean; context?: ErrorContext; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'ShoplakeError';
    this.code = code;
    this.retryable = options.retryable ?? code === 'transient_io';
    this.context = options.context ?? {};
  }

  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      retryable: this.retryable,
      context: this.context,
    };
  }
}

/** Transient unless it says otherwise: an unknown failure deserves a retry before dead-lettering. */
export function isRetryable(error: unknown): boolean {
  return error instanceof ShoplakeError ? error.retryable : true;
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
