// sales_forecast and forecast_backtest: daily revenue of the total, of each category and of
// each region, forecast by whichever candidate model wins a rolling-origin backtest on that
// series. SQL brings only one short array per series into JS; the models run here.

import type { SystemContext, SystemOutput } from '../prod-system.js';
import { DAILY_SALES } from './daily-sales.js';
import { chooseForecastModel } from './forecasting/choose-forecast-model.js';
import { FORECAST_MODELS, WEEK } from './forecasting/forecast-models.js';
import type { HubSettings } from './hub-settings.js';

export const SALES_FORECAST = 'sales_forecast';
export const FORECAST_BACKTEST = 'forecast_backtest';

const DAY_MS = 86_400_000;

export async function buildSalesForecast(
  context: SystemContext,
  settings: HubSettings,
): Promise<SystemOutput[]> {
  const { engine } = context;
  await engine.run(`
    CREATE OR REPLACE TEMP TABLE forecast_rows (series VARCHAR, date DATE, horizon_day INTEGER, forecast DOUBLE,
      lower_80 DOUBLE, upper_80 DOUBLE, lower_95 DOUBLE, upper_95 DOUBLE, model VARCHAR);
    CREATE OR REPLACE TEMP TABLE backtest_rows (series VARCHAR, model VARCHAR, mase DOUBLE, smape DOUBLE, holdout_days INTEGER,
      folds INTEGER, coverage_80 DOUBLE, coverage_95 DOUBLE, is_chosen BOOLEAN)`);
  const series = await dailySeries(context, settings);
  const forecasts: (string | number | null)[][] = [];
  const backtests: (string | number | boolean | null)[][] = [];
  for (const [name, values] of series) {
    try {
      const chosen = chooseForecastModel(values, FORECAST_MODELS, {
        horizon: settings.horizonDays,
        folds: settings.backtestFolds,
        period: WEEK,
        nonNegative: true,
      });
      const f = chosen.forecast;
      for (let h = 0; h < f.point.length; h++) {
        const day = new Date(Date.parse(`${context.asOf}T00:00:00Z`) + (h + 1) * DAY_MS)
          .toISOString()
          .slice(0, 10);
        forecasts.push([
          name,
          day,
          h + 1,
          cents(f.point[h]),
          cents(f.lower80[h]),
          cents(f.upper80[h]),
          cents(f.lower95[h]),
          cents(f.upper95[h]),
          chosen.model,
        ]);
      }
      for (const b of chosen.backtests) {
        backtests.push([
          name,
          b.model,
          finite(b.mase),
          finite(b.smape),
          b.holdoutDays,
          b.folds,
          b.coverage80,
          b.coverage95,
          b.model === chosen.model,
        ]);
      }
      if (chosen.failures.length > 0)
        context.logger.warn('forecast.model.failed', { series: name, failures: chosen.failures });
    } catch (error: unknown) {
      context.logger.warn('forecast.series.skipped', { series: name, error });
    }
  }
  if (forecasts.length > 0) await engine.append('forecast_rows', forecasts);
  if (backtests.length > 0) await engine.append('backtest_rows', backtests);
  await engine.run(`
    CREATE OR REPLACE TEMP TABLE ${SALES_FORECAST} AS
    SELECT series, date, horizon_day, forecast, lower_80, upper_80, lower_95, upper_95, model, DATE '${context.asOf}' AS as_of
    FROM forecast_rows ORDER BY series, date;
    CREATE OR REPLACE TEMP TABLE ${FORECAST_BACKTEST} AS
    SELECT *, DATE '${context.asOf}' AS as_of FROM backtest_rows ORDER BY series, mase`);
  return [
    { table: SALES_FORECAST, relation: SALES_FORECAST },
    { table: FORECAST_BACKTEST, relation: FORECAST_BACKTEST },
  ];
}

/** Daily revenue per series over the training window ending at asOf, days without sales as 0. */
async function dailySeries(context: SystemContext, settings: HubSettings): Promise<Map<string, number[]>> {
  const end = Date.parse(`${context.asOf}T00:00:00Z`);
  const bounds = await context.engine.query(
    `SELECT strftime(min(date), '%Y-%m-%d') AS first FROM ${DAILY_SALES}`,
  );
  const first = typeof bounds[0]?.first === 'string' ? Date.parse(`${bounds[0].first}T00:00:00Z`) : end;
  const start = Math.max(first, end - (settings.trainingDays - 1) * DAY_MS);
  const length = Math.max(0, Math.round((end - start) / DAY_MS) + 1);
  const startDay = new Date(start).toISOString().slice(0, 10);
  const rows = await context.engine.query(`
    SELECT series, CAST(date - DATE '${startDay}' AS INTEGER) AS day, CAST(sum(revenue) AS DOUBLE) AS revenue FROM (
      SELECT 'total' AS series, date, revenue FROM ${DAILY_SALES}
      UNION ALL SELECT 'category:' || category, date, revenue FROM ${DAILY_SALES}
      UNION ALL SELECT 'region:' || region, date, revenue FROM ${DAILY_SALES})
    WHERE date BETWEEN DATE '${startDay}' AND DATE '${context.asOf}'
    GROUP BY ALL ORDER BY series, day`);
  const series = new Map<string, number[]>();
  if (length === 0) return series;
  for (const row of rows) {
    const name = String(row.series);
    const values = series.get(name) ?? new Array<number>(length).fill(0);
    series.set(name, values);
    values[Number(row.day)] = Number(row.revenue);
  }
  return series;
}

function cents(value: number | undefined): number | null {
  return value === undefined || !Number.isFinite(value) ? null : Math.round(value * 100) / 100;
}

function finite(value: number): number | null {
  return Number.isFinite(value) ? value : null;
}
