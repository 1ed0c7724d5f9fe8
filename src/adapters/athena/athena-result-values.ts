// Athena answers every value as text (VarCharValue) beside column metadata; this turns them
// into the SQL port's JSON values and type names, the same ones DuckDB gives: BIGINT and
// DECIMAL stay exact strings, other numbers become numbers, times stay ISO-like text.

import type { ColumnInfo, Datum } from '@aws-sdk/client-athena';
import type { JsonValue, SqlColumn } from '../../ports/sql-engine.js';

const TYPE_NAMES: Readonly<Record<string, string>> = {
  boolean: 'BOOLEAN',
  tinyint: 'TINYINT',
  smallint: 'SMALLINT',
  integer: 'INTEGER',
  int: 'INTEGER',
  bigint: 'BIGINT',
  real: 'FLOAT',
  float: 'FLOAT',
  double: 'DOUBLE',
  varchar: 'VARCHAR',
  char: 'VARCHAR',
  string: 'VARCHAR',
  date: 'DATE',
  timestamp: 'TIMESTAMP',
  'timestamp with time zone': 'TIMESTAMP WITH TIME ZONE',
  varbinary: 'BLOB',
};

const SMALL_INTEGERS = new Set(['tinyint', 'smallint', 'integer', 'int']);
const FLOATS = new Set(['real', 'float', 'double']);

/** Our column (name and DuckDB-style type name) for Athena's column info. */
export function sqlColumnOf(info: ColumnInfo): SqlColumn {
  const athena = (info.Type ?? 'varchar').toLowerCase();
  const type =
    athena === 'decimal'
      ? `DECIMAL(${info.Precision ?? 38},${info.Scale ?? 0})`
      : (TYPE_NAMES[athena] ?? athena.toUpperCase());
  return { name: info.Label || info.Name || '', type };
}

/** One value: a missing VarCharValue is SQL NULL (an empty string is an empty VARCHAR). */
export function jsonValueOf(datum: Datum | undefined, info: ColumnInfo): JsonValue {
  const text = datum?.VarCharValue;
  if (text === undefined) return null;
  const athena = (info.Type ?? 'varchar').toLowerCase();
  if (athena === 'boolean') return text === 'true';
  if (SMALL_INTEGERS.has(athena)) return Number(text);
  if (FLOATS.has(athena)) {
    const n = Number(text);
    // JSON has no NaN or Infinity: they stay text, as DuckDB gives them.
    return Number.isFinite(n) ? n : text;
  }
  // Athena writes UTC as ` UTC`; DuckDB (and the local engine's answers) as `+00`.
  if (athena === 'timestamp with time zone') return text.replace(/ UTC$/, '+00');
  // bigint and decimal stay exact; arrays, maps and rows stay in Athena's own text form.
  return text;
}

/** True for the first row of a SELECT's first page, which repeats the column labels. */
export function isHeaderRow(data: readonly Datum[] | undefined, columns: readonly ColumnInfo[]): boolean {
  if (!data || data.length !== columns.length) return false;
  return columns.every((c, i) => data[i]?.VarCharValue === (c.Label || c.Name));
}
