// A batch as CSV text for the engine to read back as all-VARCHAR columns: empty unquoted
// fields are NULL, quoted ones are text (so '' and ' Paid ' survive), quotes are doubled.
// Lines are made with Array#join, which writes one flat string: appending field by field
// would leave a rope of short-lived string nodes per field for the collector.

import type { ColumnType } from '../../core/source-tables.js';
import type { BatchValue, WorldBatch } from './world-batch.js';

/** Types whose generated text never needs quoting (digits, dashes, colons, dots, spaces inside). */
const SAFE_TEXT: ReadonlySet<ColumnType> = new Set([
  'bigint',
  'int',
  'decimal',
  'timestamp',
  'date',
  'boolean',
]);
const NEEDS_QUOTES = /[",\n\r]|^\s|\s$/;
const LINES_PER_PIECE = 2048;

/** The CSV text in pieces of a few thousand lines (write them in order). */
export function batchCsv(batch: Pick<WorldBatch, 'columns' | 'rows'>): string[] {
  const safe = batch.columns.map((column) => SAFE_TEXT.has(column.type));
  const width = batch.columns.length;
  const cells = new Array<BatchValue>(width);
  const lines: string[] = [];
  const pieces: string[] = [];
  for (const row of batch.rows) {
    for (let c = 0; c < width; c++) {
      const value = row[c] ?? null;
      cells[c] =
        value === null
          ? ''
          : typeof value !== 'string' || safe[c] || (value.length > 0 && !NEEDS_QUOTES.test(value))
            ? value
            : `"${value.replace(/"/g, '""')}"`;
    }
    lines.push(cells.join(','));
    if (lines.length === LINES_PER_PIECE) {
      lines.push('');
      pieces.push(lines.join('\n'));
      lines.length = 0;
    }
  }
  if (lines.length > 0) {
    lines.push('');
    pieces.push(lines.join('\n'));
  }
  return pieces;
}
