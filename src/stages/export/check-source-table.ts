// Refuses, before any row moves, a source table that cannot satisfy the raw contract: missing,
// or missing a NOT NULL contract column (the primary key and `updated_at` among them). Extra
// columns are schema drift and are exported as they are.

import { ShoplakeError } from '../../core/shoplake-error.js';
import type { TableSpec } from '../../core/source-tables.js';
import type { SourceColumn } from './source-database.js';

export const WATERMARK_COLUMN = 'updated_at';

export function checkSourceTable(
  spec: TableSpec,
  columns: readonly SourceColumn[] | undefined,
  where: string,
): readonly SourceColumn[] {
  if (!columns) {
    throw new ShoplakeError(
      'not_found',
      `The table '${spec.name}' does not exist in ${where}. Create it (seed-mysql creates every contract table) ` +
        'or leave it out with --tables.',
      { retryable: false, context: { table: spec.name } },
    );
  }
  const present = new Set(columns.map((column) => column.name));
  const missing = spec.columns
    .filter((column) => column.notNull && !present.has(column.name))
    .map((c) => c.name);
  if (missing.length > 0) {
    throw new ShoplakeError(
      'schema_mismatch',
      `The table '${spec.name}' in ${where} lacks the contract column(s) ${missing.join(', ')} ` +
        '(see source-schema.sql); add them, nothing was exported.',
      { retryable: false, context: { table: spec.name, missing } },
    );
  }
  const watermark = columns.find((column) => column.name === WATERMARK_COLUMN);
  if (watermark?.engineType !== 'TIMESTAMP') {
    throw new ShoplakeError(
      'schema_mismatch',
      `The column ${spec.name}.${WATERMARK_COLUMN} in ${where} is ${watermark?.sourceType ?? 'missing'}, ` +
        'not a DATETIME: incremental exports need it as a date and time.',
      { retryable: false, context: { table: spec.name } },
    );
  }
  return columns;
}
