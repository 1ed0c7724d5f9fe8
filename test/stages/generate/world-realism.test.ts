import { beforeAll, describe, expect, it } from 'vitest';
import { SOURCE_TABLE_NAMES, type SourceTableName } from '../../../src/core/source-tables.js';
import { WorldGenerator } from '../../../src/stages/generate/generate-world.js';
import type { GroundTruth } from '../../../src/stages/generate/ground-truth.js';
import { emailsIn, luhn, pansIn, ssnsIn } from './reference-validator.js';
import { type Recount, recount, winners } from './world-recount.js';

const OPTIONS = { orders: 4000, seed: 11 } as const;

let truth: GroundTruth;
let counted: Recount;

beforeAll(() => {
  const world = new WorldGenerator(OPTIONS);
  counted = recount([...world.batches()]);
  truth = world.groundTruth();
});

describe('the generated shop', () => {
  it('has the promised mix of rows per order', () => {
    const per = (table: SourceTableName): number => truth.tables[table].expectedCuratedRows / OPTIONS.orders;
    expect(per('customers')).toBeGreaterThan(0.07);
    expect(per('customers')).toBeLessThan(0.2);
    expect(per('order_items')).toBeGreaterThan(2.2);
    expect(per('order_items')).toBeLessThan(2.8);
    expect(per('payments')).toBeGreaterThan(1.1);
    expect(per('payments')).toBeLessThan(1.35);
    expect(per('search_events')).toBeGreaterThan(1.8);
    expect(per('search_events')).toBeLessThan(2.2);
    expect(truth.tables.products.expectedCuratedRows).toBeGreaterThanOrEqual(1500);
    const exact = SOURCE_TABLE_NAMES.reduce((n, t) => n + truth.tables[t].exactDuplicateRows, 0);
    const versions = SOURCE_TABLE_NAMES.reduce((n, t) => n + truth.tables[t].versionDuplicateRows, 0);
    expect(exact).toBeGreaterThan(0);
    expect(versions).toBeGreaterThan(0);
  });

  it('plants card numbers of every length and format, SSNs and pasted secrets as counted', () => {
    const payments = winners(counted.clean.payments);
    const cardAt = (r: (typeof payments)[number]): string | null => {
      const v = r.row[r.batch.columns.findIndex((c) => c.name === 'card_number')];
      return v === null || v === undefined ? null : String(v);
    };
    const cards = payments.map(cardAt).filter((c): c is string => c !== null);
    expect(cards.length).toBe(truth.sensitive.cardNumbers);
    expect(cards.filter((c) => !luhn(c.replace(/\D/g, ''))).length).toBe(
      truth.sensitive.luhnInvalidCardNumbers,
    );
    expect(truth.sensitive.luhnInvalidCardNumbers).toBeGreaterThan(0);
    const lengths = new Set(cards.map((c) => c.replace(/\D/g, '').length));
    for (const length of [13, 15, 16, 19]) expect(lengths).toContain(length);
    expect(cards.some((c) => /^\d{4} \d{6} \d{5}$/.test(c))).toBe(true);
    expect(cards.some((c) => /^\d{4}-\d{4}-\d{4}-\d{4}$/.test(c))).toBe(true);
    expect(cards.some((c) => c !== c.trim())).toBe(true);

    const customers = winners(counted.clean.customers);
    const ssns = customers
      .map((r) => r.row[r.batch.columns.findIndex((c) => c.name === 'ssn')])
      .filter((v) => v !== null);
    expect(ssns.length).toBe(truth.sensitive.ssns);
    expect(ssns.every((s) => /^\d{3}-\d{2}-\d{4}$/.test(String(s)))).toBe(true);
    expect(ssns.length / customers.length).toBeGreaterThan(0.2);

    for (const [table, column] of [
      ['orders', 'notes'],
      ['customers', 'segment_hint'],
      ['search_events', 'query_text'],
    ] as const) {
      const texts = winners(counted.clean[table])
        .map((r) => r.row[r.batch.columns.findIndex((c) => c.name === column)])
        .filter((v) => v !== null)
        .map(String);
      const expected = truth.sensitive.byColumn[`${table}.${column}`] ?? { pans: 0, ssns: 0, emails: 0 };
      const found = {
        pans: texts.reduce((n, t) => n + pansIn(t), 0),
        ssns: texts.reduce((n, t) => n + ssnsIn(t), 0),
        emails: texts.reduce((n, t) => n + emailsIn(t), 0),
      };
      expect(found, `${table}.${column}`).toEqual({
        pans: expected.pans,
        ssns: expected.ssns,
        emails: expected.emails,
      });
    }
    expect(truth.sensitive.pansInFreeText).toBeGreaterThan(0);
    expect(truth.sensitive.emailsInFreeText).toBeGreaterThan(0);
  });

  it('labels only some fraud, with chargebacks that come later as new versions', () => {
    const fraud = new Set(Object.values(truth.fraud.paymentIdsByPattern).flat());
    for (const ids of Object.values(truth.fraud.paymentIdsByPattern)) expect(ids.length).toBeGreaterThan(0);
    expect(truth.fraud.chargebackPaymentIds.length).toBeGreaterThan(0);
    for (const id of truth.fraud.chargebackPaymentIds) {
      expect(fraud.has(id)).toBe(true);
      const rows = counted.clean.payments.get(id)!;
      const statuses = rows.map((r) =>
        String(r.row[r.batch.columns.findIndex((c) => c.name === 'status')])
          .trim()
          .toLowerCase(),
      );
      expect(statuses).toContain('chargeback');
      expect(rows.length).toBeGreaterThan(1);
    }
    expect(truth.fraud.chargebackPaymentIds.length).toBeLessThan(fraud.size * 0.6);
  });

  it('shows weekly seasonality, growth, churn and demand gaps', () => {
    const orders = winners(counted.clean.orders).map((r) =>
      String(r.row[r.batch.columns.findIndex((c) => c.name === 'order_ts')]),
    );
    const days = new Map<string, number>();
    for (const ts of orders) days.set(ts.slice(0, 10), (days.get(ts.slice(0, 10)) ?? 0) + 1);
    const weekend =
      [...orders].filter((ts) => [0, 6].includes(new Date(`${ts.slice(0, 10)}T00:00:00Z`).getUTCDay()))
        .length / 2;
    const weekday = (orders.length - weekend * 2) / 5;
    expect(weekend).toBeGreaterThan(weekday);
    const firstQuarter = orders.filter((ts) => ts < '2025-02-01').length;
    const lastQuarter = orders.filter((ts) => ts >= '2026-08-01').length;
    expect(lastQuarter).toBeGreaterThan(firstQuarter);
    expect(truth.churn.droppedOutCustomerIds.length).toBeGreaterThan(0);
    const buyers = new Set(
      winners(counted.clean.orders).map((r) =>
        Number(r.row[r.batch.columns.findIndex((c) => c.name === 'customer_id')]),
      ),
    );
    for (const id of truth.churn.droppedOutCustomerIds) expect(buyers.has(id)).toBe(true);
    const zero = winners(counted.clean.search_events)
      .filter((r) => r.row[r.batch.columns.findIndex((c) => c.name === 'results_count')] === 0)
      .map((r) => String(r.row[r.batch.columns.findIndex((c) => c.name === 'query_text')]));
    for (const gap of truth.demandGaps.slice(0, 3))
      expect(
        zero.some((q) => q.includes(gap.query)),
        gap.query,
      ).toBe(true);
  });
});
