// The forecasting models on synthetic daily series with a known trend and weekly pattern: the
// selected model must find them, beat the seasonal-naive baseline, and its intervals must
// cover about as often as they claim.

import { describe, expect, it } from 'vitest';
import { chooseForecastModel } from '../../../src/systems/market-intelligence-hub/forecasting/choose-forecast-model.js';
import { mase, smape } from '../../../src/systems/market-intelligence-hub/forecasting/forecast-accuracy.js';
import { FORECAST_MODELS } from '../../../src/systems/market-intelligence-hub/forecasting/forecast-models.js';
import {
  fitHoltWinters,
  forecastHoltWinters,
  holtWinters,
} from '../../../src/systems/market-intelligence-hub/forecasting/holt-winters.js';
import { mstlEts } from '../../../src/systems/market-intelligence-hub/forecasting/mstl-ets.js';
import { rollingOriginBacktest } from '../../../src/systems/market-intelligence-hub/forecasting/rolling-origin-backtest.js';
import { seasonalNaive } from '../../../src/systems/market-intelligence-hub/forecasting/seasonal-naive.js';

const WEEKLY = [-40, -25, -5, 10, 25, 45, -10];
const options = { horizon: 28, folds: 4, period: 7, nonNegative: true };

/** Park-Miller uniform and Box-Muller normal: the same noise on every run. */
function noise(seed: number): () => number {
  let state = seed;
  const uniform = () => {
    state = (state * 16807) % 2147483647;
    return state / 2147483647;
  };
  return () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
}

function signal(t: number, slope = 0.8): number {
  return 300 + slope * t + (WEEKLY[t % 7] ?? 0);
}

function series(length: number, sigma: number, seed = 42, slope = 0.8): number[] {
  const z = noise(seed);
  return Array.from({ length }, (_, t) => signal(t, slope) + sigma * z());
}

describe('forecast accuracy measures', () => {
  it('scales MASE by the in-sample seasonal-naive error', () => {
    const training = [1, 2, 3, 4, 5, 6, 7, 3, 4, 5, 6, 7, 8, 9];
    // Seasonal differences are all 2, so a holdout error of 1 per day is MASE 0.5.
    expect(mase([10, 10], [11, 9], training, 7)).toBeCloseTo(0.5, 12);
  });

  it('computes symmetric MAPE in percent and counts 0 vs 0 as exact', () => {
    expect(smape([100, 0], [50, 0])).toBeCloseTo((200 * 50) / 150 / 2, 12);
  });
});

describe('seasonal naive', () => {
  it('repeats the last week and widens its interval each week ahead', () => {
    const history = [...WEEKLY, ...WEEKLY.map((v) => v + 1)];
    const f = seasonalNaive(7).forecast(history, 14);
    expect(f.point).toEqual([...WEEKLY.map((v) => v + 1), ...WEEKLY.map((v) => v + 1)]);
    const width = (h: number) => (f.upper80[h] ?? 0) - (f.lower80[h] ?? 0);
    expect(width(7) / width(0)).toBeCloseTo(Math.SQRT2, 10);
  });
});

describe('Holt-Winters additive damped', () => {
  it('recovers the weekly pattern and the level of a nearly noiseless series', () => {
    const y = series(210, 1);
    const fit = fitHoltWinters(y, 7);
    const n = y.length;
    const { point } = forecastHoltWinters(fit, n, 7, 7);
    for (const [h, p] of point.entries()) expect(Math.abs(p - signal(n + h))).toBeLessThan(3);
    const { alpha, beta, gamma, phi } = fit.params;
    expect(alpha).toBeGreaterThan(0);
    expect(alpha).toBeLessThan(1);
    expect(beta).toBeLessThanOrEqual(alpha);
    expect(gamma).toBeLessThanOrEqual(1 - alpha);
    expect(phi).toBeGreaterThanOrEqual(0.8);
    expect(phi).toBeLessThanOrEqual(0.98);
  });

  it('puts the one-step interval at ±z·σ of the residuals', () => {
    const y = series(200, 10);
    const fit = fitHoltWinters(y, 7);
    const { sd } = forecastHoltWinters(fit, y.length, 7, 3);
    expect(sd[0]).toBeCloseTo(fit.sigma, 12);
    expect(sd[1]!).toBeGreaterThan(sd[0]!);
    expect(fit.sigma).toBeGreaterThan(6);
    expect(fit.sigma).toBeLessThan(14);
  });
});

describe('MSTL with ETS trend (augurs)', () => {
  it('loads its WASM under Node and forecasts with ordered intervals', () => {
    const f = mstlEts([7]).forecast(series(140, 5), 28);
    expect(f.point).toHaveLength(28);
    f.point.forEach((p, h) => {
      expect(f.lower95[h]!).toBeLessThanOrEqual(f.lower80[h]!);
      expect(f.lower80[h]!).toBeLessThanOrEqual(p);
      expect(p).toBeLessThanOrEqual(f.upper80[h]!);
      expect(f.upper80[h]!).toBeLessThanOrEqual(f.upper95[h]!);
    });
  });
});

describe('model selection', () => {
  const y = series(364, 12);
  const chosen = chooseForecastModel(y, FORECAST_MODELS, options);
  const score = (model: string) => chosen.backtests.find((b) => b.model === model)!;

  it('backtests every candidate on the same origins', () => {
    expect(chosen.backtests.map((b) => b.model).sort()).toEqual(FORECAST_MODELS.map((m) => m.name).sort());
    for (const b of chosen.backtests) expect(b).toMatchObject({ holdoutDays: 112, folds: 4 });
    expect(chosen.failures).toEqual([]);
  });

  it('chooses a model that beats seasonal naive on MASE', () => {
    expect(chosen.model).not.toBe('seasonal_naive');
    expect(score(chosen.model).mase).toBeLessThan(score('seasonal_naive').mase);
    expect(score(chosen.model).mase).toBe(Math.min(...chosen.backtests.map((b) => b.mase)));
  });

  it('recovers the trend and the weekly pattern in its forecast', () => {
    const n = y.length;
    const truth = chosen.forecast.point.map((_, h) => signal(n + h));
    const mae = chosen.forecast.point.reduce((s, p, h) => s + Math.abs(p - truth[h]!), 0) / truth.length;
    expect(mae).toBeLessThan(24);
    // The week's shape: each day's forecast minus the forecast week's mean, against the truth.
    const shape = (v: readonly number[]) =>
      v.slice(0, 7).map((x, _, week) => x - week.reduce((a, b) => a + b, 0) / 7);
    const found = shape(chosen.forecast.point);
    const expected = shape(truth);
    for (const [i, f] of found.entries()) expect(Math.abs(f - expected[i]!)).toBeLessThan(12);
    // Trend: the last forecast week sits about 3 weeks × 7 days × 0.8 above the first.
    const week = (from: number) => chosen.forecast.point.slice(from, from + 7).reduce((a, b) => a + b, 0) / 7;
    expect(week(21) - week(0)).toBeGreaterThan(0.5 * 21 * 0.8);
  });
});

describe('interval coverage in the backtest', () => {
  const y = series(420, 15, 7, 0.3);
  const wide = { ...options, folds: 8 };

  it.each([
    ['seasonal_naive', seasonalNaive(7)],
    ['holt_winters_damped', holtWinters(7)],
    ['mstl_ets', mstlEts([7])],
  ] as const)('%s covers about as often as its 80% and 95% intervals claim', (_name, model) => {
    const result = rollingOriginBacktest(y, model, 8, wide);
    expect(result.coverage80).toBeGreaterThanOrEqual(0.65);
    expect(result.coverage80).toBeLessThanOrEqual(0.97);
    expect(result.coverage95).toBeGreaterThanOrEqual(0.85);
    expect(result.coverage95).toBeLessThanOrEqual(1);
    expect(result.coverage95).toBeGreaterThanOrEqual(result.coverage80);
  });
});
