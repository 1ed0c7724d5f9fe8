// An outcome as wire messages: settings it changed, a warning, the row description, the rows
// (each column in the format the client bound: text unless it asked for binary) and the
// completion.

import { ShoplakeError } from '../../core/shoplake-error.js';
import type { JsonValue } from '../../ports/sql-engine.js';
import * as msg from './pg-backend-messages.js';
import { pgBinary } from './pg-binary-value.js';
import { pgError } from './pg-error.js';
import type { PgColumn, PgOutcome } from './pg-outcome.js';
import { pgText } from './pg-text-value.js';

export type FormatCode = 0 | 1;

/** Bind's result formats for `count` columns: none means text, one applies to all, else one each. */
export function resultFormats(codes: readonly number[], count: number): FormatCode[] {
  if (codes.some((code) => code !== 0 && code !== 1)) {
    throw invalid(`result format codes must be 0 (text) or 1 (binary), not ${codes.join(', ')}`);
  }
  if (codes.length === 0) return Array<FormatCode>(count).fill(0);
  if (codes.length === 1) return Array<FormatCode>(count).fill(codes[0] as FormatCode);
  if (codes.length !== count) throw invalid(`${codes.length} result formats for ${count} columns`);
  return codes as FormatCode[];
}

export function describeColumns(columns: readonly PgColumn[], formats: readonly FormatCode[]): Buffer {
  const fields: msg.PgField[] = columns.map((column, i) => ({ ...column, format: formats[i] ?? 0 }));
  return msg.rowDescription(fields);
}

/** DataRow messages for `rows`, concatenated. */
export function encodeRows(
  columns: readonly PgColumn[],
  rows: readonly (readonly JsonValue[])[],
  formats: readonly FormatCode[],
): Buffer {
  const messages = rows.map((row) =>
    msg.dataRow(
      columns.map((column, i) => {
        const value = row[i] ?? null;
        if (value === null) return null;
        if (formats[i] === 1) return pgBinary(value, column.type);
        return Buffer.from(pgText(value, column.type) ?? '', 'utf8');
      }),
    ),
  );
  return Buffer.concat(messages);
}

function invalid(reason: string): ShoplakeError {
  return new ShoplakeError('invalid_argument', `Bind refused: ${reason}.`, { retryable: false });
}

/**
 * The messages for `outcome`'s rows from `from` on (at most `limit`): PortalSuspended when rows
 * remain, else CommandComplete (EmptyQueryResponse for an empty statement).
 */
export function outcomeMessages(
  outcome: PgOutcome,
  formats: readonly FormatCode[],
  window: { readonly from: number; readonly limit: number; readonly withDescription: boolean },
): { bytes: Buffer; rows: number } {
  const { from, limit, withDescription } = window;
  const parts: Buffer[] = outcome.reported.map(([name, value]) => msg.parameterStatus(name, value));
  if (outcome.warning && from === 0)
    parts.push(msg.noticeResponse(pgError('01000', outcome.warning, 'WARNING')));
  const rows = outcome.rows.slice(from, from + Math.min(limit, outcome.rows.length));
  if (outcome.columns) {
    if (withDescription) parts.push(describeColumns(outcome.columns, formats));
    parts.push(encodeRows(outcome.columns, rows, formats));
  }
  if (outcome.tag === undefined) parts.push(msg.emptyQueryResponse());
  else if (from + rows.length < outcome.rows.length) parts.push(msg.portalSuspended());
  else parts.push(msg.commandComplete(outcome.tag));
  return { bytes: Buffer.concat(parts), rows: rows.length };
}
