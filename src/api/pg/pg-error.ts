// Errors at the Postgres edge: the lake's error codes become SQLSTATEs here and nowhere else,
// with the message masked. Anything unknown is an internal error whose details stay in the
// server log under an id the message gives.

import { ShoplakeError } from '../../core/shoplake-error.js';
import { maskFreeText } from '../../stages/curate/masking/mask-free-text.js';
import type { PgErrorFields } from './pg-backend-messages.js';

const SQLSTATE_OF: Readonly<Record<string, string>> = {
  sql_refused: '42501', // insufficient_privilege
  sql_invalid: '42601', // syntax_error
  sql_timeout: '57014', // query_canceled
  sql_canceled: '57014',
  invalid_argument: '22023', // invalid_parameter_value
  not_found: '42704', // undefined_object
  not_ready: '57P03', // cannot_connect_now
  unauthorized: '28P01', // invalid_password
  payload_too_large: '54000', // program_limit_exceeded
};

// DuckDB's error class, as the start of the engine's message, to the nearest SQLSTATE.
const ENGINE_SQLSTATE: readonly [string, string][] = [
  ['Binder Error', '42703'], // undefined_column (the usual binder complaint)
  ['Catalog Error', '42P01'], // undefined_table
  ['Parser Error', '42601'],
  ['Conversion Error', '22P02'], // invalid_text_representation
  ['Invalid Input Error', '22023'],
  ['Out of Range Error', '22003'], // numeric_value_out_of_range
  ['Divide by zero', '22012'],
  ['Out of Memory Error', '53200'],
  ['Permission Error', '42501'],
  ['Not implemented Error', '0A000'],
];

/** The ErrorResponse fields for `error`; `id` names the log record of an internal error. */
export function pgErrorOf(error: unknown, id: string): PgErrorFields {
  if (error instanceof ShoplakeError && error.code === 'sql_failed') {
    const detail = error.message.replace(/^The query failed: /, '');
    const code = ENGINE_SQLSTATE.find(([prefix]) => detail.startsWith(prefix))?.[1] ?? '42000';
    return pgError(code, error.message);
  }
  if (error instanceof ShoplakeError && SQLSTATE_OF[error.code]) {
    return pgError(SQLSTATE_OF[error.code] ?? 'XX000', error.message);
  }
  return pgError('XX000', `Internal error; the server log has the details under id ${id}.`);
}

export function pgError(code: string, message: string, severity: PgErrorFields['severity'] = 'ERROR') {
  return { severity, code, message: maskFreeText(message) } satisfies PgErrorFields;
}
