// Rolling-origin evaluation (Tashman 2000): fit on everything before an origin, forecast the
// next `horizon` days, move the origin one horizon forward, repeat. The last `folds × horizon`
// days are each forecast once, from the origin that a real forecast would have had.

import { type BandRatios, bandRatios, type Calibration, calibrate } from './conformal-calibration.js';
import { mase, smape } from './forecast-accuracy.js';
import { clipAtZero, type ForecastModel, type ModelForecast } from './forecast-model.js';

export interface BacktestOptions {
  readonly horizon: number;
  readonly folds: number;
  /** Seasonal period of the MASE scale (7 for daily sales). */
  readonly period: number;
  /** Clip forecasts at zero (sales). */
  readonly nonNegative: boolean;
}

export interface BacktestResult {
  readonly model: string;
  /** Mean over folds. */
  readonly mase: number;
  /** Mean over all holdout days, in percent. */
  readonly smape: number;
  /** Share of holdout days inside the calibrated 80% / 95% intervals (each fold calibrated on the others). */
  readonly coverage80: number;
  readonly coverage95: number;
  /** Share inside the model's own, uncalibrated intervals. */
  readonly rawCoverage80: number;
  readonly rawCoverage95: number;
  /** Factors that scale the model's band widths to the coverage seen in backtest. */
  readonly calibration: Pick<Calibration, 'factor80' | 'factor95'>;
  readonly holdoutDays: number;
  readonly folds: number;
}

/** How many folds fit in `length` days when every training window needs `minHistory` days. */
export function feasibleFolds(
  length: number,
  minHistory: number,
  options: Pick<BacktestOptions, 'horizon' | 'folds'>,
): number {
  return Math.max(0, Math.min(options.folds, Math.floor((length - minHistory) / options.horizon)));
}

export function forecastWith(
  model: ForecastModel,
  history: readonly number[],
  horizon: number,
  nonNegative: boolean,
): ModelForecast {
  const forecast = model.forecast(history, horizon);
  return nonNegative ? clipAtZero(forecast) : forecast;
}

/** Backtests `model` over the last `folds` windows of `series`; throws when the model cannot fit. */
export function rollingOriginBacktest(
  series: readonly number[],
  model: ForecastModel,
  folds: number,
  options: BacktestOptions,
): BacktestResult {
  const { horizon, period } = options;
  const n = series.length;
  let maseSum = 0;
  let smapeSum = 0;
  let inside80 = 0;
  let inside95 = 0;
  const ratios: BandRatios[] = [];
  for (let k = folds; k >= 1; k--) {
    const origin = n - k * horizon;
    const training = series.slice(0, origin);
    const actual = series.slice(origin, origin + horizon);
    const forecast = forecastWith(model, training, horizon, options.nonNegative);
    maseSum += mase(actual, forecast.point, training, period);
    smapeSum += smape(actual, forecast.point) * actual.length;
    ratios.push(...bandRatios(k, actual, forecast));
    actual.forEach((a, h) => {
      if (a >= (forecast.lower80[h] ?? 0) && a <= (forecast.upper80[h] ?? 0)) inside80 += 1;
      if (a >= (forecast.lower95[h] ?? 0) && a <= (forecast.upper95[h] ?? 0)) inside95 += 1;
    });
  }
  const days = folds * horizon;
  const calibration = calibrate(ratios);
  return {
    model: model.name,
    mase: maseSum / folds,
    smape: smapeSum / days,
    coverage80: calibration.coverage80,
    coverage95: calibration.coverage95,
    rawCoverage80: inside80 / days,
    rawCoverage95: inside95 / days,
    calibration: { factor80: calibration.factor80, factor95: calibration.factor95 },
    holdoutDays: days,
    folds,
  };
}
