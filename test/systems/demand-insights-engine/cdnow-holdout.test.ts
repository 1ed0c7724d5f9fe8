// The paper's validation: fitted on weeks 1–39, the BG/NBD should track the repeat purchases
// of weeks 40–78 (1997-10-01 to 1998-06-30), which it never saw.

import { describe, expect, it } from 'vitest';
import { fitBgNbd, summariseTransactions } from '../../../src/systems/demand-insights-engine/clv/index.js';
import { loadCdnowSample } from './cdnow-sample.js';

const DAY_MS = 86_400_000;
const calibrationEnd = new Date('1997-09-30T00:00:00Z');
const holdoutEnd = new Date('1998-06-30T00:00:00Z');
const holdoutWeeks = (holdoutEnd.getTime() - calibrationEnd.getTime()) / DAY_MS / 7;

describe('CDNOW holdout, weeks 40–78', () => {
  it('predicts the total number of holdout repeat purchases within 15%', () => {
    const transactions = loadCdnowSample();
    const calibration = summariseTransactions(transactions, { observationEnd: calibrationEnd });
    const model = fitBgNbd(calibration);

    // Same-day purchases are one transaction, as in calibration.
    const holdoutDays = new Set(
      transactions
        .filter((t) => t.date > calibrationEnd && t.date <= holdoutEnd)
        .map((t) => `${t.customerId}|${t.date.toISOString().slice(0, 10)}`),
    );
    const actual = holdoutDays.size;
    const predicted = calibration.reduce(
      (sum, c) => sum + model.conditionalExpectedPurchases(holdoutWeeks, c.frequency, c.recency, c.T),
      0,
    );

    expect(holdoutWeeks).toBe(39);
    expect(Math.abs(predicted - actual) / actual).toBeLessThan(0.15);
  });
});
