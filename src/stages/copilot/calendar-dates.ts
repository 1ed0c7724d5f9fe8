// Calendar arithmetic on ISO days (YYYY-MM-DD, UTC), the unit every period is resolved in.
// Weeks start on Monday (ISO 8601), as DuckDB's date_trunc('week', …) has them.

const DAY_MS = 86_400_000;

export type CalendarUnit = 'day' | 'week' | 'month' | 'quarter' | 'year';

/** A real calendar day written YYYY-MM-DD (2026-02-30 is not). */
export function isIsoDay(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const time = Date.parse(`${text}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === text;
}

/** `day` moved by `days` (negative: back). */
export function addDays(day: string, days: number): string {
  return fromTime(toTime(day) + days * DAY_MS);
}

/** Adds months, keeping the day of month where it exists (Jan 31 + 1 month = Feb 28/29). */
export function addMonths(day: string, months: number): string {
  const { year, month, date } = parts(day);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  return isoOf(y, m, Math.min(date, daysInMonth(y, m)));
}

/** `day` moved by `count` calendar units. */
export function addUnits(day: string, unit: CalendarUnit, count: number): string {
  switch (unit) {
    case 'day':
      return addDays(day, count);
    case 'week':
      return addDays(day, 7 * count);
    case 'month':
      return addMonths(day, count);
    case 'quarter':
      return addMonths(day, 3 * count);
    case 'year':
      return addMonths(day, 12 * count);
  }
}

/** The first day of the unit holding `day`. */
export function startOf(day: string, unit: CalendarUnit): string {
  const { year, month } = parts(day);
  switch (unit) {
    case 'day':
      return day;
    case 'week':
      return addDays(day, -((new Date(toTime(day)).getUTCDay() + 6) % 7));
    case 'month':
      return isoOf(year, month, 1);
    case 'quarter':
      return isoOf(year, Math.floor((month - 1) / 3) * 3 + 1, 1);
    case 'year':
      return isoOf(year, 1, 1);
  }
}

/** The last day of the unit holding `day`. */
export function endOf(day: string, unit: CalendarUnit): string {
  return addDays(addUnits(startOf(day, unit), unit, 1), -1);
}

/** Days from `from` to `to`, both included. */
export function daysBetween(from: string, to: string): number {
  return Math.round((toTime(to) - toTime(from)) / DAY_MS) + 1;
}

/** YYYY-MM-DD from its parts. */
export function isoOf(year: number, month: number, date: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(date).padStart(2, '0')}`;
}

/** 28 to 31. */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Year, month (1–12) and day of `day`. */
export function parts(day: string): { year: number; month: number; date: number } {
  return { year: Number(day.slice(0, 4)), month: Number(day.slice(5, 7)), date: Number(day.slice(8, 10)) };
}

/** The earlier of two days. */
export function minDay(a: string, b: string): string {
  return a < b ? a : b;
}

/** The later of two days. */
export function maxDay(a: string, b: string): string {
  return a > b ? a : b;
}

function toTime(day: string): number {
  return Date.parse(`${day}T00:00:00Z`);
}

function fromTime(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}
