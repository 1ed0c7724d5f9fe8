// Free text as people type it into forms, including what they should not: card numbers,
// social security numbers and email addresses pasted into notes, CRM hints, gift messages
// and the search box. Each text reports what it holds, for the ground truth. Decoys (order
// references, phone numbers) look like digits to mask but fail the Luhn check.

import { isLuhnValid } from '../curate/masking/luhn.js';
import { cardFromSeed, formatCardNumber, mistype } from './card-numbers.js';
import type { SeededRandom } from './seeded-random.js';

export interface FreeText {
  readonly text: string;
  readonly pans: number;
  readonly ssns: number;
  readonly emails: number;
}

export type SecretKind = 'pan' | 'ssn' | 'email';

const NOTES = [
  'Leave the parcel at the back door',
  'Please gift wrap',
  'Ring twice, the bell is broken',
  'Call me before delivery',
  'Deliver after 6pm please',
  'No plastic packaging please',
  'Fragile, handle with care',
  'Leave with the neighbour at no. 12',
];
const HINTS = [
  'vip',
  'b2b',
  'student',
  'newsletter',
  'wholesale lead',
  'churn risk',
  'loyalty gold',
  'press',
];
const GIFTS = [
  'Happy birthday!',
  'Merry Christmas from all of us',
  'Congratulations on the new job',
  'With love, M.',
  'Get well soon',
];
const MAIL = ['gmail.com', 'yahoo.com', 'outlook.com', 'web.de', 'mail.com'];

export function ssnText(rng: SeededRandom): string {
  let area = rng.between(1, 899);
  if (area === 666) area = 667;
  return `${String(area).padStart(3, '0')}-${String(rng.between(1, 99)).padStart(2, '0')}-${String(rng.between(1, 9999)).padStart(4, '0')}`;
}

export function panText(rng: SeededRandom): string {
  return formatCardNumber(cardFromSeed(rng.nextUint32()).digits, rng).trim();
}

export function emailText(rng: SeededRandom): string {
  const user = rng.pick(['jane.doe', 'j.smith', 'mike', 'ana.silva', 'kenji.t', 'lea.m', 'ops', 'billing']);
  return `${user}${rng.between(1, 99)}@${rng.pick(MAIL)}`;
}

/** A 13-digit reference that must not be mistaken for a card: it fails Luhn. */
export function decoyDigits(rng: SeededRandom): string {
  let digits = String(rng.between(1, 9));
  while (digits.length < 13) digits += String(rng.int(10));
  return isLuhnValid(digits) ? mistype(digits, rng) : digits;
}

function holding(text: string, kind: SecretKind | undefined): FreeText {
  return {
    text,
    pans: kind === 'pan' ? 1 : 0,
    ssns: kind === 'ssn' ? 1 : 0,
    emails: kind === 'email' ? 1 : 0,
  };
}

function secret(kind: SecretKind, rng: SeededRandom): string {
  return kind === 'pan' ? panText(rng) : kind === 'ssn' ? ssnText(rng) : emailText(rng);
}

/** orders.notes: mostly harmless instructions. */
export function orderNote(rng: SeededRandom, kind?: SecretKind): FreeText {
  if (kind === 'pan')
    return holding(
      rng.pick(['Please charge my other card ', 'card: ', 'use this one if it fails ']) + panText(rng),
      kind,
    );
  if (kind === 'ssn')
    return holding(rng.pick(['tax id for the invoice ', 'my ssn is ']) + ssnText(rng), kind);
  if (kind === 'email') return holding(rng.pick(['send the invoice to ', 'contact ']) + emailText(rng), kind);
  if (rng.chance(0.08))
    return holding(`${rng.pick(['order ref ', 'ref. no. ', 'parcel '])}${decoyDigits(rng)}`, undefined);
  return holding(rng.pick(NOTES), undefined);
}

/** customers.segment_hint: CRM labels in at most 32 characters. */
export function segmentHint(rng: SeededRandom, kind?: SecretKind): FreeText {
  if (kind === undefined) return holding(rng.pick(HINTS), undefined);
  const value = secret(kind, rng);
  const text = kind === 'ssn' ? `ssn ${value}` : value;
  return holding(text.length <= 32 ? text : text.slice(0, 32), text.length <= 32 ? kind : undefined);
}

/** The extra gift_message column of some order exports. */
export function giftMessage(rng: SeededRandom, kind?: SecretKind): FreeText {
  const greeting = rng.pick(GIFTS);
  return kind === undefined
    ? holding(greeting, undefined)
    : holding(`${greeting} (${secret(kind, rng)})`, kind);
}

/** What a confused shopper types into the search box. */
export function pastedQuery(rng: SeededRandom, kind: SecretKind): FreeText {
  const value = secret(kind, rng);
  const prefix =
    kind === 'email' ? rng.pick(['order status ', 'my account ', '']) : kind === 'ssn' ? 'refund ssn ' : '';
  return holding(`${prefix}${value}`, kind);
}
