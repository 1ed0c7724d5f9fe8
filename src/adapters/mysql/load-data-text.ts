// The text LOAD DATA reads: one line per row, tab between fields, `\N` for NULL, and the
// backslash escapes that keep tabs, newlines, NULs and backslashes inside a value intact.

import type { ColumnType } from '../../core/source-tables.js';
import type { BatchValue } from '../../stages/generate/world-batch.js';

/** The clause that matches `loadDataLines`. */
export const LOAD_DATA_FORMAT =
  "CHARACTER SET utf8mb4 FIELDS TERMINATED BY '\\t' ESCAPED BY '\\\\' LINES TERMINATED BY '\\n'";

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;
const SPECIAL = /[\\\t\n\r\0]/;
const SPECIAL_ALL = /[\\\t\n\r\0]/g;
const ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\\\',
  '\t': '\\t',
  '\n': '\\n',
  '\r': '\\r',
  '\0': '\\0',
};

export function loadDataField(value: BatchValue, type: ColumnType): string {
  if (value === null) return '\\N';
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (typeof value !== 'string') return String(value);
  // ISO text ('2026-01-02T03:04:05.123456Z') is UTC like the session; MySQL wants the space form.
  const text =
    type === 'timestamp' && ISO_UTC.test(value) ? `${value.slice(0, 10)} ${value.slice(11, -1)}` : value;
  return SPECIAL.test(text) ? text.replace(SPECIAL_ALL, (c) => ESCAPES[c] ?? c) : text;
}

/** Chunks of about `chunkBytes` characters of LOAD DATA text for the rows. */
export function* loadDataLines(
  rows: readonly (readonly BatchValue[])[],
  types: readonly ColumnType[],
  chunkBytes = 1 << 20,
): Generator<string> {
  let chunk = '';
  for (const row of rows) {
    let line = '';
    for (let i = 0; i < row.length; i++) {
      if (i > 0) line += '\t';
      line += loadDataField(row[i] ?? null, types[i] ?? 'string');
    }
    chunk += `${line}\n`;
    if (chunk.length >= chunkBytes) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk.length > 0) yield chunk;
}
