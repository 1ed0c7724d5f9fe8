// Values in Postgres' text format, as `psql` and drivers expect to parse them: `t`/`f`,
// floats as Postgres prints them, `BC` dates, `\x` hex bytea, intervals in the `postgres`
// style. The input is the query answer's JSON value (exact strings for BIGINT and DECIMAL).

import type { JsonValue } from '../../ports/sql-engine.js';
import type { PgType } from './pg-types.js';

/** The text form of `value` for a column of `type`; null stays null (SQL NULL). */
export function pgText(value: JsonValue, type: PgType): string | null {
  if (value === null) return null;
  switch (type.name) {
    case 'bool':
      return value === true || value === 'true'
        ? 't'
        : value === false || value === 'false'
          ? 'f'
          : text(value);
    case 'float4':
    case 'float8':
      return typeof value === 'number' ? pgFloat(value, type.name === 'float4') : specialFloat(text(value));
    case 'date':
    case 'timestamp':
    case 'timestamptz':
      return typeof value === 'string' ? bcAtEnd(value) : text(value);
    case 'interval':
      return isInterval(value) ? pgInterval(value) : text(value);
    case 'bytea':
      return typeof value === 'string' ? `\\x${blobBytes(value).toString('hex')}` : text(value);
    default:
      return text(value);
  }
}

function text(value: JsonValue): string {
  return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
}

/**
 * Shortest round-trip digits, fixed notation for decimal exponents from -4 to 14 (6 for
 * float4), exponent notation with at least two digits otherwise, as Postgres 12+ prints them.
 */
export function pgFloat(value: number, single = false): string {
  if (Number.isNaN(value)) return 'NaN';
  if (!Number.isFinite(value)) return value > 0 ? 'Infinity' : '-Infinity';
  if (value === 0) return Object.is(value, -0) ? '-0' : '0';
  const shortest = single ? shortestSingle(value) : value.toExponential();
  const [mantissa = '0', exponentText = '0'] = shortest.split('e');
  const exponent = Number(exponentText);
  if (exponent < -4 || exponent >= (single ? 6 : 15)) {
    const sign = exponent < 0 ? '-' : '+';
    return `${mantissa}e${sign}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  return fixed(mantissa, exponent);
}

// The fewest significant digits that still read back as the same 32-bit float.
function shortestSingle(value: number): string {
  const single = Math.fround(value);
  for (let digits = 1; digits < 9; digits++) {
    const candidate = single.toExponential(digits - 1);
    if (Math.fround(Number(candidate)) === single) return candidate;
  }
  return single.toExponential(8);
}

// `d.ddd` × 10^exponent written out without an exponent.
function fixed(mantissa: string, exponent: number): string {
  const negative = mantissa.startsWith('-');
  const digits = mantissa.replace('-', '').replace('.', '');
  const point = exponent + 1;
  let out: string;
  if (point <= 0) out = `0.${'0'.repeat(-point)}${digits}`;
  else if (point >= digits.length) out = `${digits}${'0'.repeat(point - digits.length)}`;
  else out = `${digits.slice(0, point)}.${digits.slice(point)}`;
  return negative ? `-${out}` : out;
}

function specialFloat(value: string): string {
  const lower = value.toLowerCase();
  if (lower === 'nan') return 'NaN';
  if (lower === 'infinity' || lower === 'inf') return 'Infinity';
  if (lower === '-infinity' || lower === '-inf') return '-Infinity';
  return value;
}

// DuckDB writes `0044-03-15 (BC) 00:00:00`; Postgres writes `0044-03-15 00:00:00 BC`.
function bcAtEnd(value: string): string {
  return value.includes(' (BC)') ? `${value.replace(' (BC)', '')} BC` : value;
}

export interface IntervalValue {
  readonly months: number;
  readonly days: number;
  /** Microseconds, as the exact string DuckDB gives. */
  readonly micros: string | number;
}

export function isInterval(value: JsonValue): value is IntervalValue & { [key: string]: JsonValue } {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && 'months' in value;
}

/** `1 year 2 mons 3 days 04:05:06.789`, Postgres' default interval style. */
export function pgInterval(value: IntervalValue): string {
  const parts: string[] = [];
  const years = Math.trunc(value.months / 12);
  const months = value.months % 12;
  if (years !== 0) parts.push(`${years} year${Math.abs(years) === 1 ? '' : 's'}`);
  if (months !== 0) parts.push(`${months} mon${Math.abs(months) === 1 ? '' : 's'}`);
  if (value.days !== 0) parts.push(`${value.days} day${Math.abs(value.days) === 1 ? '' : 's'}`);
  const micros = BigInt(value.micros);
  if (micros !== 0n || parts.length === 0) {
    const negative = micros < 0n;
    const abs = negative ? -micros : micros;
    const seconds = abs / 1_000_000n;
    const fraction = abs % 1_000_000n;
    const hh = String(seconds / 3600n).padStart(2, '0');
    const mm = String((seconds / 60n) % 60n).padStart(2, '0');
    const ss = String(seconds % 60n).padStart(2, '0');
    const frac = fraction === 0n ? '' : `.${String(fraction).padStart(6, '0').replace(/0+$/, '')}`;
    parts.push(`${negative ? '-' : ''}${hh}:${mm}:${ss}${frac}`);
  }
  return parts.join(' ');
}

/** DuckDB's text form of a BLOB (printable bytes as they are, others as `\xHH`) back to bytes. */
export function blobBytes(value: string): Buffer {
  const parts: Buffer[] = [];
  let last = 0;
  for (const match of value.matchAll(/\\x([0-9a-fA-F]{2})/g)) {
    parts.push(Buffer.from(value.slice(last, match.index), 'utf8'));
    parts.push(Buffer.from([Number.parseInt(match[1] ?? '0', 16)]));
    last = match.index + match[0].length;
  }
  parts.push(Buffer.from(value.slice(last), 'utf8'));
  return Buffer.concat(parts);
}
