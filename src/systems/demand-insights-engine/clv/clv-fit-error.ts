// The one way the CLV models fail: a typed reason instead of NaN parameters or predictions.

import type { ErrorContext } from '../../../core/shoplake-error.js';
import { ShoplakeError } from '../../../core/shoplake-error.js';

export const CLV_FAILURE_REASONS = [
  'invalid_options',
  'invalid_transaction',
  'no_customers',
  'no_repeat_customers',
  'did_not_converge',
  'non_finite',
] as const;
export type ClvFailureReason = (typeof CLV_FAILURE_REASONS)[number];

export function isClvFailureReason(value: unknown): value is ClvFailureReason {
  return typeof value === 'string' && (CLV_FAILURE_REASONS as readonly string[]).includes(value);
}

// Bad input is the caller's to fix; a fit that diverges is the data's shape, not a passing fault,
// so neither is retryable.
const DATA_PROBLEMS: readonly ClvFailureReason[] = [
  'invalid_options',
  'invalid_transaction',
  'no_customers',
  'no_repeat_customers',
];

export class ClvFitError extends ShoplakeError {
  readonly reason: ClvFailureReason;

  constructor(
    reason: ClvFailureReason,
    message: string,
    options: { context?: ErrorContext; cause?: unknown } = {},
  ) {
    super(DATA_PROBLEMS.includes(reason) ? 'invalid_argument' : 'handler_failed', message, {
      retryable: false,
      context: { ...options.context, reason },
      cause: options.cause,
    });
    this.name = 'ClvFitError';
    this.reason = reason;
  }
}
