// Rows as CSV text for the engine's CSV reader, which parses each column as its type (as a
// cast of the source's text would). NULL is an empty unquoted field; every string is quoted,
// so an empty string stays '' and '\N' stays '\N'.

import type { CsvRowBatch, SourceValue } from './source-database.js';

/** The `read_csv` settings that read back what `csvChunkText` writes. */
export const CSV_CHUNK_DIALECT =
  "header = false, delim = ',', quote = '\"', escape = '\"', nullstr = '', allow_quoted_nulls = false, auto_detect = false, new_line = '\\n'";

/**
 * @example
 * csvChunkText([[1, 'a"b', null]]) // '1,"a""b",\n'
 */
export function csvChunkText(rows: readonly (readonly SourceValue[])[]): string {
  let text = '';
  for (const row of rows) {
    for (let i = 0; i < row.length; i++) {
      const value = row[i];
      if (i > 0) text += ',';
      if (value === null || value === undefined) continue;
      if (typeof value === 'number') text += String(value);
      else text += value.includes('"') ? `"${value.replaceAll('"', '""')}"` : `"${value}"`;
    }
    text += '\n';
  }
  return text;
}

/** Rows of values as a CsvRowBatch, `newest` taken from the column at `newestOf`. */
export function csvRowBatch(rows: readonly (readonly SourceValue[])[], newestOf?: number): CsvRowBatch {
  const lines = rows.map((row) => Buffer.from(csvChunkText([row]), 'utf8'));
  let end = 0;
  let newest: string | undefined;
  for (const row of rows) {
    const value = newestOf === undefined ? null : row[newestOf];
    if (typeof value === 'string' && (newest === undefined || value > newest)) newest = value;
  }
  return {
    text: Buffer.concat(lines),
    rowEnds: Uint32Array.from(lines, (line) => (end += line.length)),
    newest,
  };
}
