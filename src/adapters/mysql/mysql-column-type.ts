// How a MySQL column type becomes a Parquet (DuckDB) type without losing anything: integers
// widen when unsigned, decimals keep precision and scale, and what has no exact counterpart
// (TIME, spatial, very wide decimals) travels as text rather than being refused.

/** A column as information_schema.COLUMNS describes it. */
export interface MysqlColumnInfo {
  readonly name: string;
  /** DATA_TYPE, lower case: 'decimal', 'varchar', ... */
  readonly dataType: string;
  /** COLUMN_TYPE: 'decimal(12,2)', 'tinyint(1)', 'int(10) unsigned', ... */
  readonly columnType: string;
  readonly numericPrecision: number | null;
  readonly numericScale: number | null;
}

export interface MysqlColumnMapping {
  readonly engineType: string;
  /** The SELECT expression that yields a value the engine type accepts from text. */
  readonly select: string;
  /** The driver hands these over as bytes: they are sent to the engine as '\xHH' escapes. */
  readonly binary: boolean;
}

const MAX_ENGINE_DECIMAL_PRECISION = 38;
const TEXT_TYPES = new Set([
  'char',
  'varchar',
  'tinytext',
  'text',
  'mediumtext',
  'longtext',
  'enum',
  'set',
  'json',
  'time',
]);
const BINARY_TYPES = new Set(['binary', 'varbinary', 'tinyblob', 'blob', 'mediumblob', 'longblob']);
const SPATIAL_TYPES = new Set([
  'geometry',
  'point',
  'linestring',
  'polygon',
  'multipoint',
  'multilinestring',
  'multipolygon',
  'geometrycollection',
]);
const SIGNED_INTEGERS: Readonly<Record<string, readonly [signed: string, unsigned: string]>> = {
  tinyint: ['TINYINT', 'SMALLINT'],
  smallint: ['SMALLINT', 'INTEGER'],
  mediumint: ['INTEGER', 'INTEGER'],
  int: ['INTEGER', 'BIGINT'],
  integer: ['INTEGER', 'BIGINT'],
  bigint: ['BIGINT', 'DECIMAL(20,0)'],
};

export function mapMysqlColumn(column: MysqlColumnInfo): MysqlColumnMapping {
  const quoted = quoteIdentifier(column.name);
  const plain = (engineType: string): MysqlColumnMapping => ({ engineType, select: quoted, binary: false });
  const type = column.dataType.toLowerCase();
  const columnType = column.columnType.toLowerCase();
  // MySQL's BOOLEAN is TINYINT(1); the contract calls it BOOLEAN.
  if (type === 'tinyint' && columnType.startsWith('tinyint(1)')) return plain('BOOLEAN');
  const integer = SIGNED_INTEGERS[type];
  if (integer) return plain(columnType.includes('unsigned') ? integer[1] : integer[0]);
  if (type === 'decimal' || type === 'numeric') {
    const precision = column.numericPrecision ?? 10;
    const scale = column.numericScale ?? 0;
    return precision <= MAX_ENGINE_DECIMAL_PRECISION
      ? plain(`DECIMAL(${precision},${scale})`)
      : plain('VARCHAR');
  }
  if (type === 'float') return plain('FLOAT');
  if (type === 'double' || type === 'real') return plain('DOUBLE');
  if (type === 'bit') return { engineType: 'BIGINT', select: `CAST(${quoted} AS SIGNED)`, binary: false };
  if (type === 'year') return plain('INTEGER');
  if (type === 'date') return plain('DATE');
  if (type === 'datetime' || type === 'timestamp') return plain('TIMESTAMP');
  if (TEXT_TYPES.has(type)) return plain('VARCHAR');
  if (BINARY_TYPES.has(type)) return { engineType: 'BLOB', select: quoted, binary: true };
  if (SPATIAL_TYPES.has(type))
    return { engineType: 'VARCHAR', select: `ST_AsText(${quoted})`, binary: false };
  // Anything newer: its text form is exact and never fatal.
  return { engineType: 'VARCHAR', select: `CAST(${quoted} AS CHAR)`, binary: false };
}

export function quoteIdentifier(name: string): string {
  return `\`${name.replace(/`/g, '``')}\``;
}

/** The text DuckDB casts to the same bytes: '\x00\xFF...'. */
export function blobText(bytes: Uint8Array): string {
  let out = '';
  for (const byte of bytes) out += `\\x${byte.toString(16).padStart(2, '0')}`;
  return out;
}
