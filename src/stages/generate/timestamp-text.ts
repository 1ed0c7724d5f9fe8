// Times as microseconds since the epoch (a double holds them exactly until 2255) and their
// text forms. Formatting millions of timestamps is the generator's hottest path, so it avoids
// Date objects and caches one date string per day.

export const US_PER_SECOND = 1_000_000;
export const US_PER_MINUTE = 60 * US_PER_SECOND;
export const US_PER_HOUR = 60 * US_PER_MINUTE;
export const US_PER_DAY = 24 * US_PER_HOUR;

const PAD2 = Array.from({ length: 100 }, (_, i) => String(i).padStart(2, '0'));
const dateCache = new Map<number, string>();

/** 'YYYY-MM-DD' → days since 1970-01-01. */
export function epochDayOf(date: string): number {
  const ms = Date.parse(`${date}T00:00:00Z`);
  if (Number.isNaN(ms)) throw new RangeError(`not a date: ${date}`);
  return Math.round(ms / 86_400_000);
}

export function dateOfEpochDay(day: number): string {
  let text = dateCache.get(day);
  if (text === undefined) {
    text = new Date(day * 86_400_000).toISOString().slice(0, 10);
    dateCache.set(day, text);
  }
  return text;
}

/** Day of week, 0 = Sunday (1970-01-01 was a Thursday). */
export function dayOfWeek(epochDay: number): number {
  return (((epochDay + 4) % 7) + 7) % 7;
}

/** Day of year, 0-based. */
export function dayOfYear(epochDay: number): number {
  const date = dateOfEpochDay(epochDay);
  return epochDay - epochDayOf(`${date.slice(0, 4)}-01-01`);
}

/** Character codes of the timestamp being formatted (one buffer, reused). */
const codes: number[] = new Array<number>(26).fill(48);

/**
 * The contract's timestamp text: '2026-01-02 03:04:05.123456' (UTC). Built from character codes
 * so that V8 makes one flat string: a concatenated one is a rope of a dozen heap objects, and
 * millions of them kept in rows make the garbage collector the generator's main cost.
 */
export function formatTimestamp(us: number): string {
  const day = Math.floor(us / US_PER_DAY);
  let rest = us - day * US_PER_DAY;
  const hours = Math.floor(rest / US_PER_HOUR);
  rest -= hours * US_PER_HOUR;
  const minutes = Math.floor(rest / US_PER_MINUTE);
  rest -= minutes * US_PER_MINUTE;
  const seconds = Math.floor(rest / US_PER_SECOND);
  let micros = Math.floor(rest - seconds * US_PER_SECOND);
  const date = dateOfEpochDay(day);
  for (let i = 0; i < 10; i++) codes[i] = date.charCodeAt(i);
  codes[10] = 32;
  codes[11] = 48 + Math.floor(hours / 10);
  codes[12] = 48 + (hours % 10);
  codes[13] = 58;
  codes[14] = 48 + Math.floor(minutes / 10);
  codes[15] = 48 + (minutes % 10);
  codes[16] = 58;
  codes[17] = 48 + Math.floor(seconds / 10);
  codes[18] = 48 + (seconds % 10);
  codes[19] = 46;
  for (let i = 25; i >= 20; i--) {
    codes[i] = 48 + (micros % 10);
    micros = Math.floor(micros / 10);
  }
  return String.fromCharCode.apply(null, codes);
}

/** How a hand-made export writes a timestamp: ISO 8601 with 'T' and 'Z'. */
export function isoTimestampText(canonical: string): string {
  return `${canonical.slice(0, 10)}T${canonical.slice(11)}Z`;
}

/** Texts of amounts below 1000.00, made once: prices repeat, and shared strings cost the collector nothing. */
const CENTS_TEXT: (string | undefined)[] = new Array<string | undefined>(100_000);

/** Money in cents → '123.45' (exact, as DECIMAL(12,2) text). */
export function formatCents(cents: number): string {
  const rounded = Math.round(cents);
  if (rounded >= 0 && rounded < CENTS_TEXT.length) {
    const known = CENTS_TEXT[rounded];
    if (known !== undefined) return known;
  }
  const abs = Math.abs(rounded);
  const whole = Math.floor(abs / 100);
  const text = `${rounded < 0 ? '-' : ''}${whole}.${PAD2[abs - whole * 100]}`;
  if (rounded >= 0 && rounded < CENTS_TEXT.length) CENTS_TEXT[rounded] = text;
  return text;
}
