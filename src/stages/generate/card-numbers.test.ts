import { describe, expect, it } from 'vitest';
import { isLuhnValid as passesLuhn } from '../curate/masking/luhn.js';
import { cardFromSeed, formatCardNumber, groups, mistype } from './card-numbers.js';
import { SeededRandom } from './seeded-random.js';

describe('card numbers', () => {
  it('makes Luhn-valid numbers of real brands and lengths, the same for the same seed', () => {
    const lengths = new Set<number>();
    for (let seed = 0; seed < 2000; seed++) {
      const card = cardFromSeed(seed);
      expect(passesLuhn(card.digits)).toBe(true);
      lengths.add(card.digits.length);
      if (card.brand === 'amex') expect(card.digits).toMatch(/^3[47]\d{13}$/);
    }
    expect([...lengths].sort()).toEqual([13, 15, 16, 19]);
    expect(cardFromSeed(42)).toEqual(cardFromSeed(42));
  });

  it('breaks the Luhn check with a single mistyped digit', () => {
    const rng = new SeededRandom(1);
    for (let seed = 0; seed < 500; seed++)
      expect(passesLuhn(mistype(cardFromSeed(seed).digits, rng))).toBe(false);
  });

  it('groups Amex 4-6-5 and others in fours, keeping the digits', () => {
    expect(groups('378282246310005')).toEqual(['3782', '822463', '10005']);
    expect(groups('4111111111111111')).toEqual(['4111', '1111', '1111', '1111']);
    const rng = new SeededRandom(2);
    for (let i = 0; i < 50; i++)
      expect(formatCardNumber('4111111111111111', rng).replace(/[ -]/g, '')).toBe('4111111111111111');
  });
});
