// The candidate models of sales_forecast, all with weekly seasonality (daily sales follow the
// day of the week). Adding a model: one file implementing ForecastModel, one line here.

import type { ForecastModel } from './forecast-model.js';
import { holtWinters } from './holt-winters.js';
import { mstlEts } from './mstl-ets.js';
import { seasonalNaive } from './seasonal-naive.js';

export const WEEK = 7;

export const FORECAST_MODELS: readonly ForecastModel[] = [
  seasonalNaive(WEEK),
  holtWinters(WEEK),
  mstlEts([WEEK]),
];
