// Turns whatever type a raw column arrived as (its contract type, or STRING from a hand-made
// export) into the contract type. A value that does not parse becomes NULL, which the
// validation rules then report as `required_or_type`.

import { type ColumnSpec, type ColumnType, SQL_TYPES } from '../../core/source-tables.js';

import { ident } from './sql-text.js';

const INTEGER_TYPES =
  /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT)$/;
const FLOAT_TYPES = /^(FLOAT|DOUBLE|DECIMAL.*)$/;
const TIMESTAMP_TYPES = /^TIMESTAMP(_S|_MS|_NS)?$/;

export interface ParsedColumn {
  readonly spec: ColumnSpec;
  /** The value as it arrived, or NULL when no file of the batch has the column. */
  readonly rawExpr: string;
  /** The value in its contract type, normalised (enums lower-case, codes upper-case). */
  readonly parsedExpr: string;
}

/** `rawType` is the engine's type of the column across the batch's files, undefined if absent. */
export function parseColumn(spec: ColumnSpec, rawType: string | undefined, alias = 'r'): ParsedColumn {
  const rawExpr = rawType === undefined ? 'NULL' : `${alias}.${ident(spec.name)}`;
  let parsedExpr =
    rawType === undefined ? `CAST(NULL AS ${SQL_TYPES[spec.type]})` : castTo(spec.type, rawExpr, rawType);
  if (spec.enumValues) parsedExpr = `lower(trim(${parsedExpr}))`;
  if (spec.letterCode) parsedExpr = `upper(trim(${parsedExpr}))`;
  return { spec, rawExpr, parsedExpr };
}

function castTo(type: ColumnType, raw: string, rawType: string): string {
  const text = rawType === 'VARCHAR';
  switch (type) {
    case 'bigint':
    case 'int': {
      const target = SQL_TYPES[type];
      if (INTEGER_TYPES.test(rawType)) return `TRY_CAST(${raw} AS ${target})`;
      if (text) {
        return `CASE WHEN regexp_full_match(trim(${raw}), '[+-]?[0-9]+') THEN TRY_CAST(trim(${raw}) AS ${target}) END`;
      }
      if (FLOAT_TYPES.test(rawType))
        return `CASE WHEN ${raw} = round(${raw}) THEN TRY_CAST(${raw} AS ${target}) END`;
      return `TRY_CAST(${raw} AS ${target})`;
    }
    case 'decimal':
      return text ? `TRY_CAST(trim(${raw}) AS DECIMAL(12,2))` : `TRY_CAST(${raw} AS DECIMAL(12,2))`;
    case 'timestamp':
      if (rawType === 'TIMESTAMP') return raw;
      if (text || rawType === 'TIMESTAMP WITH TIME ZONE') {
        // Text with an offset or 'Z' is converted to UTC; text without one is taken as UTC.
        return `CAST(TRY_CAST(${text ? `trim(${raw})` : raw} AS TIMESTAMPTZ) AS TIMESTAMP)`;
      }
      if (TIMESTAMP_TYPES.test(rawType) || rawType === 'DATE') return `TRY_CAST(${raw} AS TIMESTAMP)`;
      return `TRY_CAST(${raw} AS TIMESTAMP)`;
    case 'date':
      return text ? `TRY_CAST(trim(${raw}) AS DATE)` : `TRY_CAST(${raw} AS DATE)`;
    case 'boolean':
      if (rawType === 'BOOLEAN') return raw;
      if (text) {
        return (
          `CASE WHEN lower(trim(${raw})) IN ('true', 't', '1', 'yes', 'y') THEN TRUE ` +
          `WHEN lower(trim(${raw})) IN ('false', 'f', '0', 'no', 'n') THEN FALSE END`
        );
      }
      if (INTEGER_TYPES.test(rawType)) return `CASE WHEN ${raw} IN (0, 1) THEN ${raw} = 1 END`;
      return `TRY_CAST(${raw} AS BOOLEAN)`;
    case 'string':
      return text ? raw : `CAST(${raw} AS VARCHAR)`;
  }
}
