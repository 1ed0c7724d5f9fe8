// A batch as CSV text for the engine to read back as all-VARCHAR columns: empty unquoted
// fields are NULL, quoted ones are text (so '' and ' Paid ' survive), quotes are doubled.
// The text comes in pieces of a few hundred kilobytes, each made flat as soon as it is full,
// so that a large batch does not leave millions of short-lived strings for the collector.

import type { ColumnType } from '../../core/source-tables.js';
import type { WorldBatch } from './world-batch.js';

/** Types whose generated text never needs quoting (digits, dashes, colons, dots, spaces inside). */
const SAFE_TEXT: ReadonlySet<ColumnType> = new Set(['bigint', 'int', 'decimal', 'timestamp', 'date', 'boolean']);
const NEEDS_QUOTES = /[",\n\r]|^\s|\s$/;
const PIECE_CHARS = 256 * 1024;

export function batchCsv(batch: Pick<WorldBatch, 'columns' | 'rows'>): string[] {
  const safe = batch.columns.map((column) => SAFE_TEXT.has(column.type));
  const width = batch.columns.length;
  const pieces: string[] = [];
  let piece = '';
  for (const row of batch.rows) {
    for (let c = 0; c < width; c++) {
      if (c > 0) piece += ',';
      const value = row[c] ?? null;
      if (value === null) continue;
      if (typeof value !== 'string') piece += String(value);
      else if (safe[c] || (value.length > 0 && !NEEDS_QUOTES.test(value))) piece += value;
      else piece += `"${value.replace(/"/g, '""')}"`;
    }
    piece += '\n';
    if (piece.length >= PIECE_CHARS) {
      piece.charCodeAt(0);
      pieces.push(piece);
      piece = '';
    }
  }
  if (piece.length > 0) pieces.push(piece);
  return pieces;
}
