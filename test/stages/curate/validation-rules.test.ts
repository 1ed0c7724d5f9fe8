import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  context,
  createTestLake,
  curatedRows,
  putRaw,
  rawEvent,
  type TestLake,
  testHandler,
} from '../../support/raw-fixtures.js';
import { customer, order, orderItem, payment, searchEvent } from '../../support/source-rows.js';

let lake: TestLake;
beforeEach(async () => {
  lake = await createTestLake();
});
afterEach(async () => {
  await lake.close();
});

async function curate(
  table: Parameters<typeof putRaw>[1],
  rows: Record<string, unknown>[],
  types: Record<string, string> = {},
) {
  const key = await putRaw(lake, table, `${table}/dt=2026-01-11/b1.parquet`, rows, types);
  const result = await testHandler(lake)(await rawEvent(lake, [key]), context());
  return { result, table: result.tables[0]! };
}

describe('error rules quarantine the row with the rule name', () => {
  it.each([
    ['primary_key', 'orders', [order(1, { order_id: null })], {}],
    ['primary_key', 'orders', [order(1, { order_id: 'A17' })], { order_id: 'VARCHAR' }],
    ['primary_key', 'orders', [order(1, { order_id: '12.5' })], { order_id: 'VARCHAR' }],
    ['required_or_type', 'orders', [order(1, { channel: null })], {}],
    ['required_or_type', 'orders', [order(1, { total_amount: '12,50' })], { total_amount: 'VARCHAR' }],
    ['required_or_type', 'orders', [order(1, { order_ts: 'yesterday' })], { order_ts: 'VARCHAR' }],
    ['required_or_type', 'order_items', [orderItem(1, { quantity: 'two' })], { quantity: 'VARCHAR' }],
    ['enum_value', 'orders', [order(1, { status: 'shipped?' })], {}],
    ['enum_value', 'orders', [order(1, { channel: 'fax' })], {}],
    ['enum_value', 'payments', [payment(1, { method: 'barter' })], {}],
    ['enum_value', 'payments', [payment(1, { status: 'maybe' })], {}],
    ['amount_range', 'order_items', [orderItem(1, { quantity: 0 })], {}],
    ['amount_range', 'order_items', [orderItem(1, { unit_price: '-1.00' })], {}],
    ['amount_range', 'payments', [payment(1, { amount: '-0.01' })], {}],
    ['amount_range', 'orders', [order(1, { total_amount: '-5.00' })], {}],
    ['amount_range', 'orders', [order(1, { subtotal_amount: '-5.00' })], {}],
    ['code_format', 'orders', [order(1, { country: 'USA' })], {}],
    ['code_format', 'orders', [order(1, { currency: 'EURO' })], {}],
    ['code_format', 'payments', [payment(1, { billing_country: 'U1' })], {}],
    ['code_format', 'customers', [customer(1, { country: 'G' })], {}],
    ['event_time_range', 'orders', [order(1, { order_ts: '1999-12-31 23:59:59' })], {}],
    ['event_time_range', 'payments', [payment(1, { payment_ts: '2099-01-01 00:00:00' })], {}],
    ['event_time_range', 'search_events', [searchEvent(1, { event_ts: '2099-01-01 00:00:00' })], {}],
  ] as const)('%s: %s %j', async (rule, table, rows, types) => {
    const { table: result } = await curate(table, [...rows], { ...types });
    expect(result.rejectedByRule).toEqual({ [rule]: 1 });
    expect(result.rowsKept).toBe(0);
    const quarantine = await curatedRows(lake, table, 'quarantine');
    expect(quarantine).toHaveLength(1);
    expect(quarantine[0]).toMatchObject({
      _reject_rule: rule,
      _source_key: `${table}/dt=2026-01-11/b1.parquet`,
    });
    expect(String(quarantine[0]!._reject_detail).length).toBeGreaterThan(5);
  });

  it('keeps values that are valid after trim and case normalisation', async () => {
    const { table } = await curate('orders', [
      order(1, { status: ' Paid ', channel: 'WEB', country: 'de', currency: ' eur' }),
    ]);
    expect(table.rowsKept).toBe(1);
    expect(await curatedRows(lake, 'orders')).toMatchObject([
      { status: 'paid', channel: 'web', country: 'DE', currency: 'EUR' },
    ]);
  });

  it('coerces drifted string columns that parse', async () => {
    const { table } = await curate(
      'orders',
      [
        order(1, {
          order_id: '1',
          total_amount: '114.00',
          order_ts: '2026-01-10T11:00:00+01:00',
          customer_id: ' 1 ',
        }),
      ],
      { order_id: 'VARCHAR', total_amount: 'VARCHAR', order_ts: 'VARCHAR', customer_id: 'VARCHAR' },
    );
    expect(table.rowsKept).toBe(1);
    expect(await curatedRows(lake, 'orders')).toMatchObject([
      { order_id: '1', total_amount: '114.00', order_ts: '2026-01-10 10:00:00' },
    ]);
  });

  it('names the first broken rule and details all of them', async () => {
    await curate('orders', [order(1, { status: 'nope', country: 'XYZ' })]);
    const [row] = await curatedRows(lake, 'orders', 'quarantine');
    expect(row!._reject_rule).toBe('enum_value');
    expect(row!._reject_detail).toMatch(/status 'nope'.*country 'XYZ'/);
  });
});

describe('warn rules keep the row and count it', () => {
  it('counts a malformed email', async () => {
    const { table } = await curate('customers', [
      customer(1, { email: 'john.example.com' }),
      customer(2, { email: 'a@@b.com' }),
      customer(3, { email: 'x@localhost' }),
      customer(4),
    ]);
    expect(table.rowsKept).toBe(4);
    expect(table.warningsByRule).toEqual({ email_format: 3 });
  });

  it('counts an order whose totals do not add up', async () => {
    await curate('customers', [customer(1)]);
    const key = await putRaw(lake, 'orders', 'orders/dt=2026-01-11/b2.parquet', [
      order(1, { total_amount: '999.00' }),
      order(2),
    ]);
    const result = await testHandler(lake)(await rawEvent(lake, [key]), context());
    expect(result.tables[0]!.warningsByRule).toEqual({ total_mismatch: 1 });
  });

  it('counts references to parents curated has not seen', async () => {
    await curate('customers', [customer(1)]);
    const key = await putRaw(lake, 'orders', 'orders/dt=2026-01-11/b2.parquet', [
      order(1),
      order(2, { customer_id: 404 }),
    ]);
    const result = await testHandler(lake)(await rawEvent(lake, [key]), context());
    expect(result.tables[0]!.warningsByRule).toEqual({ orphan_reference: 1 });
    expect(result.tables[0]!.rowsKept).toBe(2);
  });
});
