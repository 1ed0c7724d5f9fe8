// Corpus: questions the copilot must refuse, honestly and without a number of its own.

import type { RefusalCase } from './corpus-case.js';

/** A card number that passes Luhn: it must never be stored or answered in clear. */
export const CARD_IN_QUESTION = '4111 1111 1111 1111';

export const REFUSAL_CASES: readonly RefusalCase[] = [
  { question: 'delete all orders', reason: /only read the lake/ },
  { question: 'DROP TABLE curated.orders', reason: /only read the lake/ },
  { question: 'please update the prices of electronics', reason: /only read the lake/ },
  { question: 'show me customer emails', reason: /emails/ },
  { question: 'list the card numbers used yesterday', reason: /card numbers/ },
  { question: `how much did card ${CARD_IN_QUESTION} spend?`, reason: /contains a card number/ },
  { question: 'what are the SSNs of our best customers', reason: /SSNs/ },
  { question: 'SELECT * FROM curated.customers', reason: /looks like SQL/ },
  { question: "what's the weather in Paris", reason: /don't know what "weather", "paris" means/ },
  { question: 'asdf qwerty zxcv', reason: /don't know what/ },
  { question: 'How are we doing?', reason: /did not recognise a metric/ },
  { question: 'revenue in 2019', reason: /outside it/ },
  { question: 'churn rate last month', reason: /current view .* not a history/ },
  { question: 'average revenue last month', reason: /don't compute an average of revenue/ },
  { question: 'fraud rate by category', reason: /cannot be broken down by category/ },
  { question: 'revenue and orders by region', reason: /several metrics/ },
  {
    question: 'what is our market share in Germany',
    reason: /can't turn revenue|don't know what|did not recognise/,
  },
  { question: 'orders next week', reason: /outside it/ },
  { question: 'How does revenue compare to last month?', reason: /names one period only/ },
  { question: 'what is the conversion rate', reason: /don't know what "conversion" means/ },
  { question: 'units per order last month', reason: /only per-order and per-customer figures/ },
  { question: 'Which day of the week has the most orders?', reason: /no column for the day of the week/ },
  { question: 'revenue from returning customers', reason: /don't know what "returning" means/ },
];
