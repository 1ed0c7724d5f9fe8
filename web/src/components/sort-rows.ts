// Sorting table rows by one column: numbers (also when the API sent them as text) by value,
// text by locale, missing values last whichever the direction.

import type { Cell, Row } from '../api/api-types.js';

export type SortDirection = 'ascending' | 'descending';

export interface SortOrder {
  readonly key: string;
  readonly direction: SortDirection;
}

/** A sorted copy; rows that compare equal keep their order. */
export function sortRows(rows: readonly Row[], order: SortOrder): Row[] {
  const sign = order.direction === 'ascending' ? 1 : -1;
  return rows
    .map((row, index) => ({ row, index }))
    .sort((a, b) => {
      const x = a.row[order.key] ?? null;
      const y = b.row[order.key] ?? null;
      if (x === null || y === null) return x === y ? a.index - b.index : x === null ? 1 : -1;
      return sign * compareCells(x, y) || a.index - b.index;
    })
    .map(({ row }) => row);
}

/** Numeric when both sides read as numbers, else text order. */
export function compareCells(a: Exclude<Cell, null>, b: Exclude<Cell, null>): number {
  const x = asNumber(a);
  const y = asNumber(b);
  if (x !== null && y !== null) return x - y;
  return String(a).localeCompare(String(b), 'en', { numeric: true });
}

function asNumber(value: Exclude<Cell, null>): number | null {
  if (typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value.trim() === '' || !/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(value.trim())) return null;
  return Number(value);
}
