// Turns an order plan into rows: the order (with its status flow placed → paid → shipped →
// delivered, sometimes cancelled or returned), its items and its payments, exported per chunk
// with later states queued as versions. Fraudulent payments are recorded for the ground truth.

import type { Card } from './card-numbers.js';
import { columnSlots, emptyRow, type MutableRow } from './column-slots.js';
import { orderNote, type SecretKind } from './free-text.js';
import type { FraudPattern } from './ground-truth.js';
import { type BasketKind, buildBasket } from './order-basket.js';
import {
  captureDelay,
  firstTryDeclined,
  type PaymentMethod,
  type PaymentRequest,
  paymentStates,
} from './payment-rows.js';
import type { SeededRandom } from './seeded-random.js';
import { formatCents, formatTimestamp, US_PER_DAY, US_PER_HOUR, US_PER_SECOND } from './timestamp-text.js';
import type { TimedState } from './version-queue.js';
import type { WorldContext } from './world-context.js';
import { COUNTRIES, REGIONS } from './world-geography.js';

export const ORDER = columnSlots('orders', [
  'order_id',
  'customer_id',
  'order_ts',
  'status',
  'channel',
  'currency',
  'country',
  'region',
  'subtotal_amount',
  'discount_amount',
  'shipping_amount',
  'tax_amount',
  'total_amount',
  'ip_address',
  'notes',
  'updated_at',
]);

export interface OrderPlan {
  readonly us: number;
  readonly customerId: number;
  /** The customer's country: currency and tax. */
  readonly homeCountry: number;
  /** Where it ships: orders.country. */
  readonly shipCountry: number;
  readonly channel: 'web' | 'mobile' | 'store' | 'marketplace';
  readonly basket: BasketKind;
  readonly category: number;
  readonly otherCategory: () => number;
  readonly method: PaymentMethod;
  readonly card?: Card;
  readonly billingCountry: string | null;
  readonly holder: string;
  readonly ip: string | null;
  readonly device: string | null;
  readonly fraud?: FraudPattern;
  /** Card testing: the cards tried one after the other, and which of them went through. */
  readonly attempts?: readonly { readonly card: Card; readonly declined: boolean }[];
  readonly warning?: 'orphan_reference' | 'total_mismatch';
}

/** Emits the order, its items and payments; returns the order id. */
export function emitOrder(ctx: WorldContext, plan: OrderPlan): number {
  const { rng, main, tally, ids } = ctx;
  const orderId = ids.take('orders');
  const home = COUNTRIES[plan.homeCountry]!;
  const basket = buildBasket(
    ctx.catalog,
    {
      orderId,
      us: plan.us,
      country: plan.homeCountry,
      category: plan.category,
      kind: plan.basket,
      inStore: plan.channel === 'store',
      otherCategory: plan.otherCategory,
      nextItemId: () => ids.take('order_items'),
    },
    rng,
  );
  for (const item of basket.items) main.order_items.fresh(item);
  const total =
    plan.warning === 'total_mismatch'
      ? basket.total + rng.between(1, 50) * 100 * (rng.chance(0.5) ? 1 : -1)
      : basket.total;

  const row = emptyRow('orders');
  row[ORDER.order_id] = orderId;
  row[ORDER.customer_id] = plan.customerId;
  row[ORDER.order_ts] = formatTimestamp(plan.us);
  // Values a validator accepts after trim + lower/upper-case; the world's first order has them all.
  const odd = orderId === 1;
  row[ORDER.channel] = odd
    ? plan.channel.toUpperCase()
    : rng.chance(0.005)
      ? rng.pick([plan.channel.toUpperCase(), ` ${plan.channel}`])
      : plan.channel;
  row[ORDER.currency] = odd
    ? `${home.currency.toLowerCase()} `
    : rng.chance(0.005)
      ? rng.pick([home.currency.toLowerCase(), `${home.currency.toLowerCase()} `])
      : home.currency;
  row[ORDER.country] = rng.chance(0.003)
    ? COUNTRIES[plan.shipCountry]!.code.toLowerCase()
    : COUNTRIES[plan.shipCountry]!.code;
  row[ORDER.region] = REGIONS[COUNTRIES[plan.shipCountry]!.region]!;
  row[ORDER.subtotal_amount] = formatCents(basket.subtotal);
  row[ORDER.discount_amount] = formatCents(basket.discount);
  row[ORDER.shipping_amount] = formatCents(basket.shipping);
  row[ORDER.tax_amount] = formatCents(basket.tax);
  row[ORDER.total_amount] = formatCents(Math.max(0, total));
  row[ORDER.ip_address] = plan.ip;
  if (rng.chance(0.07)) {
    const roll = rng.next();
    const kind: SecretKind | undefined =
      roll < 0.06 ? 'pan' : roll < 0.07 ? 'ssn' : roll < 0.1 ? 'email' : undefined;
    const note = orderNote(rng, kind);
    row[ORDER.notes] = note.text;
    tally.freeText('orders.notes', note);
  }

  // Payments first: the order's flow depends on whether any of them went through.
  const requests = paymentRequests(ctx, plan, orderId, Math.max(0, total));
  const paid = requests.find((r) => !r.declined);
  const flow = plan.warning
    ? [{ us: plan.us, status: plan.warning === 'orphan_reference' ? 'placed' : 'paid' }]
    : orderFlow(plan, paid, rng);
  const refundUs = flow.find((s) => s.status === 'cancelled' || s.status === 'returned')?.us;
  for (const request of requests) {
    const chargeback =
      plan.fraud !== undefined && !request.declined && rng.chance(0.4)
        ? plan.us + rng.uniform(15, 60) * US_PER_DAY
        : undefined;
    const refund = refundUs === undefined ? undefined : refundUs + rng.uniform(0.5, 3) * US_PER_DAY;
    const outcome = paymentStates(request, true, rng, { refundUs: refund, chargebackUs: chargeback });
    if (outcome.luhnValid !== undefined) tally.cardNumber(outcome.luhnValid);
    main.payments.fresh(ctx.versions.exportTimeline('payments', outcome.states, ctx.chunk, rng));
    if (plan.fraud) tally.fraudulent(plan.fraud, request.paymentId);
  }

  const variant = odd ? -2 : rng.chance(0.005) ? rng.int(flow.length) : -1;
  const states: TimedState[] = flow.map((state, i) => ({
    us: state.us,
    build: (): MutableRow => {
      const version = row.slice();
      version[ORDER.status] =
        variant === -2
          ? ` ${capitalised(state.status)} `
          : i === variant
            ? rng.pick([` ${capitalised(state.status)} `, state.status.toUpperCase(), ` ${state.status}`])
            : state.status;
      version[ORDER.updated_at] = state.us === plan.us ? row[ORDER.order_ts]! : formatTimestamp(state.us);
      return version;
    },
  }));
  if (plan.warning) main.orders.fresh(states[0]!.build(), plan.warning);
  else main.orders.fresh(ctx.versions.exportTimeline('orders', states, ctx.chunk, rng));
  return orderId;
}

function paymentRequests(
  ctx: WorldContext,
  plan: OrderPlan,
  orderId: number,
  total: number,
): PaymentRequest[] {
  if (plan.warning === 'orphan_reference') return [];
  const { rng, ids } = ctx;
  const currency = COUNTRIES[plan.homeCountry]!.currency;
  // Plain literals with every field: spreading optional fields is slow on this hot path.
  const request = (
    us: number,
    method: PaymentMethod,
    card: Card | undefined,
    amountCents: number,
    declined: boolean,
    captureUs?: number,
  ): PaymentRequest => ({
    paymentId: ids.take('payments'),
    orderId,
    customerId: plan.customerId,
    us,
    method,
    amountCents,
    currency,
    billingCountry: plan.billingCountry,
    card,
    holder: plan.holder,
    ip: plan.ip,
    device: plan.device,
    declined,
    captureUs,
  });
  if (plan.attempts) {
    let at = plan.us;
    return plan.attempts.map((attempt) => {
      at += rng.uniform(5, 40) * US_PER_SECOND;
      return request(at, 'card', attempt.card, total, attempt.declined);
    });
  }
  const requests: PaymentRequest[] = [];
  let at = plan.us + rng.uniform(2, 30) * US_PER_SECOND;
  const card = plan.method === 'card' ? plan.card : undefined;
  let remaining = total;
  if (!plan.fraud && plan.method === 'card' && rng.chance(0.04) && total > 2000) {
    const gift = Math.min(total - 100, rng.between(10, 50) * 100);
    requests.push(request(at, 'gift_card', undefined, gift, false));
    remaining -= gift;
    at += rng.uniform(5, 60) * US_PER_SECOND;
  }
  if (!plan.fraud && firstTryDeclined(plan.method, rng)) {
    requests.push(request(at, plan.method, card, remaining, true));
    at += rng.uniform(30, 300) * US_PER_SECOND;
  }
  requests.push(request(at, plan.method, card, remaining, false, at + captureDelay(plan.method, rng)));
  return requests;
}

/** The order's statuses over time; fraudsters never return anything. */
function orderFlow(
  plan: OrderPlan,
  paid: PaymentRequest | undefined,
  rng: SeededRandom,
): { us: number; status: string }[] {
  const t0 = plan.us;
  if (!paid)
    return [
      { us: t0, status: 'placed' },
      { us: t0 + rng.uniform(0.2, 2) * US_PER_HOUR, status: 'cancelled' },
    ];
  const paidUs = paid.method === 'bank_transfer' && paid.captureUs !== undefined ? paid.captureUs : t0;
  const flow =
    paidUs > t0
      ? [
          { us: t0, status: 'placed' },
          { us: paidUs, status: 'paid' },
        ]
      : [{ us: t0, status: 'paid' }];
  if (plan.channel === 'store') {
    const delivered = [{ us: t0, status: 'delivered' }];
    if (!plan.fraud && rng.chance(0.03))
      delivered.push({ us: t0 + rng.uniform(2, 20) * US_PER_DAY, status: 'returned' });
    return delivered;
  }
  if (!plan.fraud && rng.chance(0.03))
    return [...flow, { us: paidUs + rng.uniform(1, 12) * US_PER_HOUR, status: 'cancelled' }];
  const shipped = paidUs + rng.uniform(0.3, 3) * US_PER_DAY;
  const delivered = shipped + rng.uniform(1, 6) * US_PER_DAY;
  flow.push({ us: shipped, status: 'shipped' }, { us: delivered, status: 'delivered' });
  if (!plan.fraud && rng.chance(0.06))
    flow.push({ us: delivered + rng.uniform(3, 25) * US_PER_DAY, status: 'returned' });
  return flow;
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
