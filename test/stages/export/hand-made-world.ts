// Small, deterministic batches for every contract table, derived from SOURCE_TABLES: every
// value MySQL accepts, with the awkward ones on purpose (emoji, tabs, newlines, backslashes,
// NULLs, BIGINTs past 2^53, microseconds, the largest DECIMAL(12,2)).

import { type ColumnSpec, SOURCE_TABLES, type SourceTableName } from '../../../src/core/source-tables.js';
import type { BatchValue, WorldBatch } from '../../../src/stages/generate/world-batch.js';

// Eight values against NULL on every seventh row, so that each value also occurs non-NULL.
const FREE_TEXT = [
  'call me 😀',
  'tab\there',
  'line\nbreak',
  'back\\slash, \\N',
  'Grüße 🇩🇪 ✓',
  'it\'s "quoted"',
  '',
  'crlf\r\nend',
];
const BIG = 9_007_199_254_740_993n; // 2^53 + 1: a double cannot hold it

export interface HandMadeOptions {
  readonly rows: number;
  /** First primary key offset (for later batches that add or update rows). */
  readonly firstId?: number;
  /** The `updated_at` of every row; otherwise spread over 2025. */
  readonly updatedAt?: string;
  readonly batchId?: string;
}

export function handMadeBatch(table: SourceTableName, options: HandMadeOptions): WorldBatch {
  const spec = SOURCE_TABLES[table];
  const first = options.firstId ?? 0;
  const rows: BatchValue[][] = [];
  for (let i = first; i < first + options.rows; i++) {
    rows.push(
      spec.columns.map((column) => valueFor(column, i, spec.primaryKey === column.name, options.updatedAt)),
    );
  }
  return {
    table,
    dt: '2025-06-01',
    batchId: options.batchId ?? `hand-${table}-${first}`,
    columns: spec.columns.map(({ name, type }) => ({ name, type })),
    rows,
    mysqlLoadable: true,
  };
}

export function handMadeWorld(rowsPerTable: number): WorldBatch[] {
  return (Object.keys(SOURCE_TABLES) as SourceTableName[]).map((table) =>
    handMadeBatch(table, { rows: rowsPerTable }),
  );
}

export function timestampOf(i: number): string {
  const ms = Date.UTC(2025, 0, 1) + ((i * 7_919_993) % (364 * 86_400_000));
  const iso = new Date(ms).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}.${String((i * 104_729) % 1_000_000).padStart(6, '0')}`;
}

function valueFor(column: ColumnSpec, i: number, isKey: boolean, updatedAt: string | undefined): BatchValue {
  if (isKey) return BIG + BigInt(i);
  if (!column.notNull && i % 7 === 3) return null;
  if (column.name === 'updated_at' && updatedAt) return updatedAt;
  if (column.enumValues) return column.enumValues[i % column.enumValues.length] ?? null;
  if (column.letterCode === 2) return ['DE', 'US', 'FR', 'JP'][i % 4] ?? 'DE';
  if (column.letterCode === 3) return ['EUR', 'USD', 'JPY'][i % 3] ?? 'EUR';
  switch (column.type) {
    case 'bigint':
      return i % 5 === 0 ? BIG * 100n + BigInt(i) : BigInt(i % 1000);
    case 'int':
      return 1 + (i % 9);
    case 'decimal':
      return ['9999999999.99', '0.01', '0.00', '123.45', '-7.10'][i % 5] ?? '1.00';
    case 'timestamp':
      return timestampOf(i);
    case 'date':
      return `19${String(50 + (i % 50)).padStart(2, '0')}-0${1 + (i % 9)}-1${i % 10}`;
    case 'boolean':
      return i % 3 !== 0;
    case 'string':
      return stringFor(column, i);
  }
}

function stringFor(column: ColumnSpec, i: number): string {
  if (column.sensitivity === 'free_text') return `${FREE_TEXT[i % FREE_TEXT.length] ?? ''}`.slice(0, 30);
  if (column.sensitivity === 'ssn') return `${100 + (i % 800)}-${10 + (i % 80)}-${1000 + i}`.slice(0, 11);
  if (column.name === 'card_expiry') return `${String(1 + (i % 12)).padStart(2, '0')}/2${i % 10}`;
  if (column.name === 'card_cvv') return String(100 + (i % 900));
  if (column.name === 'sku') return `SKU-${i}`;
  if (column.sensitivity === 'email') return `user${i}@exämple.com`;
  return `v${i % 1000}é😀`;
}
