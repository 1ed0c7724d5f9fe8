// Payment rows and their life: authorized, then captured (or declined), later perhaps refunded
// or charged back. Card payments carry the PAN as typed (sometimes mistyped), CVV, expiry,
// holder and brand; other methods leave those empty.

import { type Card, cvvFor, expiryAfter, formatCardNumber, mistype } from './card-numbers.js';
import { columnSlots, emptyRow, type MutableRow } from './column-slots.js';
import type { SeededRandom } from './seeded-random.js';
import { formatCents, formatTimestamp, US_PER_DAY, US_PER_MINUTE } from './timestamp-text.js';
import type { TimedState } from './version-queue.js';

export const PAYMENT = columnSlots('payments', [
  'payment_id',
  'order_id',
  'customer_id',
  'payment_ts',
  'method',
  'card_number',
  'card_cvv',
  'card_expiry',
  'card_holder',
  'card_brand',
  'billing_country',
  'amount',
  'currency',
  'status',
  'ip_address',
  'device_id',
  'updated_at',
]);

export type PaymentMethod = 'card' | 'paypal' | 'bank_transfer' | 'gift_card' | 'wallet';

export interface PaymentRequest {
  readonly paymentId: number;
  readonly orderId: number;
  readonly customerId: number;
  readonly us: number;
  readonly method: PaymentMethod;
  readonly amountCents: number;
  readonly currency: string;
  readonly billingCountry: string | null;
  readonly card?: Card;
  readonly holder: string;
  readonly ip: string | null;
  readonly device: string | null;
  readonly declined: boolean;
  /** When an authorization is captured (default: minutes later, days for bank transfers). */
  readonly captureUs?: number;
}

/** When the money goes back: a refund (return, cancellation) or a chargeback (fraud label). */
export interface MoneyBack {
  readonly refundUs?: number;
  readonly chargebackUs?: number;
}

export interface PaymentOutcome {
  readonly states: TimedState[];
  /** Whether card_number passes Luhn (undefined without a card). */
  readonly luhnValid?: boolean;
}

/** Builds the payment's states; `planted` rows may get mistyped cards and odd casing. */
export function paymentStates(
  request: PaymentRequest,
  planted: boolean,
  rng: SeededRandom,
  back: MoneyBack = {},
): PaymentOutcome {
  const row = emptyRow('payments');
  row[PAYMENT.payment_id] = request.paymentId;
  row[PAYMENT.order_id] = request.orderId;
  row[PAYMENT.customer_id] = request.customerId;
  row[PAYMENT.payment_ts] = formatTimestamp(request.us);
  row[PAYMENT.method] =
    planted && rng.chance(0.005) ? rng.pick(['CARD ', ' Card', 'PayPal', 'Wallet']) : request.method;
  let luhnValid: boolean | undefined;
  if (request.card) {
    const typo = planted && rng.chance(0.004);
    luhnValid = !typo;
    row[PAYMENT.card_number] = formatCardNumber(
      typo ? mistype(request.card.digits, rng) : request.card.digits,
      rng,
    );
    row[PAYMENT.card_cvv] = cvvFor(request.card.brand, rng);
    row[PAYMENT.card_expiry] = expiryAfter(new Date(request.us / 1000).getUTCFullYear(), rng);
    row[PAYMENT.card_holder] = rng.chance(0.6) ? upperCase(request.holder) : request.holder;
    row[PAYMENT.card_brand] = rng.chance(0.85) ? request.card.brand : request.card.brand.toUpperCase();
  }
  row[PAYMENT.billing_country] = request.billingCountry;
  row[PAYMENT.amount] = formatCents(request.amountCents);
  row[PAYMENT.currency] =
    planted && rng.chance(0.005) ? `${request.currency.toLowerCase()} ` : request.currency;
  row[PAYMENT.ip_address] = request.ip;
  row[PAYMENT.device_id] = request.device;
  const at = (us: number, status: string, statusVariant = false): MutableRow => {
    const state = row.slice();
    state[PAYMENT.status] = statusVariant
      ? rng.pick([` ${status}`, status.toUpperCase(), `${status[0]!.toUpperCase()}${status.slice(1)} `])
      : status;
    state[PAYMENT.updated_at] = us === request.us ? row[PAYMENT.payment_ts]! : formatTimestamp(us);
    return state;
  };
  if (request.declined)
    return { states: [{ us: request.us, build: () => at(request.us, 'declined') }], luhnValid };
  const captureUs = request.captureUs ?? request.us + captureDelay(request.method, rng);
  const capturedVariant = planted && rng.chance(0.005);
  const states: TimedState[] = [
    { us: request.us, build: () => at(request.us, 'authorized') },
    { us: captureUs, build: () => at(captureUs, 'captured', capturedVariant) },
  ];
  const { chargebackUs, refundUs } = back;
  if (chargebackUs !== undefined && chargebackUs > captureUs) {
    states.push({
      us: chargebackUs,
      build: () => at(chargebackUs, 'chargeback'),
      chargebackOf: request.paymentId,
      separate: true,
    });
  } else if (refundUs !== undefined && refundUs > captureUs) {
    states.push({ us: refundUs, build: () => at(refundUs, 'refunded') });
  }
  return { states, luhnValid };
}

const UPPER = new Map<string, string>();

/** Card holders are often embossed in capitals; one string per name. */
function upperCase(text: string): string {
  let upper = UPPER.get(text);
  if (upper === undefined) {
    upper = text.toUpperCase();
    UPPER.set(text, upper);
  }
  return upper;
}

/** Cards and wallets capture within the half hour; bank transfers clear in days. */
export function captureDelay(method: PaymentMethod, rng: SeededRandom): number {
  return method === 'bank_transfer'
    ? rng.uniform(1, 3) * US_PER_DAY
    : rng.uniform(1 * US_PER_MINUTE, 30 * US_PER_MINUTE);
}

/** Sometimes the first try with a card fails and the shopper tries again. */
export function firstTryDeclined(method: PaymentMethod, rng: SeededRandom): boolean {
  return (method === 'card' && rng.chance(0.18)) || (method === 'paypal' && rng.chance(0.08));
}
