// How numbers, money, shares and times read on the dashboard (en-US, amounts in USD as the
// lake stores them). Every formatter takes a raw cell and says "–" for a missing value.

import type { Cell } from './api/api-types.js';

const MISSING = '–';

/** A cell as a number: BIGINT and DECIMAL arrive as text. */
export function num(value: Cell | undefined): number | null {
  if (value === null || value === undefined || value === '') return null;
  const n = typeof value === 'number' ? value : Number(value);
  return Number.isFinite(n) ? n : null;
}

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });
const usdCents = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' });
const usdCompact = new Intl.NumberFormat('en-US', {
  style: 'currency',
  currency: 'USD',
  notation: 'compact',
  maximumFractionDigits: 1,
});

export function formatInt(value: Cell | undefined): string {
  const n = num(value);
  return n === null ? MISSING : integer.format(n);
}

/** Exactly `digits` decimals, with thousands separators. */
export function formatDecimal(value: Cell | undefined, digits = 2): string {
  const n = num(value);
  if (n === null) return MISSING;
  return n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** `$12,345`; `compact` gives `$12.3K`; small amounts keep their cents. */
export function formatMoney(value: Cell | undefined, options: { compact?: boolean } = {}): string {
  const n = num(value);
  if (n === null) return MISSING;
  if (options.compact && Math.abs(n) >= 10_000) return usdCompact.format(n);
  return Math.abs(n) < 100 ? usdCents.format(n) : usd.format(n);
}

/** A share 0–1 as a percentage: 0.8571 → `85.7%`. */
export function formatShare(value: Cell | undefined, digits = 1): string {
  const n = num(value);
  return n === null ? MISSING : `${(n * 100).toFixed(digits)}%`;
}

/** A change already in percent, signed: 29.36 → `+29.4%`. */
export function formatGrowth(value: Cell | undefined): string {
  const n = num(value);
  if (n === null) return MISSING;
  return `${n > 0 ? '+' : ''}${n.toFixed(1)}%`;
}

/** `2026-11-01` → `Sun, Nov 1, 2026` (a date has no time zone: read it as UTC). */
export function formatDay(
  value: Cell | undefined,
  options: { weekday?: boolean } = { weekday: true },
): string {
  if (typeof value !== 'string' || value.length < 10) return MISSING;
  const date = new Date(`${value.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return value;
  return date.toLocaleDateString('en-US', {
    timeZone: 'UTC',
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    ...(options.weekday ? { weekday: 'short' } : {}),
  });
}

/** `2026-10-01` → `Oct 2026`. */
export function formatMonth(value: Cell | undefined): string {
  if (typeof value !== 'string' || value.length < 7) return MISSING;
  const date = new Date(`${value.slice(0, 7)}-01T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return value;
  return date.toLocaleDateString('en-US', { timeZone: 'UTC', year: 'numeric', month: 'short' });
}

/** A timestamp (ISO, or the SQL layer's `YYYY-MM-DD hh:mm:ss`) in UTC, to the minute. */
export function formatDateTime(value: Cell | undefined): string {
  if (typeof value !== 'string' || value.length < 16) return MISSING;
  const iso = value.includes('T') ? value : `${value.replace(' ', 'T')}Z`;
  const date = new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(iso) ? iso : `${iso}Z`);
  if (Number.isNaN(date.getTime())) return value;
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** Hours as a person says them: `12 min`, `5 h`, `3 d`. */
export function formatAge(hours: number | null): string {
  if (hours === null || !Number.isFinite(hours)) return MISSING;
  if (hours < 1) return `${Math.max(0, Math.round(hours * 60))} min`;
  if (hours < 48) return `${Math.round(hours)} h`;
  return `${Math.round(hours / 24)} d`;
}

/** `card_testing` → `Card testing`. */
export function humanize(value: Cell | undefined): string {
  if (value === null || value === undefined || value === '') return MISSING;
  const text = String(value).replaceAll('_', ' ').replace(':', ': ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}
