// Bound parameters ($1, $2, ...) written into the SQL as typed literals. The guard refuses
// parameters, and it judges the text that results: a value can only ever be a literal, and if
// the substitution were wrong the guard would still see (and refuse) whatever came out.

import { ShoplakeError } from '../../core/shoplake-error.js';
import { type PgTypeName, pgTypeNameOf } from './pg-types.js';

/** The highest `$n` the SQL uses (outside strings, quoted names and comments); 0 for none. */
export function parameterCount(sql: string): number {
  let max = 0;
  scan(sql, (index) => {
    max = Math.max(max, index);
    return undefined;
  });
  return max;
}

/**
 * The SQL with every `$n` replaced by the n-th value as a literal of its declared type.
 *
 * @example
 * bindParameters('select * from curated.orders where order_id = $1', [Buffer.from('7')], [20], [0])
 * // → "select * from curated.orders where order_id = (7)"
 */
export function bindParameters(
  sql: string,
  values: readonly (Buffer | null)[],
  types: readonly number[],
  formats: readonly number[],
): string {
  const literals = values.map((value, i) =>
    literal(value, pgTypeNameOf(types[i] ?? 0), formatOf(formats, i, values.length)),
  );
  return scan(sql, (index) => {
    const value = literals[index - 1];
    if (value === undefined)
      throw invalid(`the statement uses $${index} but only ${values.length} value(s) were bound`);
    return value;
  });
}

// Bind's format codes: none means all text, one applies to all, else one per parameter.
function formatOf(formats: readonly number[], index: number, count: number): number {
  if (formats.length === 0) return 0;
  if (formats.length === 1) return formats[0] ?? 0;
  if (formats.length !== count) throw invalid(`${formats.length} parameter formats for ${count} parameters`);
  return formats[index] ?? 0;
}

const CAST_AS: Partial<Record<PgTypeName, string>> = {
  bool: 'BOOLEAN',
  float4: 'DOUBLE',
  float8: 'DOUBLE',
  date: 'DATE',
  time: 'TIME',
  timestamp: 'TIMESTAMP',
  timestamptz: 'TIMESTAMPTZ',
  interval: 'INTERVAL',
  uuid: 'UUID',
  json: 'JSON',
  bytea: 'BLOB',
};

function literal(value: Buffer | null, type: PgTypeName | undefined, format: number): string {
  if (value === null) return 'NULL';
  const text = format === 1 ? fromBinary(value, type) : value.toString('utf8');
  if ((type === 'int2' || type === 'int4' || type === 'int8') && /^[+-]?\d+$/.test(text)) return `(${text})`;
  if (type === 'numeric' && /^[+-]?(\d+\.?\d*|\.\d+)$/.test(text)) return `(${text})`;
  if (type === 'bytea') return `CAST(${quote(byteaEscapes(text))} AS BLOB)`;
  const cast = type === 'int2' || type === 'int4' || type === 'int8' ? 'BIGINT' : type && CAST_AS[type];
  return cast ? `CAST(${quote(text)} AS ${cast})` : quote(text);
}

function fromBinary(value: Buffer, type: PgTypeName | undefined): string {
  const size = (n: number) => {
    if (value.length !== n)
      throw invalid(`a binary ${type} parameter must be ${n} bytes, not ${value.length}`);
  };
  switch (type) {
    case 'int2':
      size(2);
      return String(value.readInt16BE());
    case 'int4':
      size(4);
      return String(value.readInt32BE());
    case 'int8':
      size(8);
      return String(value.readBigInt64BE());
    case 'float4':
      size(4);
      return String(value.readFloatBE());
    case 'float8':
      size(8);
      return String(value.readDoubleBE());
    case 'bool':
      size(1);
      return value[0] === 0 ? 'false' : 'true';
    case 'bytea':
      return `\\x${value.toString('hex')}`;
    case 'text':
    case 'varchar':
    case 'json':
    case 'unknown':
      return value.toString('utf8');
    default:
      throw invalid(
        `binary format for a parameter of type ${type ?? 'unknown OID'} is not supported; send it as text`,
      );
  }
}

// Postgres hex bytea (`\x414243`) as DuckDB's blob escapes (`\x41\x42\x43`).
function byteaEscapes(text: string): string {
  if (!/^\\x([0-9a-fA-F]{2})*$/.test(text)) return text;
  return (text.slice(2).match(/../g) ?? []).map((pair) => `\\x${pair}`).join('');
}

function quote(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/**
 * Walks the SQL, calling `replace` for every `$n` outside quotes and comments; its answer (if
 * any) takes the placeholder's place in the returned text.
 */
function scan(sql: string, replace: (index: number) => string | undefined): string {
  let out = '';
  let i = 0;
  while (i < sql.length) {
    const skipped = skipQuotedOrComment(sql, i);
    if (skipped > i) {
      out += sql.slice(i, skipped);
      i = skipped;
      continue;
    }
    const param = /^\$(\d+)/.exec(sql.slice(i, i + 12));
    if (param && !/[\w$]/.test(sql[i - 1] ?? '')) {
      const index = Number(param[1]);
      if (index < 1) throw invalid(`$${param[1]} is not a parameter number`);
      out += replace(index) ?? param[0];
      i += param[0].length;
      continue;
    }
    out += sql[i];
    i += 1;
  }
  return out;
}

// The end of the string, quoted name, dollar-quoted string or comment starting at `i`, else `i`.
function skipQuotedOrComment(sql: string, i: number): number {
  const c = sql[i];
  if (c === "'" || c === '"') {
    const escapes = c === "'" && /[eE]/.test(sql[i - 1] ?? '') && !/[\w$]/.test(sql[i - 2] ?? '');
    let j = i + 1;
    while (j < sql.length) {
      if (escapes && sql[j] === '\\') j += 2;
      else if (sql[j] === c && sql[j + 1] === c) j += 2;
      else if (sql[j] === c) return j + 1;
      else j += 1;
    }
    return sql.length;
  }
  if (c === '-' && sql[i + 1] === '-') {
    const end = sql.indexOf('\n', i);
    return end === -1 ? sql.length : end;
  }
  if (c === '/' && sql[i + 1] === '*') {
    let depth = 0;
    let j = i;
    while (j < sql.length) {
      if (sql[j] === '/' && sql[j + 1] === '*') {
        depth += 1;
        j += 2;
      } else if (sql[j] === '*' && sql[j + 1] === '/') {
        depth -= 1;
        j += 2;
        if (depth === 0) return j;
      } else j += 1;
    }
    return sql.length;
  }
  const tag = c === '$' && !/[\w$]/.test(sql[i - 1] ?? '') ? /^\$([A-Za-z_]\w*)?\$/.exec(sql.slice(i)) : null;
  if (tag) {
    const end = sql.indexOf(tag[0], i + tag[0].length);
    return end === -1 ? sql.length : end + tag[0].length;
  }
  return i;
}

function invalid(reason: string): ShoplakeError {
  return new ShoplakeError('invalid_argument', `Bind refused: ${reason}.`, { retryable: false });
}
