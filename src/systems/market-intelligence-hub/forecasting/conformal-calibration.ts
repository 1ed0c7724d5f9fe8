// Prediction intervals calibrated on the rolling-origin errors (split-conformal scaling):
// each model's own Gaussian bands are widened or narrowed by the factor that would have made
// them cover 80% / 95% of the days it was backtested on. Model variance formulas assume the
// model is right; the backtest says how wrong it actually is at this horizon.

import type { ModelForecast } from './forecast-model.js';

/** |actual − point| / half-width of the 80% and 95% bands, one per backtested day, by fold. */
export interface BandRatios {
  readonly fold: number;
  readonly r80: number;
  readonly r95: number;
}

export function bandRatios(fold: number, actual: readonly number[], forecast: ModelForecast): BandRatios[] {
  const ratio = (a: number, p: number, lower: number, upper: number) => {
    const half = a >= p ? upper - p : p - lower;
    return half > 0 ? Math.abs(a - p) / half : a === p ? 0 : Number.POSITIVE_INFINITY;
  };
  return actual.map((a, h) => {
    const p = forecast.point[h] ?? 0;
    return {
      fold,
      r80: ratio(a, p, forecast.lower80[h] ?? p, forecast.upper80[h] ?? p),
      r95: ratio(a, p, forecast.lower95[h] ?? p, forecast.upper95[h] ?? p),
    };
  });
}

/** The conformal quantile: the smallest ratio that covers `level` of the calibration days. */
export function conformalFactor(ratios: readonly number[], level: number): number {
  const finite = ratios.filter((r) => Number.isFinite(r)).sort((a, b) => a - b);
  if (finite.length === 0) return 1;
  const rank = Math.min(finite.length, Math.ceil((finite.length + 1) * level));
  return Math.max(finite[rank - 1] ?? 1, 1e-6);
}

export interface Calibration {
  readonly factor80: number;
  readonly factor95: number;
  /** Coverage of calibrated bands, each fold judged with factors from the other folds (honest). */
  readonly coverage80: number;
  readonly coverage95: number;
}

export function calibrate(ratios: readonly BandRatios[]): Calibration {
  const folds = [...new Set(ratios.map((r) => r.fold))];
  let inside80 = 0;
  let inside95 = 0;
  for (const fold of folds) {
    const others = ratios.filter((r) => r.fold !== fold);
    const mine = ratios.filter((r) => r.fold === fold);
    const f80 = conformalFactor(
      others.map((r) => r.r80),
      0.8,
    );
    const f95 = conformalFactor(
      others.map((r) => r.r95),
      0.95,
    );
    inside80 += mine.filter((r) => r.r80 <= f80).length;
    inside95 += mine.filter((r) => r.r95 <= f95).length;
  }
  const days = Math.max(1, ratios.length);
  return {
    factor80: conformalFactor(
      ratios.map((r) => r.r80),
      0.8,
    ),
    factor95: conformalFactor(
      ratios.map((r) => r.r95),
      0.95,
    ),
    coverage80: inside80 / days,
    coverage95: inside95 / days,
  };
}

/** Scales each band's distance from the point forecast by its factor. */
export function applyCalibration(
  forecast: ModelForecast,
  calibration: Pick<Calibration, 'factor80' | 'factor95'>,
): ModelForecast {
  const scale = (bound: readonly number[], factor: number) =>
    bound.map((b, h) => (forecast.point[h] ?? 0) + (b - (forecast.point[h] ?? 0)) * factor);
  return {
    point: forecast.point,
    lower80: scale(forecast.lower80, calibration.factor80),
    upper80: scale(forecast.upper80, calibration.factor80),
    lower95: scale(forecast.lower95, calibration.factor95),
    upper95: scale(forecast.upper95, calibration.factor95),
  };
}
