// Regional performance: countries ranked by revenue over the last 12 months (coloured by
// region, with growth against the 12 before), and each region's monthly revenue.

import { useMemo } from 'preact/hooks';
import type { Row } from '../../api/api-types.js';
import { useRows } from '../../api/use-api.js';
import { barChart } from '../../charts/bar-chart.js';
import { colorAt } from '../../charts/chart-setup.js';
import { lineChart } from '../../charts/line-chart.js';
import { pivot } from '../../charts/pivot.js';
import { ChartView } from '../../components/chart-view.js';
import { DataTable } from '../../components/data-table.js';
import { Panel } from '../../components/panel.js';
import { Loaded } from '../../components/state-views.js';
import { formatGrowth, formatInt, formatMoney, formatMonth, formatShare, num } from '../../format.js';

const COUNTRIES_SQL = `
WITH bounds AS (SELECT max(month) AS last FROM global_market_pulse.regional_performance),
yearly AS (
  SELECT region, country,
    sum(revenue) FILTER (WHERE month > last - INTERVAL 12 MONTH) AS revenue,
    sum(revenue) FILTER (WHERE month <= last - INTERVAL 12 MONTH AND month > last - INTERVAL 24 MONTH) AS previous_revenue,
    sum(orders) FILTER (WHERE month > last - INTERVAL 12 MONTH)::INTEGER AS orders
  FROM global_market_pulse.regional_performance, bounds
  GROUP BY region, country
)
SELECT region, country, revenue, orders, revenue / nullif(orders, 0) AS avg_order_value,
  100 * (revenue / nullif(previous_revenue, 0) - 1) AS growth_pct,
  revenue / sum(revenue) OVER () AS revenue_share
FROM yearly
ORDER BY revenue DESC`;

const REGION_MONTHS_SQL = `
SELECT month, region, sum(revenue) AS revenue
FROM global_market_pulse.regional_performance
GROUP BY month, region
ORDER BY month, region`;

export function RegionsPanels() {
  const countries = useRows(COUNTRIES_SQL);
  const months = useRows(REGION_MONTHS_SQL);
  return (
    <>
      <Panel
        id="countries"
        title="Countries ranked by revenue"
        description="Last 12 months in USD, coloured by region; growth against the 12 months before."
        wide
      >
        <Loaded value={countries} what="regional performance" isEmpty={(r) => r.length === 0}>
          {(rows) => (
            <div class="split">
              <CountryChart rows={rows} />
              <DataTable
                caption="Countries ranked by revenue"
                columns={[
                  { key: 'country', label: 'Country' },
                  { key: 'region', label: 'Region' },
                  { key: 'revenue', label: 'Revenue', numeric: true, format: (v) => formatMoney(v) },
                  { key: 'growth_pct', label: 'Growth', numeric: true, format: (v) => formatGrowth(v) },
                  { key: 'revenue_share', label: 'Share', numeric: true, format: (v) => formatShare(v) },
                  { key: 'orders', label: 'Orders', numeric: true, format: (v) => formatInt(v) },
                  {
                    key: 'avg_order_value',
                    label: 'Avg order',
                    numeric: true,
                    format: (v) => formatMoney(v),
                  },
                ]}
                rows={rows}
                fileName="countries.csv"
              />
            </div>
          )}
        </Loaded>
      </Panel>
      <Panel
        id="region-months"
        title="Monthly revenue by region"
        description="USD per calendar month; the last month may be partial."
        wide
      >
        <Loaded value={months} what="regional months" isEmpty={(r) => r.length === 0}>
          {(rows) => <RegionChart rows={rows} />}
        </Loaded>
      </Panel>
    </>
  );
}

function CountryChart({ rows }: { rows: readonly Row[] }) {
  const config = useMemo(() => {
    const regions = [...new Set(rows.map((r) => String(r.region)))].sort();
    const config = barChart({
      labels: rows.map((r) => `${r.country} · ${r.region}`),
      series: [
        {
          label: 'Revenue, last 12 months',
          data: rows.map((r) => num(r.revenue)),
          color: rows.map((r) => colorAt(regions.indexOf(String(r.region)))),
        },
      ],
      horizontal: true,
      format: (v) => formatMoney(v, { compact: true }),
    });
    return config;
  }, [rows]);
  const text = rows
    .map((r) => `${r.country} (${r.region}) ${formatMoney(r.revenue)}, ${formatGrowth(r.growth_pct)}`)
    .join('; ');
  return (
    <ChartView
      config={config}
      label={`Countries ranked by revenue over the last 12 months. ${text}.`}
      size="large"
    />
  );
}

function RegionChart({ rows }: { rows: readonly Row[] }) {
  const config = useMemo(
    () =>
      lineChart(pivot(rows, 'month', 'region', 'revenue'), {
        format: (v) => formatMoney(v, { compact: true }),
        formatLabel: formatMonth,
      }),
    [rows],
  );
  return <ChartView config={config} label="Monthly revenue of each region over time." />;
}
