// Payment card numbers as shops receive them: real brand prefixes and lengths (13 to 19
// digits), a valid Luhn check digit, written with spaces, dashes or nothing, sometimes padded,
// and now and then mistyped so that the check fails.

import { luhnCheckDigit } from '../curate/masking/luhn.js';
import { SeededRandom } from './seeded-random.js';

export interface Card {
  readonly digits: string;
  readonly brand: string;
}

interface BrandShape {
  readonly brand: string;
  readonly weight: number;
  readonly prefixes: readonly string[];
  readonly lengths: readonly number[];
}

const BRANDS: readonly BrandShape[] = [
  { brand: 'visa', weight: 50, prefixes: ['4'], lengths: [16, 16, 16, 16, 16, 16, 16, 16, 13, 19] },
  {
    brand: 'mastercard',
    weight: 31,
    prefixes: ['51', '52', '53', '54', '55', '2221', '2720'],
    lengths: [16],
  },
  { brand: 'amex', weight: 11, prefixes: ['34', '37'], lengths: [15] },
  { brand: 'discover', weight: 5, prefixes: ['6011', '65'], lengths: [16, 16, 19] },
  { brand: 'maestro', weight: 3, prefixes: ['6759', '5018'], lengths: [19] },
];
const TOTAL_WEIGHT = BRANDS.reduce((sum, b) => sum + b.weight, 0);

/** The same seed always gives the same card: a customer keeps paying with it. */
export function cardFromSeed(seed: number): Card {
  const rng = new SeededRandom(seed, 7);
  let target = rng.next() * TOTAL_WEIGHT;
  let shape = BRANDS[0]!;
  for (const candidate of BRANDS) {
    shape = candidate;
    target -= candidate.weight;
    if (target < 0) break;
  }
  const length = rng.pick(shape.lengths);
  let digits = rng.pick(shape.prefixes);
  while (digits.length < length - 1) digits += String(rng.int(10));
  return { digits: digits + String(luhnCheckDigit(digits)), brand: shape.brand };
}

/** One digit changed: a single substitution always breaks the Luhn check. */
export function mistype(digits: string, rng: SeededRandom): string {
  const at = 1 + rng.int(digits.length - 2);
  const old = digits.charCodeAt(at) - 48;
  const replacement = (old + 1 + rng.int(9)) % 10;
  return digits.slice(0, at) + String(replacement) + digits.slice(at + 1);
}

/** How the digits were typed: grouped with spaces or dashes, run together, or padded. */
export function formatCardNumber(digits: string, rng: SeededRandom): string {
  const style = rng.next();
  if (style < 0.45) return digits;
  if (style < 0.7) return groups(digits).join(' ');
  if (style < 0.9) return groups(digits).join('-');
  return rng.chance(0.5) ? ` ${digits} ` : ` ${groups(digits).join(' ')}  `;
}

/** Amex is written 4-6-5; everything else in fours. */
export function groups(digits: string): string[] {
  if (digits.length === 15) return [digits.slice(0, 4), digits.slice(4, 10), digits.slice(10)];
  const out: string[] = [];
  for (let i = 0; i < digits.length; i += 4) out.push(digits.slice(i, i + 4));
  return out;
}

// Short texts that repeat (CVVs, expiry dates) are made once: millions of copies kept in rows
// would only be work for the garbage collector.
const CVV_TEXT: (string | undefined)[] = new Array<string | undefined>(10_000);
const EXPIRY_TEXT = new Map<number, string>();

/** Three digits, four for Amex (whose values, 1000–9999, never meet the others' 000–999). */
export function cvvFor(brand: string, rng: SeededRandom): string {
  const value = brand === 'amex' ? rng.between(1000, 9999) : rng.between(0, 999);
  let text = CVV_TEXT[value];
  if (text === undefined) {
    text = String(value).padStart(3, '0');
    CVV_TEXT[value] = text;
  }
  return text;
}

/** 'MM/YY', one to five years after `year`. */
export function expiryAfter(year: number, rng: SeededRandom): string {
  const month = rng.between(1, 12);
  const yy = (year + rng.between(1, 5)) % 100;
  const key = month * 100 + yy;
  let text = EXPIRY_TEXT.get(key);
  if (text === undefined) {
    text = `${String(month).padStart(2, '0')}/${String(yy).padStart(2, '0')}`;
    EXPIRY_TEXT.set(key, text);
  }
  return text;
}
