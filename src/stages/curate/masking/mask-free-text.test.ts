import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { containsLuhnValidSpan, isLuhnValid } from './luhn.js';
import { maskEmail, maskFreeText } from './mask-free-text.js';

/** Appends the Luhn check digit to a payload, giving a valid card number. */
function withCheckDigit(payload: string): string {
  for (let d = 0; d <= 9; d++) if (isLuhnValid(payload + d)) return payload + d;
  throw new Error('unreachable');
}

/** Every run of digits joined by up to three spaces/tabs/dashes, split into its digit groups. */
function digitRuns(text: string): string[][] {
  return (text.match(/[0-9](?:[ \t-]{0,3}[0-9])*/g) ?? []).map((run) => run.split(/[ \t-]+/));
}

describe('isLuhnValid', () => {
  it('accepts well-known test card numbers of 13 to 19 digits', () => {
    for (const pan of [
      '4222222222222',
      '378282246310005',
      '4111111111111111',
      '5555555555554444',
      '6011111111111117',
      '4000056655665556',
      '6304000000000000000'.slice(0, 18),
    ]) {
      expect(isLuhnValid(withCheckDigit(pan.slice(0, -1)))).toBe(true);
    }
    expect(isLuhnValid('4111111111111111')).toBe(true);
    expect(isLuhnValid('378282246310005')).toBe(true);
  });

  it('rejects a number with one digit changed', () => {
    expect(isLuhnValid('4111111111111112')).toBe(false);
  });
});

describe('maskFreeText', () => {
  it.each([
    ['4111111111111111'],
    ['4111 1111 1111 1111'],
    ['4111-1111-1111-1111'],
    ['3782 822463 10005'],
    ['4222222222222'],
    ['6304 0000 0000 0000 018'],
  ])('masks the card number %s, keeping only its last four digits', (pan) => {
    const digits = pan.replace(/[^0-9]/g, '');
    const panWithCheck = isLuhnValid(digits) ? pan : withCheckDigit(digits.slice(0, -1));
    const masked = maskFreeText(`please charge ${panWithCheck} thanks`);
    expect(masked).toBe(`please charge [card ****${panWithCheck.replace(/[^0-9]/g, '').slice(-4)}] thanks`);
  });

  it('masks a card number glued to letters and other digits', () => {
    expect(maskFreeText('card:4111111111111111,exp 12/27')).toBe('card:[card ****1111],exp 12/27');
    expect(maskFreeText('2 x 4111 1111 1111 1111 123')).toBe('2 x [card ****1123]');
    expect(maskFreeText('ref 99 4111111111111111 77')).toBe('ref [card ****1177]');
  });

  it('leaves a Luhn-invalid 16-digit number alone (it is not a card number)', () => {
    expect(maskFreeText('tracking 4111111111111112')).toBe('tracking 4111111111111112');
  });

  it('leaves short numbers, prices and dates alone', () => {
    const text = 'order 12345 cost 19.99 on 2026-01-02, call 555-0100';
    expect(maskFreeText(text)).toBe(text);
  });

  it('masks SSNs with dashes or spaces', () => {
    expect(maskFreeText('ssn 123-45-6789.')).toBe('ssn [ssn ***-**-****].');
    expect(maskFreeText('ssn 123 45 6789')).toBe('ssn [ssn ***-**-****]');
  });

  it('masks email addresses to first letter and domain', () => {
    expect(maskFreeText('mail Jane.Doe+x@Example.co.uk now')).toBe('mail j***@example.co.uk now');
  });

  it('never lets a Luhn-valid 13–19 digit run survive (property)', () => {
    const separator = fc.constantFrom('', '', '', ' ', '-', '  ', ' - ', '\t');
    const digitGroup = fc.stringMatching(/^[0-9]{1,6}$/);
    const chunk = fc.oneof(
      fc.tuple(digitGroup, separator).map(([d, s]) => d + s),
      fc
        .tuple(fc.stringMatching(/^[0-9]{12,18}$/), separator)
        .map(([payload, s]) => withCheckDigit(payload) + s),
      fc.constantFrom('card ', 'x', ' ', '/', '.', 'é', '😀', 'ref#'),
    );
    fc.assert(
      fc.property(fc.array(chunk, { maxLength: 12 }), (chunks) => {
        const masked = maskFreeText(chunks.join(''));
        for (const run of digitRuns(masked)) expect(containsLuhnValidSpan(run)).toBe(false);
      }),
      { numRuns: 3000 },
    );
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (text) => {
        const once = maskFreeText(text);
        expect(maskFreeText(once)).toBe(once);
      }),
    );
  });
});

describe('maskEmail', () => {
  it('keeps the domain and the first letter', () => {
    expect(maskEmail(' John@Example.com ')).toBe('j***@example.com');
  });
  it('hides an address without exactly one @ completely', () => {
    expect(maskEmail('a@@b.com')).toBe('***');
    expect(maskEmail('john.example.com')).toBe('***');
  });
});
