import { describe, expect, it } from 'vitest';
import { fitClvModels } from './fit-clv-models.js';
import type { ClvTransaction } from './summarise-transactions.js';

const observationEnd = new Date('2024-06-30T00:00:00Z');
const day = (offset: number): Date => new Date(Date.UTC(2024, 0, 1 + offset));

// A small synthetic shop: customers who buy every few weeks, some who stop, many one-offs.
function syntheticShop(): readonly ClvTransaction[] {
  const rows: ClvTransaction[] = [];
  let seed = 7;
  const random = (): number => {
    seed = (seed * 16807) % 2147483647;
    return seed / 2147483647;
  };
  for (let c = 0; c < 300; c += 1) {
    const start = Math.floor(random() * 60);
    const gapDays = 5 + Math.floor(random() * 40);
    const lifetimeDays = random() < 0.4 ? 0 : Math.floor(random() * 180);
    const spend = 10 + 40 * random();
    for (let d = start; d <= start + lifetimeDays && d < 182; d += gapDays + Math.floor(random() * 10)) {
      rows.push({ customerId: `c${c}`, date: day(d), amount: spend * (0.5 + random()) });
    }
  }
  return rows;
}

describe('fitClvModels', () => {
  it('scores every customer with finite predictions', () => {
    const result = fitClvModels(syntheticShop(), { observationEnd, timeUnitDays: 7 });
    if (!result.ok) throw result.error;
    expect(result.bgNbd.nCustomers).toBe(300);
    expect(result.customers).toHaveLength(300);
    for (const c of result.customers) {
      expect(c.probAlive).toBeGreaterThan(0);
      expect(c.probAlive).toBeLessThanOrEqual(1);
      expect(c.expectedPurchases).toBeGreaterThanOrEqual(0);
      expect(c.clv).toBeGreaterThanOrEqual(0);
    }
  });

  it('gives one-off customers the Gamma-Gamma population mean order value', () => {
    const result = fitClvModels(syntheticShop(), { observationEnd });
    if (!result.ok) throw result.error;
    const { p, q, gamma } = result.gammaGamma.params;
    const oneOff = result.customers.find((c) => c.frequency === 0);
    expect(oneOff?.expectedAvgOrderValue).toBeCloseTo((p * gamma) / (q - 1), 10);
  });

  it('returns no_repeat_customers, not NaN, when nobody came back', () => {
    const rows = [0, 1, 2, 3].map((i): ClvTransaction => ({ customerId: `c${i}`, date: day(i), amount: 10 }));
    const result = fitClvModels(rows, { observationEnd });
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.error).toMatchObject({
        reason: 'no_repeat_customers',
        code: 'invalid_argument',
        retryable: false,
      });
  });

  it('returns no_customers when every purchase is after observationEnd', () => {
    const result = fitClvModels([{ customerId: 'late', date: day(400), amount: 10 }], { observationEnd });
    expect(!result.ok && result.error.reason).toBe('no_customers');
  });

  it('returns invalid_options for contradictory or impossible settings', () => {
    const rows = syntheticShop();
    const reasons = [
      fitClvModels(rows, { observationEnd, monthlyDiscountRate: 0.01, annualDiscountRate: 0.1 }),
      fitClvModels(rows, { observationEnd, monthlyDiscountRate: -0.5 }),
      fitClvModels(rows, { observationEnd, clvMonths: 1.5 }),
      fitClvModels(rows, { observationEnd, horizonDays: Number.NaN }),
      fitClvModels(rows, { observationEnd: new Date('not a date') }),
    ].map((result) => !result.ok && result.error.reason);
    expect(reasons).toEqual([
      'invalid_options',
      'invalid_options',
      'invalid_options',
      'invalid_options',
      'invalid_options',
    ]);
  });
});
