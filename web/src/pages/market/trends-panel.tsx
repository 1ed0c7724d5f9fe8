// Trends: monthly revenue per category, each category's latest month against the one before,
// and the product trends that a Mann-Whitney test finds significant.

import { useMemo, useState } from 'preact/hooks';
import type { Row } from '../../api/api-types.js';
import { useRows } from '../../api/use-api.js';
import { lineChart } from '../../charts/line-chart.js';
import { pivot } from '../../charts/pivot.js';
import { Badge } from '../../components/badge.js';
import { ChartView } from '../../components/chart-view.js';
import { type Column, DataTable } from '../../components/data-table.js';
import { Panel } from '../../components/panel.js';
import { SelectField } from '../../components/select-field.js';
import { Loaded } from '../../components/state-views.js';
import { formatDecimal, formatGrowth, formatMoney, formatMonth } from '../../format.js';

const CATEGORY_MONTHS_SQL = `
SELECT period, label, revenue
FROM market_intelligence_hub.trends
WHERE dimension = 'category'
ORDER BY period, label`;

const LATEST_SQL = `
SELECT label AS category, period, revenue, previous_revenue, growth_pct, direction, p_value, is_significant
FROM market_intelligence_hub.trends
WHERE dimension = 'category'
  AND period = (SELECT max(period) FROM market_intelligence_hub.trends WHERE dimension = 'category')
ORDER BY growth_pct DESC`;

const SIGNIFICANT_SQL = `
SELECT label AS product, period, revenue, previous_revenue, growth_pct, direction, p_value
FROM market_intelligence_hub.trends
WHERE dimension = 'product' AND is_significant
  AND period > (SELECT max(period) FROM market_intelligence_hub.trends) - INTERVAL 6 MONTH
ORDER BY period DESC, abs(growth_pct) DESC`;

const TREND_COLUMNS: readonly Column[] = [
  { key: 'period', label: 'Month', format: (v) => formatMonth(v) },
  { key: 'revenue', label: 'Revenue', numeric: true, format: (v) => formatMoney(v) },
  { key: 'previous_revenue', label: 'Month before', numeric: true, format: (v) => formatMoney(v) },
  { key: 'growth_pct', label: 'Change', numeric: true, format: (v) => formatGrowth(v) },
  { key: 'direction', label: 'Direction', format: (v) => (v === null ? '–' : <Badge value={v} />) },
  { key: 'p_value', label: 'p-value', numeric: true, format: (v) => formatDecimal(v, 3) },
];

export function TrendsPanels() {
  const months = useRows(CATEGORY_MONTHS_SQL);
  const latest = useRows(LATEST_SQL);
  const significant = useRows(SIGNIFICANT_SQL);
  // One large category flattens the others on a linear axis, hence log by default.
  const [scale, setScale] = useState('log');
  const picker = (
    <SelectField
      id="trend-scale"
      label="Scale"
      value={scale}
      options={[
        { value: 'log', label: 'Logarithmic (compare shapes)' },
        { value: 'linear', label: 'Linear (compare sizes)' },
      ]}
      onChange={setScale}
    />
  );
  return (
    <>
      <Panel
        id="category-trends"
        title="Monthly revenue by category"
        description="USD per calendar month."
        actions={picker}
        wide
      >
        <Loaded value={months} what="category trends" isEmpty={(r) => r.length === 0}>
          {(rows) => <CategoryChart rows={rows} logScale={scale === 'log'} />}
        </Loaded>
      </Panel>
      <Panel
        id="latest-month"
        title="Latest month by category"
        description="Against the month before; significant means the daily revenues differ (Mann-Whitney, p < 0.05)."
      >
        <Loaded value={latest} what="the latest month" isEmpty={(r) => r.length === 0}>
          {(rows) => (
            <DataTable
              caption="Latest month by category"
              columns={[
                { key: 'category', label: 'Category' },
                ...TREND_COLUMNS.filter((c) => c.key !== 'period'),
                { key: 'is_significant', label: 'Significant', format: (v) => (v === true ? 'yes' : 'no') },
              ]}
              rows={rows}
              fileName="category-trends-latest.csv"
            />
          )}
        </Loaded>
      </Panel>
      <Panel
        id="product-trends"
        title="Significant product trends"
        description="Products whose month differs significantly from the month before, last 6 months."
      >
        <Loaded
          value={significant}
          what="product trends"
          isEmpty={(r) => r.length === 0}
          empty="No product changed significantly in the last 6 months."
        >
          {(rows) => (
            <DataTable
              caption="Significant product trends"
              columns={[{ key: 'product', label: 'Product' }, ...TREND_COLUMNS]}
              rows={rows}
              fileName="product-trends-significant.csv"
            />
          )}
        </Loaded>
      </Panel>
    </>
  );
}

function CategoryChart({ rows, logScale }: { rows: readonly Row[]; logScale: boolean }) {
  const config = useMemo(
    () =>
      lineChart(pivot(rows, 'period', 'label', 'revenue'), {
        format: (v) => formatMoney(v, { compact: true }),
        formatLabel: formatMonth,
        logScale,
      }),
    [rows, logScale],
  );
  const categories = new Set(rows.map((r) => r.label)).size;
  return <ChartView config={config} label={`Monthly revenue of ${categories} categories over time.`} />;
}
