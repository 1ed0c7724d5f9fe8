// `--since` as people write it: a day (2026-01-31), a time (2026-01-31T12:00:00Z), or an age
// back from now (90m, 6h, 2d).

import { ShoplakeError } from '../core/shoplake-error.js';

const AGE = /^(\d+)([mhd])$/;
const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** Parses a `--since` value into the moment it names. */
export function parseSince(value: string, now = new Date()): Date {
  const age = AGE.exec(value);
  if (age) return new Date(now.getTime() - Number(age[1]) * UNIT_MS[age[2] as keyof typeof UNIT_MS]);
  const day = /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value;
  const time = /^\d{4}-\d{2}-\d{2}T/.test(day) ? Date.parse(day) : Number.NaN;
  if (!Number.isNaN(time)) return new Date(time);
  throw new ShoplakeError(
    'invalid_argument',
    `--since "${value}" is neither a day (2026-01-31), a time (2026-01-31T12:00:00Z) nor an age (90m, 6h, 2d).`,
    { retryable: false },
  );
}
