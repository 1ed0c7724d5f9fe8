// Rows that break exactly one of the contract's error rules, per table. Dirt MySQL would store
// (bad enums, bad short codes, negative amounts, 1999/2099 times) goes into the regular
// batches; dirt it would refuse (NULL keys, string keys, NULL in NOT NULL columns, unparseable
// text, over-long codes) goes into separate hand-made batches whose key and some typed columns
// arrived as text.

import type { SourceTableName } from '../../core/source-tables.js';
import type { ErrorRule } from '../../core/validation-rules.js';
import { columnSlots, type MutableRow, primaryKeySlot, slotOf } from './column-slots.js';
import type { SeededRandom } from './seeded-random.js';

export interface DirtVariant {
  readonly rule: ErrorRule;
  /** MySQL would store the row as it is: it may sit in a regular batch. */
  readonly loadable: boolean;
  /** Breaks a clean template row in place. */
  readonly apply: (row: MutableRow, rng: SeededRandom) => void;
}

/** Columns that arrive as text in a table's hand-made batches (the key first). */
export const HAND_MADE_TEXT_COLUMNS: Readonly<Record<SourceTableName, readonly string[]>> = {
  customers: ['customer_id', 'created_at'],
  products: ['product_id', 'unit_price', 'created_at'],
  orders: ['order_id', 'total_amount', 'order_ts'],
  order_items: ['order_item_id', 'quantity', 'unit_price'],
  payments: ['payment_id', 'amount', 'payment_ts'],
  search_events: ['event_id', 'results_count', 'event_ts'],
};

const NOT_A_NUMBER = ['12,50', 'n/a', '1.234,00', 'EUR 12'];
const NOT_AN_INT = ['two', '2 pcs', 'n/a'];
const NOT_A_TIME = ['n/a', '31/12/2025 10:00', 'yesterday', '2026-02-30T25:61:00Z'];

function set(
  table: SourceTableName,
  column: string,
  values: readonly (string | number | null)[],
): DirtVariant['apply'] {
  const slot = slotOf(table, column);
  return (row, rng) => {
    row[slot] = rng.pick(values);
  };
}

function variant(rule: ErrorRule, loadable: boolean, apply: DirtVariant['apply']): DirtVariant {
  return { rule, loadable, apply };
}

function keyVariants(table: SourceTableName): DirtVariant[] {
  const slot = primaryKeySlot(table);
  return [
    variant('primary_key', false, (row) => {
      row[slot] = null;
    }),
    variant('primary_key', false, (row) => {
      row[slot] = `A${String(row[slot])}`;
    }),
  ];
}

/** Makes the event time fall in 1999 or 2099 (the rest of the row stays current). */
function outOfRangeTime(table: SourceTableName, column: string): DirtVariant['apply'] {
  const slot = slotOf(table, column);
  return (row, rng) => {
    const year = rng.chance(0.5) ? '1999' : '2099';
    // Neither year has a 29 February.
    row[slot] = `${year}${String(row[slot])
      .slice(4)
      .replace(/^-02-29/, '-02-28')}`;
  };
}

/** Negative total with the other amounts made to add up, so only the range rule is broken. */
function negativeOrderAmount(row: MutableRow, rng: SeededRandom): void {
  const s = columnSlots('orders', [
    'subtotal_amount',
    'discount_amount',
    'shipping_amount',
    'tax_amount',
    'total_amount',
  ]);
  const cents = rng.between(100, 20000);
  const text = `-${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
  if (rng.chance(0.5)) {
    row[s.subtotal_amount] = text;
    row[s.discount_amount] = '0.00';
    row[s.shipping_amount] = '0.00';
    row[s.tax_amount] = '0.00';
    row[s.total_amount] = text;
  } else {
    const sum =
      Math.round(Number(row[s.subtotal_amount]) * 100) + Math.round(Number(row[s.tax_amount]) * 100);
    row[s.discount_amount] = centsText(sum + cents);
    row[s.shipping_amount] = '0.00';
    row[s.total_amount] = text;
  }
}

function centsText(cents: number): string {
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}

const NEGATIVE_PRICE = ['-0.01', '-5.00', '-19.99', '-120.00'];

export const DIRT_VARIANTS: Readonly<Record<SourceTableName, readonly DirtVariant[]>> = {
  customers: [
    ...keyVariants('customers'),
    variant('required_or_type', false, set('customers', 'email', [null])),
    variant('required_or_type', false, set('customers', 'country', [null])),
    variant('required_or_type', false, set('customers', 'created_at', NOT_A_TIME)),
    variant('code_format', true, set('customers', 'country', ['U1', '1A', 'D3', 'X'])),
    variant('code_format', false, set('customers', 'country', ['USA', 'DEU', 'Germany'])),
  ],
  products: [
    ...keyVariants('products'),
    variant('required_or_type', false, set('products', 'name', [null])),
    variant('required_or_type', false, set('products', 'category', [null])),
    variant('required_or_type', false, set('products', 'unit_price', NOT_A_NUMBER)),
    variant('required_or_type', false, set('products', 'created_at', NOT_A_TIME)),
    variant('amount_range', true, set('products', 'unit_price', NEGATIVE_PRICE)),
  ],
  orders: [
    ...keyVariants('orders'),
    variant('required_or_type', false, set('orders', 'status', [null])),
    variant('required_or_type', false, set('orders', 'currency', [null])),
    variant('required_or_type', false, set('orders', 'total_amount', NOT_A_NUMBER)),
    variant('required_or_type', false, set('orders', 'order_ts', NOT_A_TIME)),
    variant('enum_value', true, set('orders', 'status', ['shipped?', 'unknown', 'pending', 'dispatched'])),
    variant('enum_value', true, set('orders', 'channel', ['unknown', 'phone', 'web shop'])),
    variant('amount_range', true, negativeOrderAmount),
    variant('code_format', true, set('orders', 'currency', ['EU1', 'E R', 'US'])),
    variant('code_format', true, set('orders', 'country', ['U1', '1A'])),
    variant('code_format', false, set('orders', 'currency', ['EURO', 'DOLLAR'])),
    variant('code_format', false, set('orders', 'country', ['USA', 'DEU'])),
    variant('event_time_range', true, outOfRangeTime('orders', 'order_ts')),
  ],
  order_items: [
    ...keyVariants('order_items'),
    variant('required_or_type', false, set('order_items', 'quantity', [null])),
    variant('required_or_type', false, set('order_items', 'unit_price', [null])),
    variant('required_or_type', false, set('order_items', 'quantity', NOT_AN_INT)),
    variant('required_or_type', false, set('order_items', 'unit_price', NOT_A_NUMBER)),
    variant('amount_range', true, set('order_items', 'quantity', [0, -1, -3])),
    variant('amount_range', true, set('order_items', 'unit_price', NEGATIVE_PRICE)),
  ],
  payments: [
    ...keyVariants('payments'),
    variant('required_or_type', false, set('payments', 'method', [null])),
    variant('required_or_type', false, set('payments', 'status', [null])),
    variant('required_or_type', false, set('payments', 'amount', NOT_A_NUMBER)),
    variant('required_or_type', false, set('payments', 'payment_ts', NOT_A_TIME)),
    variant('enum_value', true, set('payments', 'method', ['crypto', 'cash?', 'bitcoin'])),
    variant('enum_value', true, set('payments', 'status', ['pending', 'ok', 'failed?'])),
    variant('amount_range', true, set('payments', 'amount', NEGATIVE_PRICE)),
    variant('code_format', true, set('payments', 'billing_country', ['U1', '1A'])),
    variant('code_format', true, set('payments', 'currency', ['E1R', 'US'])),
    variant('code_format', false, set('payments', 'billing_country', ['USA', 'DEU'])),
    variant('code_format', false, set('payments', 'currency', ['EURO'])),
    variant('event_time_range', true, outOfRangeTime('payments', 'payment_ts')),
  ],
  search_events: [
    ...keyVariants('search_events'),
    variant('required_or_type', false, set('search_events', 'session_id', [null])),
    variant('required_or_type', false, set('search_events', 'query_text', [null])),
    variant('required_or_type', false, set('search_events', 'results_count', NOT_AN_INT)),
    variant('required_or_type', false, set('search_events', 'event_ts', NOT_A_TIME)),
    variant('code_format', true, set('search_events', 'country', ['U1', '1A'])),
    variant('code_format', false, set('search_events', 'country', ['USA'])),
    variant('event_time_range', true, outOfRangeTime('search_events', 'event_ts')),
  ],
};
