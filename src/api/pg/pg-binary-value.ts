// Values in Postgres' binary format, for drivers that ask for it (JDBC does for prepared
// statements it runs often): big-endian integers and floats, base-10000 numerics, dates and
// timestamps counted from 2000-01-01.

import { ShoplakeError } from '../../core/shoplake-error.js';
import type { JsonValue } from '../../ports/sql-engine.js';
import { blobBytes, isInterval, pgText } from './pg-text-value.js';
import type { PgType } from './pg-types.js';

const POSTGRES_EPOCH_DAYS = Date.UTC(2000, 0, 1) / 86_400_000;
const INT32_MAX = 0x7fffffff;
const INT64_MAX = 0x7fffffffffffffffn;

/** The binary form of `value` (not null) for a column of `type`. */
export function pgBinary(value: JsonValue, type: PgType): Buffer {
  switch (type.name) {
    case 'bool':
      return Buffer.from([value === true || value === 'true' ? 1 : 0]);
    case 'int2':
      return fixed(2, (b) => b.writeInt16BE(Number(value)));
    case 'int4':
      return fixed(4, (b) => b.writeInt32BE(Number(value)));
    case 'int8':
      return fixed(8, (b) => b.writeBigInt64BE(BigInt(String(value))));
    case 'float4':
      return fixed(4, (b) => b.writeFloatBE(Number(value)));
    case 'float8':
      return fixed(8, (b) => b.writeDoubleBE(Number(value)));
    case 'numeric':
      return numericBinary(String(value));
    case 'bytea':
      return typeof value === 'string' ? blobBytes(value) : Buffer.from(JSON.stringify(value), 'utf8');
    case 'date':
      return fixed(4, (b) => b.writeInt32BE(dateBinary(String(value))));
    case 'timestamp':
    case 'timestamptz':
      return fixed(8, (b) => b.writeBigInt64BE(timestampBinary(String(value))));
    case 'time':
      return fixed(8, (b) => b.writeBigInt64BE(timeMicros(String(value))));
    case 'interval':
      if (!isInterval(value)) throw unsupported(type);
      return fixed(16, (b) => {
        b.writeBigInt64BE(BigInt(value.micros), 0);
        b.writeInt32BE(value.days, 8);
        b.writeInt32BE(value.months, 12);
      });
    case 'uuid':
      return Buffer.from(String(value).replace(/-/g, ''), 'hex');
    case 'text':
    case 'varchar':
    case 'json':
      return Buffer.from(pgText(value, type) ?? '', 'utf8');
    default:
      throw unsupported(type);
  }
}

function fixed(size: number, write: (buffer: Buffer) => void): Buffer {
  const buffer = Buffer.alloc(size);
  write(buffer);
  return buffer;
}

/** Postgres' numeric wire form: digit count, weight, sign, display scale, base-10000 digits. */
export function numericBinary(text: string): Buffer {
  const negative = text.startsWith('-');
  const [whole = '', fraction = ''] = text.replace(/^[-+]/, '').split('.');
  const scale = fraction.length;
  // Pad both sides to whole groups of four decimal digits, aligned on the point.
  const intPart = whole.replace(/^0+/, '');
  const intPadded = intPart.padStart(Math.ceil(intPart.length / 4) * 4, '0');
  const fracPadded = fraction.padEnd(Math.ceil(fraction.length / 4) * 4, '0');
  const groups: number[] = [];
  for (let i = 0; i < intPadded.length; i += 4) groups.push(Number(intPadded.slice(i, i + 4)));
  for (let i = 0; i < fracPadded.length; i += 4) groups.push(Number(fracPadded.slice(i, i + 4)));
  let weight = intPadded.length / 4 - 1;
  // Leading and trailing zero groups are not sent; leading ones lower the weight.
  while (groups.length > 0 && groups[0] === 0) {
    groups.shift();
    weight -= 1;
  }
  while (groups.length > 0 && groups[groups.length - 1] === 0) groups.pop();
  if (groups.length === 0) weight = 0;
  const buffer = Buffer.alloc(8 + groups.length * 2);
  buffer.writeInt16BE(groups.length, 0);
  buffer.writeInt16BE(weight, 2);
  buffer.writeUInt16BE(negative && groups.length > 0 ? 0x4000 : 0, 4);
  buffer.writeInt16BE(scale, 6);
  groups.forEach((group, i) => {
    buffer.writeInt16BE(group, 8 + i * 2);
  });
  return buffer;
}

// `2026-01-02`, `0044-03-15 (BC)` (year 1 BC is astronomical year 0), `infinity`.
function dateBinary(text: string): number {
  if (text === 'infinity') return INT32_MAX;
  if (text === '-infinity') return -INT32_MAX - 1;
  return daysSince2000(text);
}

function daysSince2000(text: string): number {
  const match = /^(\d+)-(\d{2})-(\d{2})/.exec(text);
  if (!match) throw new ShoplakeError('invalid_argument', `Not a date: ${text}.`, { retryable: false });
  const year = text.includes('(BC)') ? 1 - Number(match[1]) : Number(match[1]);
  const date = new Date(Date.UTC(2000, Number(match[2]) - 1, Number(match[3])));
  date.setUTCFullYear(year);
  return Math.round(date.getTime() / 86_400_000 - POSTGRES_EPOCH_DAYS);
}

function timestampBinary(text: string): bigint {
  if (text === 'infinity') return INT64_MAX;
  if (text === '-infinity') return -INT64_MAX - 1n;
  const time = /(\d{2}:\d{2}:\d{2}(\.\d+)?)([+-]\d{2}(:?\d{2})?)?/.exec(text.replace(' (BC)', ''));
  const micros = BigInt(daysSince2000(text)) * 86_400_000_000n + timeMicros(time?.[1] ?? '00:00:00');
  const offset = time?.[3];
  if (!offset) return micros;
  const sign = offset.startsWith('-') ? -1n : 1n;
  const [hours = '0', minutes = '0'] = offset.slice(1).replace(':', '').match(/\d{2}/g) ?? [];
  return micros - sign * (BigInt(hours) * 3600n + BigInt(minutes) * 60n) * 1_000_000n;
}

// `HH:MM:SS[.fraction]` as microseconds since midnight (digits past the sixth are dropped).
function timeMicros(text: string): bigint {
  const match = /^(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?/.exec(text);
  if (!match) throw new ShoplakeError('invalid_argument', `Not a time: ${text}.`, { retryable: false });
  const seconds = BigInt(Number(match[1]) * 3600 + Number(match[2]) * 60 + Number(match[3]));
  const fraction = BigInt((match[4] ?? '').slice(0, 6).padEnd(6, '0'));
  return seconds * 1_000_000n + fraction;
}

function unsupported(type: PgType): ShoplakeError {
  return new ShoplakeError(
    'invalid_argument',
    `Binary format for type ${type.name} is not supported; ask for text format.`,
    { retryable: false },
  );
}
