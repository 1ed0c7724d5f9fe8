// Rows are arrays in the order of the table's columns in source-tables.ts. Builders name the
// columns they fill; the names are checked against the schema once, at module load.

import { SOURCE_TABLES, type SourceTableName } from '../../core/source-tables.js';
import type { BatchValue } from './world-batch.js';

export type MutableRow = BatchValue[];

/** Column positions by name, e.g. `columnSlots('orders', ['order_id', 'status'])`. */
export function columnSlots<const K extends string>(
  table: SourceTableName,
  names: readonly K[],
): Readonly<Record<K, number>> {
  const columns = SOURCE_TABLES[table].columns;
  const slots = {} as Record<K, number>;
  for (const name of names) {
    const index = columns.findIndex((column) => column.name === name);
    if (index < 0) throw new Error(`${table} has no column ${name}`);
    slots[name] = index;
  }
  return slots;
}

/** One column's position. */
export function slotOf(table: SourceTableName, column: string): number {
  const index = SOURCE_TABLES[table].columns.findIndex((c) => c.name === column);
  if (index < 0) throw new Error(`${table} has no column ${column}`);
  return index;
}

const EMPTY_ROWS = new Map<SourceTableName, readonly BatchValue[]>();

/** A row of NULLs (a packed array: slicing a template is faster than filling a new one). */
export function emptyRow(table: SourceTableName): MutableRow {
  let template = EMPTY_ROWS.get(table);
  if (!template) {
    template = SOURCE_TABLES[table].columns.map(() => null);
    EMPTY_ROWS.set(table, template);
  }
  return template.slice();
}

export function primaryKeySlot(table: SourceTableName): number {
  const spec = SOURCE_TABLES[table];
  return spec.columns.findIndex((column) => column.name === spec.primaryKey);
}
