// Reproduces the published BG/NBD (Fader, Hardie & Lee 2005) and Gamma-Gamma (Fader & Hardie
// 2013) estimates on the CDNOW sample: 39 calibration weeks ending 1997-09-30.

import { describe, expect, it } from 'vitest';
import {
  fitBgNbd,
  fitGammaGamma,
  summariseTransactions,
} from '../../../src/systems/demand-insights-engine/clv/index.js';
import { loadCdnowSample } from './cdnow-sample.js';

const relativeError = (actual: number, expected: number): number =>
  Math.abs(actual - expected) / Math.abs(expected);
const calibration = summariseTransactions(loadCdnowSample(), {
  observationEnd: new Date('1997-09-30T00:00:00Z'),
  timeUnitDays: 7,
});

describe('CDNOW sample, calibration to 1997-09-30', () => {
  it('has 2357 customers, 946 of whom made a repeat purchase', () => {
    expect(calibration).toHaveLength(2357);
    expect(calibration.filter((c) => c.frequency > 0)).toHaveLength(946);
  });

  it('summarises customer 0001 as in the paper’s data (x = 2, t_x = 30.43, T = 38.86)', () => {
    const first = calibration.find((c) => c.customerId === '0001');
    expect(first?.frequency).toBe(2);
    expect(first?.recency).toBeCloseTo(30.43, 2);
    expect(first?.T).toBeCloseTo(38.86, 2);
  });

  it('fits the published BG/NBD parameters within 1% and log-likelihood within 0.1%', () => {
    const model = fitBgNbd(calibration);
    const published = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 } as const;
    for (const name of ['r', 'alpha', 'a', 'b'] as const) {
      expect(relativeError(model.params[name], published[name]), name).toBeLessThan(0.01);
    }
    expect(relativeError(model.logLikelihood, -9582.4)).toBeLessThan(0.001);
    expect(model.nCustomers).toBe(2357);
  });

  it('fits the published Gamma-Gamma parameters within 1% on the 946 repeat customers', () => {
    const model = fitGammaGamma(calibration);
    const published = { p: 6.25, q: 3.74, gamma: 15.44 } as const;
    for (const name of ['p', 'q', 'gamma'] as const) {
      expect(relativeError(model.params[name], published[name]), name).toBeLessThan(0.01);
    }
    expect(model.nCustomers).toBe(946);
  });
});
