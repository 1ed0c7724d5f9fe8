// Watermarks are source timestamps as text ('YYYY-MM-DD HH:MM:SS.ffffff', UTC). Text keeps the
// microseconds that a JS Date would drop, and fixed-width text compares in time order.

import { ShoplakeError } from '../../core/shoplake-error.js';

const PATTERN = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,6}))?Z?$/;

/** Canonical form with six fraction digits, so that string order is time order. */
export function normalizeTimestamp(text: string): string {
  const match = PATTERN.exec(text);
  if (!match) {
    throw new ShoplakeError(
      'invalid_argument',
      `"${text}" is not a timestamp like 2026-01-02 03:04:05.123456.`,
      {
        retryable: false,
      },
    );
  }
  const [, y, mo, d, h, mi, s, fraction = ''] = match;
  return `${y}-${mo}-${d} ${h}:${mi}:${s}.${fraction.padEnd(6, '0')}`;
}

/** Moves a timestamp by whole milliseconds, keeping its microseconds. */
export function shiftTimestamp(text: string, deltaMs: number): string {
  const canonical = normalizeTimestamp(text);
  const micros = canonical.slice(-3);
  const epochMs = Date.parse(`${canonical.slice(0, 23).replace(' ', 'T')}Z`) + deltaMs;
  const iso = new Date(epochMs).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 23)}${micros}`;
}

/** The later of two timestamps (either may be missing). */
export function laterTimestamp(a: string | undefined, b: string | undefined): string | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return a >= b ? a : b;
}
