// What a user of the scores relies on, checked at the parameters fitted to CDNOW.

import { describe, expect, it } from 'vitest';
import {
  conditionalExpectedPurchases,
  customerLifetimeValue,
  fitClvModels,
  probAlive,
} from '../../../src/systems/demand-insights-engine/clv/index.js';
import { loadCdnowSample } from './cdnow-sample.js';

const result = fitClvModels(loadCdnowSample(), { observationEnd: new Date('1997-09-30T00:00:00Z') });
if (!result.ok) throw result.error;
const { bgNbd, gammaGamma, customers } = result;
const models = { bgNbd: bgNbd.params, gammaGamma: gammaGamma.params };

describe('fitClvModels on CDNOW', () => {
  it('scores all 2357 customers with finite, sensible values', () => {
    expect(customers).toHaveLength(2357);
    expect(bgNbd.nCustomers).toBe(2357);
    expect(gammaGamma.nCustomers).toBe(946);
    for (const c of customers) {
      expect(c.probAlive).toBeGreaterThan(0);
      expect(c.probAlive).toBeLessThanOrEqual(1);
      expect(c.expectedPurchases).toBeGreaterThan(0);
      expect(c.expectedAvgOrderValue).toBeGreaterThan(0);
      expect(c.clv).toBeGreaterThan(0);
    }
  });

  it('gives P(alive) = 1 to every customer who never came back', () => {
    const oneOff = customers.filter((c) => c.frequency === 0);
    expect(oneOff.length).toBe(2357 - 946);
    for (const c of oneOff) expect(c.probAlive).toBe(1);
  });

  it('gives one-off customers the population mean order value pγ/(q − 1)', () => {
    const { p, q, gamma } = gammaGamma.params;
    for (const c of customers.filter((c) => c.frequency === 0))
      expect(c.expectedAvgOrderValue).toBeCloseTo((p * gamma) / (q - 1), 10);
  });

  it('lowers P(alive) as T grows at fixed frequency and recency', () => {
    const byT = [20, 25, 30, 39, 52].map((T) => probAlive(bgNbd.params, 3, 20, T));
    for (let i = 1; i < byT.length; i += 1) expect(byT[i]).toBeLessThan(byT[i - 1] ?? 0);
  });

  it('expects more purchases over longer horizons', () => {
    const byT = [1, 13, 26, 52].map((t) => conditionalExpectedPurchases(bgNbd.params, t, 3, 30, 38));
    for (let i = 1; i < byT.length; i += 1) expect(byT[i]).toBeGreaterThan(byT[i - 1] ?? 0);
  });

  it('raises CLV with monetary value and lowers it with a higher discount rate', () => {
    const customer = { frequency: 3, recency: 30, T: 38 };
    const byMonetary = [10, 30, 90].map((monetary) =>
      customerLifetimeValue(models, { ...customer, monetary }),
    );
    const byRate = [0, 0.01, 0.03].map((monthly) =>
      customerLifetimeValue(models, { ...customer, monetary: 30 }, { discountRate: { monthly } }),
    );
    for (let i = 1; i < 3; i += 1) {
      expect(byMonetary[i]).toBeGreaterThan(byMonetary[i - 1] ?? 0);
      expect(byRate[i]).toBeLessThan(byRate[i - 1] ?? 0);
    }
  });
});
