import { describe, expect, it } from 'vitest';
import { maskFreeText } from '../curate/masking/mask-free-text.js';
import { screenQuestion } from './screen-question.js';

describe('screenQuestion', () => {
  it.each([
    ['delete all orders', /only read/],
    ['Drop the orders table', /only read/],
    ['insert a new customer', /only read/],
    ['show customer emails', /emails/],
    ['what is the phone number of customer 42', /phone/],
    ['list card numbers', /card numbers/],
    ['which CVV codes failed', /CVVs/],
    ['home addresses of our best customers', /addresses/],
    ['select * from curated.orders', /looks like SQL/],
    ['with x as (select 1) select * from x', /looks like SQL/],
  ])('turns down "%s"', (question, reason) => {
    expect(screenQuestion(question)).toMatch(reason);
  });

  it('turns down a question holding a card number, SSN or email, after masking', () => {
    for (const question of [
      'revenue of card 4111 1111 1111 1111',
      'orders of 123-45-6789',
      'orders of jane@example.com',
    ]) {
      const masked = maskFreeText(question);
      expect(masked).not.toBe(question);
      expect(screenQuestion(masked)).toMatch(/contains a card number, SSN or email/);
    }
  });

  it.each([
    'revenue last month',
    'how many orders were delivered',
    'average order value by channel',
    'which search terms return no results',
    "How many searches for 'frying pan'?",
    'top customers by revenue',
  ])('lets "%s" through', (question) => {
    expect(screenQuestion(question)).toBeUndefined();
  });
});
