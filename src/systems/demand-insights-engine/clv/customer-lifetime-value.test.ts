import { describe, expect, it } from 'vitest';
import { customerLifetimeValue, monthlyDiscountRate } from './customer-lifetime-value.js';

const models = {
  bgNbd: { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 },
  gammaGamma: { p: 6.25, q: 3.74, gamma: 15.44 },
};
const regular = { frequency: 2, recency: 213 / 7, T: 272 / 7, monetary: 22.345 };

describe('customerLifetimeValue', () => {
  // Reference: lifetimes' month-by-month loop with mpmath's 2F1 at 30 digits.
  it('discounts each month’s expected purchases × expected order value', () => {
    expect(customerLifetimeValue(models, regular)).toBeCloseTo(36.307745312354456, 8);
    expect(customerLifetimeValue(models, { frequency: 0, recency: 0, T: 272 / 7, monetary: 0 })).toBeCloseTo(
      8.374946288144653,
      8,
    );
  });

  it('grows with the customer’s monetary value', () => {
    const values = [5, 20, 80].map((monetary) => customerLifetimeValue(models, { ...regular, monetary }));
    expect(values[1]).toBeGreaterThan(values[0] ?? 0);
    expect(values[2]).toBeGreaterThan(values[1] ?? 0);
  });

  it('shrinks as the discount rate rises', () => {
    const values = [0, 0.01, 0.05].map((monthly) =>
      customerLifetimeValue(models, regular, { discountRate: { monthly } }),
    );
    expect(values[1]).toBeLessThan(values[0] ?? 0);
    expect(values[2]).toBeLessThan(values[1] ?? 0);
  });

  it('treats an annual rate as the monthly rate that compounds to it', () => {
    expect(monthlyDiscountRate({ annual: 0.12 })).toBeCloseTo(1.12 ** (1 / 12) - 1, 15);
    const annual = customerLifetimeValue(models, regular, { discountRate: { annual: 0.12 } });
    const monthly = customerLifetimeValue(models, regular, {
      discountRate: { monthly: 1.12 ** (1 / 12) - 1 },
    });
    expect(annual).toBeCloseTo(monthly, 12);
  });

  it('is zero over a zero-month horizon and grows with the horizon', () => {
    expect(customerLifetimeValue(models, regular, { months: 0 })).toBe(0);
    expect(customerLifetimeValue(models, regular, { months: 24 })).toBeGreaterThan(
      customerLifetimeValue(models, regular, { months: 12 }),
    );
  });
});
