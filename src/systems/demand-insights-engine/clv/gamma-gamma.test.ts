import { describe, expect, it } from 'vitest';
import { gammaGammaLogLikelihood } from './gamma-gamma-log-likelihood.js';
import { conditionalExpectedAverageProfit, populationMeanSpend } from './gamma-gamma-predictions.js';

const published = { p: 6.25, q: 3.74, gamma: 15.44 };

describe('Gamma-Gamma model', () => {
  it('matches the paper’s density of mean spend (eq. 4, mpmath at 30 digits)', () => {
    const customers = [
      { frequency: 1, monetary: 11.77 },
      { frequency: 2, monetary: 22.345 },
      { frequency: 5, monetary: 40 },
      { frequency: 20, monetary: 12.5 },
    ];
    expect(gammaGammaLogLikelihood(published, customers)).toBeCloseTo(-15.633917357423568, 10);
  });

  it('predicts the population mean pγ/(q − 1) for a customer with no repeat purchase', () => {
    expect(populationMeanSpend(published)).toBeCloseTo(35.21897810218978, 12);
    expect(conditionalExpectedAverageProfit(published, 0, 0)).toBeCloseTo(populationMeanSpend(published), 12);
  });

  it('shrinks a customer’s own mean towards the population mean, less so the more they bought', () => {
    expect(conditionalExpectedAverageProfit(published, 2, 22.345)).toBeCloseTo(24.659612860892388, 12);
    const population = populationMeanSpend(published);
    const distance = (x: number) => Math.abs(conditionalExpectedAverageProfit(published, x, 100) - 100);
    expect(conditionalExpectedAverageProfit(published, 1, 100)).toBeLessThan(100);
    expect(conditionalExpectedAverageProfit(published, 1, 100)).toBeGreaterThan(population);
    expect(distance(20)).toBeLessThan(distance(2));
  });

  it('has no finite population mean when q ≤ 1', () => {
    expect(populationMeanSpend({ ...published, q: 1 })).toBe(Number.POSITIVE_INFINITY);
  });
});
