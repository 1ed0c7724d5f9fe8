// DuckDB type names (what the catalog records) ↔ the Hive type names Glue and Athena's Parquet
// SerDe expect: `DECIMAL(12,2)` ↔ `decimal(12,2)`, `INTEGER[]` → `array<int>`,
// `STRUCT("a" INTEGER)` → `struct<a:int>`.

const SCALARS: Readonly<Record<string, string>> = {
  BOOLEAN: 'boolean',
  TINYINT: 'tinyint',
  SMALLINT: 'smallint',
  INTEGER: 'int',
  BIGINT: 'bigint',
  HUGEINT: 'decimal(38,0)',
  UHUGEINT: 'decimal(38,0)',
  UTINYINT: 'smallint',
  USMALLINT: 'int',
  UINTEGER: 'bigint',
  UBIGINT: 'decimal(20,0)',
  FLOAT: 'float',
  DOUBLE: 'double',
  VARCHAR: 'string',
  UUID: 'string',
  JSON: 'string',
  BLOB: 'binary',
  DATE: 'date',
  TIMESTAMP: 'timestamp',
  TIMESTAMP_S: 'timestamp',
  TIMESTAMP_MS: 'timestamp',
  TIMESTAMP_NS: 'timestamp',
  'TIMESTAMP WITH TIME ZONE': 'timestamp',
};

const BACK: Readonly<Record<string, string>> = {
  boolean: 'BOOLEAN',
  tinyint: 'TINYINT',
  smallint: 'SMALLINT',
  int: 'INTEGER',
  integer: 'INTEGER',
  bigint: 'BIGINT',
  float: 'FLOAT',
  double: 'DOUBLE',
  string: 'VARCHAR',
  binary: 'BLOB',
  date: 'DATE',
  timestamp: 'TIMESTAMP',
};

/**
 * The Hive type for a DuckDB type, or undefined when Hive has none (TIME, INTERVAL, UNION, BIT):
 * such a column is left out of the Glue table and Athena cannot select it.
 */
export function hiveTypeOf(engineType: string): string | undefined {
  const type = engineType.trim();
  const upper = type.toUpperCase();
  if (SCALARS[upper]) return SCALARS[upper];
  if (upper.startsWith('VARCHAR(') || upper.startsWith('ENUM(')) return 'string';
  const decimal = /^(?:DECIMAL|NUMERIC)\s*\(\s*(\d+)\s*,\s*(\d+)\s*\)$/i.exec(type);
  if (decimal) return `decimal(${decimal[1]},${decimal[2]})`;
  const list = /^(.*)\[\d*\]$/s.exec(type);
  if (list?.[1]) return wrap('array', [list[1]]);
  const map = /^MAP\s*\((.*)\)$/is.exec(type);
  if (map?.[1]) {
    const parts = splitTopLevel(map[1]);
    return parts.length === 2 ? wrap('map', parts) : undefined;
  }
  const struct = /^STRUCT\s*\((.*)\)$/is.exec(type);
  if (struct?.[1]) return structOf(splitTopLevel(struct[1]));
  return undefined;
}

/** The DuckDB type for a Hive type written by someone else (a Glue crawler); nested types keep Hive's spelling. */
export function engineTypeOfHive(hiveType: string): string {
  const type = hiveType.trim().toLowerCase();
  if (BACK[type]) return BACK[type];
  const decimal = /^decimal\s*\(\s*(\d+)\s*,\s*(\d+)\s*\)$/.exec(type);
  if (decimal) return `DECIMAL(${decimal[1]},${decimal[2]})`;
  if (/^(var)?char\s*\(\d+\)$/.test(type)) return 'VARCHAR';
  return hiveType.toUpperCase();
}

function wrap(kind: 'array' | 'map', parts: readonly string[]): string | undefined {
  const inner = parts.map(hiveTypeOf);
  if (inner.some((t) => t === undefined)) return undefined;
  return `${kind}<${inner.join(',')}>`;
}

function structOf(fields: readonly string[]): string | undefined {
  const out: string[] = [];
  for (const field of fields) {
    const named = /^\s*(?:"((?:[^"]|"")*)"|([A-Za-z_][A-Za-z0-9_]*))\s+(.+)$/s.exec(field);
    const name = named?.[1]?.replace(/""/g, '"') ?? named?.[2];
    const type = named?.[3] ? hiveTypeOf(named[3]) : undefined;
    if (!name || !type) return undefined;
    out.push(`${name.toLowerCase()}:${type}`);
  }
  return `struct<${out.join(',')}>`;
}

/** Splits `a, STRUCT(b INT, c INT), d` at the commas outside parentheses and quotes. */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === '(') depth += 1;
    else if (!quoted && ch === ')') depth -= 1;
    else if (!quoted && depth === 0 && ch === ',') {
      parts.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  parts.push(text.slice(start).trim());
  return parts.filter((p) => p !== '');
}
