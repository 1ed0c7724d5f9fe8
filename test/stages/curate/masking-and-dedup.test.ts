import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hmacToken } from '../../../src/stages/curate/masking/hmac-token.js';
import {
  context,
  createTestLake,
  curatedRows,
  putRaw,
  rawEvent,
  TEST_HMAC_KEY,
  type TestLake,
  testHandler,
} from '../../support/raw-fixtures.js';
import { customer, order, payment } from '../../support/source-rows.js';

let lake: TestLake;
beforeEach(async () => {
  lake = await createTestLake();
});
afterEach(async () => {
  await lake.close();
});

async function curateKeys(keys: string[], id = 'run') {
  return testHandler(lake)(await rawEvent(lake, keys), context(id));
}

describe('masking', () => {
  it('replaces a card number by BIN, last four and a keyed token, and drops the CVV', async () => {
    const key = await putRaw(lake, 'payments', 'payments/dt=2026-01-11/b.parquet', [
      payment(1, { card_number: ' 4111-1111-1111-1111 ' }),
      payment(2, { card_number: '4111111111111112' }),
      payment(3, { card_number: null, method: 'paypal', card_cvv: null }),
    ]);
    await curateKeys([key]);
    const rows = await curatedRows(lake, 'payments');
    expect(Object.keys(rows[0]!)).not.toContain('card_number');
    expect(Object.keys(rows[0]!)).not.toContain('card_cvv');
    expect(rows[0]).toMatchObject({
      card_bin: '411111',
      card_last4: '1111',
      card_token: hmacToken(TEST_HMAC_KEY, '4111111111111111'),
    });
    expect(rows[1]!.card_token).toBe(hmacToken(TEST_HMAC_KEY, '4111111111111112'));
    expect(rows[2]).toMatchObject({ card_bin: null, card_last4: null, card_token: null });
    expect(rows[0]!.card_holder_token).toBe(hmacToken(TEST_HMAC_KEY, 'ada lovelace'));
    expect(JSON.stringify(rows)).not.toMatch(/4111.?1111.?1111.?111[12]|737|ADA LOVELACE|203\.0\.113\.7/);
  });

  it('tokenizes SSN, email, names and phone of a customer', async () => {
    const key = await putRaw(lake, 'customers', 'customers/dt=2026-01-11/b.parquet', [
      customer(1, { segment_hint: 'vip, card 5555 5555 5555 4444, ssn 987-65-4321, mail x.y@corp.com' }),
    ]);
    await curateKeys([key]);
    const [row] = await curatedRows(lake, 'customers');
    expect(row).toMatchObject({
      email_masked: 'p***@example.com',
      email_token: hmacToken(TEST_HMAC_KEY, 'person1@example.com'),
      ssn_last4: '6789',
      ssn_token: hmacToken(TEST_HMAC_KEY, '123456789'),
      birth_year: 1990,
      segment_hint: 'vip, card [card ****4444], ssn [ssn ***-**-****], mail x***@corp.com',
    });
    for (const gone of ['email', 'ssn', 'first_name', 'last_name', 'phone', 'date_of_birth'])
      expect(Object.keys(row!)).not.toContain(gone);
    expect(JSON.stringify(row)).not.toMatch(/Ada|Lovelace|7946|123-45-6789|Person1@/i);
  });

  it('masks card data in quarantined rows and in extra columns too', async () => {
    const key = await putRaw(lake, 'payments', 'payments/dt=2026-01-11/b.parquet', [
      payment(1, { status: 'bogus', card_number: '5555555555554444', note_x: 'pan 4012888888881881' }),
      payment(2, { note_x: 'call 4012 8888 8888 1881', cvv2: '123' }),
    ]);
    const result = await curateKeys([key]);
    expect(result.tables[0]!.droppedExtraColumns).toEqual(['cvv2']);
    const kept = await curatedRows(lake, 'payments');
    const quarantined = await curatedRows(lake, 'payments', 'quarantine');
    expect(kept[0]!.note_x).toBe('call [card ****1881]');
    expect(quarantined[0]).toMatchObject({
      _reject_rule: 'enum_value',
      card_last4: '4444',
      note_x: 'pan [card ****1881]',
    });
    expect(JSON.stringify([kept, quarantined])).not.toMatch(
      /5555555555554444|4012.?8888.?8888.?1881|"123"|737/,
    );
  });
});

describe('deduplication', () => {
  it('keeps the latest version by updated_at across batches and collapses exact copies', async () => {
    const k1 = await putRaw(lake, 'orders', 'orders/dt=2026-01-11/b1.parquet', [
      order(1),
      order(1),
      order(2),
    ]);
    const k2 = await putRaw(lake, 'orders', 'orders/dt=2026-01-12/b2.parquet', [
      order(1, { status: 'shipped', updated_at: '2026-01-12 08:00:00' }),
    ]);
    const k3 = await putRaw(lake, 'orders', 'orders/dt=2026-01-13/b3.parquet', [
      order(1, { status: 'placed', updated_at: '2026-01-09 08:00:00' }),
    ]);
    await curateKeys([k1]);
    const r2 = await curateKeys([k2, k3]);
    const rows = await curatedRows(lake, 'orders');
    expect(rows.map((r) => [r.order_id, r.status])).toEqual([
      ['1', 'shipped'],
      ['2', 'paid'],
    ]);
    expect(r2.tables[0]).toMatchObject({ rowsIn: 2, rowsKept: 2, duplicatesDropped: 2, curatedRows: 2 });
  });

  it('gives the same curated table whatever order the batches arrive in', async () => {
    const batches: [string, Record<string, unknown>[]][] = [
      ['orders/dt=2026-01-11/a.parquet', [order(1), order(2, { status: 'placed' }), order(3)]],
      [
        'orders/dt=2026-01-12/b.parquet',
        [order(2, { status: 'shipped', updated_at: '2026-01-12 00:00:00' }), order(4)],
      ],
      [
        'orders/dt=2026-01-13/c.parquet',
        [
          order(2, { status: 'cancelled', updated_at: '2026-01-11 00:00:00' }),
          order(3, { notes: 'same time, other content' }),
        ],
      ],
    ];
    const results: unknown[] = [];
    for (const arrival of [
      [0, 1, 2],
      [2, 1, 0],
      [1, 0, 2],
    ]) {
      await lake.close();
      lake = await createTestLake();
      for (const [key, rows] of batches) await putRaw(lake, 'orders', key, rows);
      for (const i of arrival) await curateKeys([batches[i]![0]]);
      results.push(await curatedRows(lake, 'orders'));
    }
    expect(results[1]).toEqual(results[0]);
    expect(results[2]).toEqual(results[0]);
  });
});
