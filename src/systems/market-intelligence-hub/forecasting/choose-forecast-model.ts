// Model selection per series: backtest every candidate on the same rolling origins, keep the
// one with the lowest MASE, refit it on the whole history and forecast, with its intervals
// calibrated on its backtest errors. Seasonal naive is
// always a candidate, so the published model is never worse than the baseline in backtest;
// when nothing beats it, seasonal naive itself is published.

import { applyCalibration } from './conformal-calibration.js';
import { clipAtZero, type ForecastModel, type ModelForecast } from './forecast-model.js';
import {
  type BacktestOptions,
  type BacktestResult,
  feasibleFolds,
  forecastWith,
  rollingOriginBacktest,
} from './rolling-origin-backtest.js';

export interface ModelFailure {
  readonly model: string;
  readonly error: string;
}

export interface ChosenForecast {
  readonly model: string;
  readonly forecast: ModelForecast;
  /** One result per candidate that could be backtested. */
  readonly backtests: readonly BacktestResult[];
  readonly failures: readonly ModelFailure[];
}

/**
 * @example
 * const chosen = chooseForecastModel(dailyRevenue, [seasonalNaive(7), holtWinters(7), mstlEts([7])], { horizon: 28, folds: 4, period: 7, nonNegative: true });
 * chosen.model; // 'holt_winters_damped'
 */
export function chooseForecastModel(
  series: readonly number[],
  models: readonly ForecastModel[],
  options: BacktestOptions,
): ChosenForecast {
  const usable = models.filter((m) => series.length >= m.minHistory);
  if (usable.length === 0)
    throw new Error(
      `a series of ${series.length} days is too short for any model (the shortest needs ${Math.min(...models.map((m) => m.minHistory))})`,
    );
  // Every model is scored on the same origins, so the longest minimum history decides the folds.
  const folds = feasibleFolds(series.length, Math.max(...usable.map((m) => m.minHistory)), options);
  const backtests: BacktestResult[] = [];
  const failures: ModelFailure[] = [];
  if (folds > 0) {
    for (const model of usable) {
      try {
        backtests.push(rollingOriginBacktest(series, model, folds, options));
      } catch (error: unknown) {
        failures.push({ model: model.name, error: error instanceof Error ? error.message : String(error) });
      }
    }
  }
  const ranked = backtests.filter((b) => Number.isFinite(b.mase)).sort((a, b) => a.mase - b.mase);
  const order = [...ranked.map((b) => b.model), ...usable.map((m) => m.name)];
  for (const name of order) {
    const model = usable.find((m) => m.name === name)!;
    try {
      const raw = forecastWith(model, series, options.horizon, options.nonNegative);
      const backtest = backtests.find((b) => b.model === name);
      const calibrated = backtest ? applyCalibration(raw, backtest.calibration) : raw;
      return {
        model: name,
        forecast: options.nonNegative ? clipAtZero(calibrated) : calibrated,
        backtests,
        failures,
      };
    } catch (error: unknown) {
      failures.push({ model: name, error: error instanceof Error ? error.message : String(error) });
    }
  }
  throw new Error(
    `no model could forecast the series: ${failures.map((f) => `${f.model}: ${f.error}`).join('; ')}`,
  );
}
