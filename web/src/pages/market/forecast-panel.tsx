// The sales forecast of one series (total, a category or a region): recent actual revenue,
// the forecast with 80% and 95% bands, the forecast table and the backtest that chose the model.

import { useMemo } from 'preact/hooks';
import type { Row } from '../../api/api-types.js';
import { useRows } from '../../api/use-api.js';
import { forecastChart } from '../../charts/forecast-chart.js';
import { Badge } from '../../components/badge.js';
import { ChartView } from '../../components/chart-view.js';
import { DataTable } from '../../components/data-table.js';
import { Panel } from '../../components/panel.js';
import { SelectField } from '../../components/select-field.js';
import { Loaded } from '../../components/state-views.js';
import { formatDay, formatDecimal, formatMoney, formatShare, num } from '../../format.js';
import { modelName, seriesName } from '../../model-names.js';
import { sqlString } from '../../sql-text.js';

const SERIES_SQL = `
SELECT DISTINCT series FROM market_intelligence_hub.sales_forecast
ORDER BY series <> 'total', series`;

const HISTORY_DAYS = 91;

export function ForecastPanel(props: { series: string; onSeries: (series: string) => void }) {
  const { series } = props;
  const seriesList = useRows(SERIES_SQL);
  const forecast = useRows(`
SELECT date, forecast, lower_80, upper_80, lower_95, upper_95, model, horizon_day
FROM market_intelligence_hub.sales_forecast
WHERE series = ${sqlString(series)}
ORDER BY date`);
  const actual = useRows(historySql(series));
  const backtest = useRows(`
SELECT model, mase, smape, coverage_80, coverage_95, holdout_days, folds, is_chosen
FROM market_intelligence_hub.forecast_backtest
WHERE series = ${sqlString(series)}
ORDER BY mase`);

  const picker = (
    <Loaded value={seriesList} what="series">
      {(rows) => (
        <SelectField
          id="series-picker"
          label="Series"
          value={series}
          options={rows.map((r) => ({ value: String(r.series), label: seriesName(r.series) }))}
          onChange={props.onSeries}
        />
      )}
    </Loaded>
  );
  const slug = series.replace(/[^a-z0-9]+/gi, '-');

  return (
    <>
      <Panel
        id="forecast"
        title={`Daily revenue forecast · ${seriesName(series)}`}
        description="The last 13 weeks of actual revenue, then the forecast with its 80% and 95% intervals (USD)."
        actions={picker}
        wide
      >
        <Loaded
          value={forecast}
          what="the forecast"
          isEmpty={(r) => r.length === 0}
          empty={`No forecast for ${seriesName(series)}.`}
        >
          {(rows) => (
            <Loaded value={actual} what="actual sales">
              {(history) => <ForecastChart forecast={rows} history={history} series={series} />}
            </Loaded>
          )}
        </Loaded>
      </Panel>
      <Panel
        id="forecast-table"
        title="Forecast by day"
        description="Point forecast and interval bounds per day."
        wide
      >
        <Loaded value={forecast} what="the forecast" isEmpty={(r) => r.length === 0}>
          {(rows) => (
            <DataTable
              caption={`Forecast by day, ${seriesName(series)}`}
              columns={[
                { key: 'date', label: 'Day', format: (v) => formatDay(v) },
                { key: 'forecast', label: 'Forecast', numeric: true, format: (v) => formatMoney(v) },
                { key: 'lower_80', label: '80% low', numeric: true, format: (v) => formatMoney(v) },
                { key: 'upper_80', label: '80% high', numeric: true, format: (v) => formatMoney(v) },
                { key: 'lower_95', label: '95% low', numeric: true, format: (v) => formatMoney(v) },
                { key: 'upper_95', label: '95% high', numeric: true, format: (v) => formatMoney(v) },
              ]}
              rows={rows}
              fileName={`forecast-${slug}.csv`}
              pageSize={7}
            />
          )}
        </Loaded>
      </Panel>
      <Panel
        id="backtest"
        title="How the model was chosen"
        description="Rolling-origin backtest: lower MASE is better, below 1 beats a naive forecast; coverage should be near 80% and 95%."
      >
        <Loaded value={backtest} what="the backtest" isEmpty={(r) => r.length === 0}>
          {(rows) => (
            <DataTable
              caption={`Backtest, ${seriesName(series)}`}
              columns={[
                { key: 'model', label: 'Model', format: (v) => modelName(v) },
                {
                  key: 'is_chosen',
                  label: 'Chosen',
                  format: (v) => (v === true ? <Badge value="chosen" /> : ''),
                },
                { key: 'mase', label: 'MASE', numeric: true, format: (v) => formatDecimal(v, 3) },
                { key: 'smape', label: 'sMAPE', numeric: true, format: (v) => `${formatDecimal(v, 1)}%` },
                { key: 'coverage_80', label: '80% cov.', numeric: true, format: (v) => formatShare(v, 0) },
                { key: 'coverage_95', label: '95% cov.', numeric: true, format: (v) => formatShare(v, 0) },
              ]}
              rows={rows}
              fileName={`backtest-${slug}.csv`}
            />
          )}
        </Loaded>
      </Panel>
    </>
  );
}

function ForecastChart(props: { forecast: readonly Row[]; history: readonly Row[]; series: string }) {
  const config = useMemo(
    () =>
      forecastChart(
        props.history.map((r) => ({ date: String(r.date), revenue: num(r.revenue) ?? 0 })),
        props.forecast.map((r) => ({
          date: String(r.date),
          forecast: num(r.forecast) ?? 0,
          lower80: num(r.lower_80) ?? 0,
          upper80: num(r.upper_80) ?? 0,
          lower95: num(r.lower_95) ?? 0,
          upper95: num(r.upper_95) ?? 0,
        })),
      ),
    [props.forecast, props.history],
  );
  const first = props.forecast[0];
  const label = first
    ? `Revenue forecast for ${seriesName(props.series)}: ${formatMoney(first.forecast)} on ${formatDay(first.date)}, 80% interval ${formatMoney(first.lower_80)} to ${formatMoney(first.upper_80)}, over ${props.forecast.length} days.`
    : 'Revenue forecast';
  return <ChartView config={config} label={label} size="large" />;
}

// Actual daily revenue of the same slice the series forecasts, over the last 13 weeks.
function historySql(series: string): string {
  const [kind, name = ''] = series.split(':', 2);
  const filter =
    kind === 'category'
      ? `AND category = ${sqlString(name)}`
      : kind === 'region'
        ? `AND region = ${sqlString(name)}`
        : '';
  return `
SELECT date, sum(revenue) AS revenue
FROM market_intelligence_hub.daily_sales
WHERE date > (SELECT max(date) FROM market_intelligence_hub.daily_sales) - INTERVAL ${HISTORY_DAYS} DAY ${filter}
GROUP BY date
ORDER BY date`;
}
