// Checks on the SQL text before the parser sees it: size and characters only, never syntax
// (the parse tree decides what the query does).

import { ShoplakeError } from '../../core/shoplake-error.js';

/** Longer SQL than this is refused before parsing (a hand-written query is a few KB). */
export const MAX_SQL_BYTES = 64 * 1024;

/** Throws `sql_refused` for empty or oversized text, or a control character other than tab and newlines. */
export function checkSqlText(sql: unknown): string {
  if (typeof sql !== 'string') refuse('the SQL must be a string');
  if (sql.trim() === '') refuse('the SQL is empty');
  const bytes = Buffer.byteLength(sql, 'utf8');
  if (bytes > MAX_SQL_BYTES) refuse(`the SQL is ${bytes} bytes, more than the ${MAX_SQL_BYTES} allowed`);
  // A NUL or other control byte could make the parser and the executor see different text.
  for (let i = 0; i < sql.length; i++) {
    const code = sql.charCodeAt(i);
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0x7f) {
      refuse(`the SQL contains the control character U+${code.toString(16).padStart(4, '0')} at offset ${i}`);
    }
  }
  return sql;
}

function refuse(reason: string): never {
  throw new ShoplakeError('sql_refused', `Query refused: ${reason}.`, { retryable: false });
}
