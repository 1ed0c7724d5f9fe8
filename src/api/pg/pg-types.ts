// DuckDB column types as Postgres types: the OID, size and modifier a client reads from the
// RowDescription to decide how to parse a value. Nested and exotic types travel as text (JSON).

import type { JsonValue } from '../../ports/sql-engine.js';

/** The Postgres types this endpoint sends; the OIDs are Postgres' own (pg_type.dat). */
export const PG_OID = {
  bool: 16,
  bytea: 17,
  int8: 20,
  int2: 21,
  int4: 23,
  text: 25,
  json: 114,
  float4: 700,
  float8: 701,
  varchar: 1043,
  date: 1082,
  time: 1083,
  timestamp: 1114,
  timestamptz: 1184,
  interval: 1186,
  numeric: 1700,
  uuid: 2950,
  unknown: 705,
} as const;
export type PgTypeName = keyof typeof PG_OID;

export interface PgType {
  readonly name: PgTypeName;
  readonly oid: number;
  /** Bytes of a fixed-size value, -1 for variable size. */
  readonly size: number;
  /** The type modifier: `numeric(p,s)` carries `((p << 16) | s) + 4`, others -1. */
  readonly modifier: number;
}

const SIZE: Partial<Record<PgTypeName, number>> = {
  bool: 1,
  int2: 2,
  int4: 4,
  int8: 8,
  float4: 4,
  float8: 8,
  date: 4,
  time: 8,
  timestamp: 8,
  timestamptz: 8,
  interval: 16,
  uuid: 16,
};

const BY_DUCKDB_NAME: Readonly<Record<string, PgTypeName>> = {
  BOOLEAN: 'bool',
  TINYINT: 'int2',
  SMALLINT: 'int2',
  UTINYINT: 'int2',
  INTEGER: 'int4',
  USMALLINT: 'int4',
  BIGINT: 'int8',
  UINTEGER: 'int8',
  UBIGINT: 'numeric',
  HUGEINT: 'numeric',
  UHUGEINT: 'numeric',
  FLOAT: 'float4',
  DOUBLE: 'float8',
  VARCHAR: 'text',
  JSON: 'json',
  BLOB: 'bytea',
  DATE: 'date',
  TIME: 'time',
  TIMESTAMP: 'timestamp',
  TIMESTAMP_S: 'timestamp',
  TIMESTAMP_MS: 'timestamp',
  TIMESTAMP_NS: 'timestamp',
  'TIMESTAMP WITH TIME ZONE': 'timestamptz',
  INTERVAL: 'interval',
  UUID: 'uuid',
};

/** The Postgres type for a DuckDB type name (`DECIMAL(12,2)`, `TIMESTAMP WITH TIME ZONE`, `INTEGER[]`). */
export function pgTypeOf(duckdbType: string): PgType {
  const decimal = /^DECIMAL\((\d+),\s*(\d+)\)$/i.exec(duckdbType);
  if (decimal) {
    const precision = Number(decimal[1]);
    const scale = Number(decimal[2]);
    return { ...pgType('numeric'), modifier: ((precision << 16) | scale) + 4 };
  }
  return pgType(BY_DUCKDB_NAME[duckdbType.toUpperCase()] ?? 'text');
}

export function pgType(name: PgTypeName): PgType {
  return { name, oid: PG_OID[name], size: SIZE[name] ?? -1, modifier: -1 };
}

/** The type name for an OID a client declared for a parameter, or undefined for one we do not know. */
export function pgTypeNameOf(oid: number): PgTypeName | undefined {
  return (Object.keys(PG_OID) as PgTypeName[]).find((name) => PG_OID[name] === oid);
}

const NUMERIC_TEXT = /^-?(\d+(\.\d*)?|\.\d+)$/;

/**
 * The type to announce for a column: a numeric column whose answer holds a value that is not
 * a number (the masker replaced a card-number-like value) is announced as text, so clients
 * that parse numbers do not fail on it.
 */
export function announcedType(type: PgType, values: Iterable<JsonValue>): PgType {
  if (type.name !== 'numeric' && type.name !== 'int8') return type;
  for (const value of values) {
    if (typeof value === 'string' && !NUMERIC_TEXT.test(value)) return pgType('text');
  }
  return type;
}
