// The Luhn checksum that every card number carries; it tells card numbers from other digit runs.

/** True when `digits` (0-9 only) passes the Luhn check. */
export function isLuhnValid(digits: string): boolean {
  if (digits.length === 0) return false;
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return sum % 10 === 0;
}

/** The digit that makes `partial` + digit pass the Luhn check (used to make test card numbers). */
export function luhnCheckDigit(partial: string): number {
  let sum = 0;
  for (let i = partial.length - 1, double = true; i >= 0; i--, double = !double) {
    let d = partial.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

export const PAN_MIN_DIGITS = 13;
export const PAN_MAX_DIGITS = 19;

/**
 * True when the digit groups of a run (the digits between spaces or dashes), or any span of
 * consecutive groups, hold 13–19 digits that pass Luhn. Spans, not just the whole run, catch a
 * card number followed by a CVV or preceded by a quantity ("2 4111 1111 1111 1111 123").
 */
export function containsLuhnValidSpan(groups: readonly string[]): boolean {
  for (let first = 0; first < groups.length; first++) {
    let digits = '';
    for (let last = first; last < groups.length; last++) {
      digits += groups[last];
      if (digits.length > PAN_MAX_DIGITS) break;
      if (digits.length >= PAN_MIN_DIGITS && isLuhnValid(digits)) return true;
    }
  }
  return false;
}
