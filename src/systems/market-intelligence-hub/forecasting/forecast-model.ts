// What every forecasting model offers the model selection: fit a history, forecast a horizon
// with 80% and 95% prediction intervals. Adding a model means one file implementing this and
// one line in FORECAST_MODELS.

export interface ModelForecast {
  readonly point: readonly number[];
  readonly lower80: readonly number[];
  readonly upper80: readonly number[];
  readonly lower95: readonly number[];
  readonly upper95: readonly number[];
}

/**
 * @example
 * const f = seasonalNaive(7).forecast([1, 2, 3, 4, 5, 6, 7, 1, 2, 3, 4, 5, 6, 7], 7);
 * f.point; // [1, 2, 3, 4, 5, 6, 7]
 */
export interface ForecastModel {
  /** Published in `sales_forecast.model` and `forecast_backtest.model`. */
  readonly name: string;
  /** Shortest history the model can fit. */
  readonly minHistory: number;
  /** Fits `history` (one value per day, oldest first) and forecasts the next `horizon` days. */
  forecast(history: readonly number[], horizon: number): ModelForecast;
}

/** Standard normal quantiles of the two-sided 80% and 95% intervals. */
export const Z80 = 1.2815515655446004;
export const Z95 = 1.959963984540054;

/** Gaussian intervals around `point` from the forecast standard deviation at each step. */
export function gaussianForecast(point: readonly number[], sd: readonly number[]): ModelForecast {
  const band = (z: number, sign: number) => point.map((p, h) => p + sign * z * (sd[h] ?? 0));
  return {
    point,
    lower80: band(Z80, -1),
    upper80: band(Z80, 1),
    lower95: band(Z95, -1),
    upper95: band(Z95, 1),
  };
}

/** Sales cannot be negative: clip point and bounds at zero. */
export function clipAtZero(forecast: ModelForecast): ModelForecast {
  const clip = (values: readonly number[]) => values.map((v) => Math.max(0, v));
  return {
    point: clip(forecast.point),
    lower80: clip(forecast.lower80),
    upper80: clip(forecast.upper80),
    lower95: clip(forecast.lower95),
    upper95: clip(forecast.upper95),
  };
}
