// Churn: how many customers sit in each risk band, and the list to act on, ranked by value at
// risk (churn probability × 12-month CLV) with the factors that drive each score.

import { useMemo } from 'preact/hooks';
import type { Row } from '../../api/api-types.js';
import { useRows } from '../../api/use-api.js';
import { barChart } from '../../charts/bar-chart.js';
import { Badge } from '../../components/badge.js';
import { ChartView } from '../../components/chart-view.js';
import { DataTable } from '../../components/data-table.js';
import { Panel } from '../../components/panel.js';
import { ReasonList } from '../../components/reason-list.js';
import { Loaded } from '../../components/state-views.js';
import { formatInt, formatMoney, formatShare, num } from '../../format.js';

const RISK_BANDS_SQL = `
SELECT churn_risk, count(*)::INTEGER AS customers
FROM demand_insights_engine.churn_predictions
GROUP BY churn_risk`;

const RISK_LIST_SQL = `
SELECT c.customer_id, c.churn_probability, c.churn_risk, s.segment, v.clv_12m,
  c.churn_probability * coalesce(v.clv_12m, 0) AS value_at_risk, s.recency_days, c.top_factors
FROM demand_insights_engine.churn_predictions c
LEFT JOIN demand_insights_engine.customer_segments s USING (customer_id)
LEFT JOIN demand_insights_engine.clv_predictions v USING (customer_id)
WHERE c.churn_risk <> 'low'
ORDER BY value_at_risk DESC`;

const RISK_ORDER = ['low', 'medium', 'high'];
const RISK_COLOR: Readonly<Record<string, string>> = { low: '#009e73', medium: '#e69f00', high: '#d55e00' };

export function ChurnPanels() {
  const bands = useRows(RISK_BANDS_SQL);
  const list = useRows(RISK_LIST_SQL, 2000);
  return (
    <>
      <Panel
        id="churn-bands"
        title="Churn risk"
        description="Customers by predicted chance of not ordering in the next 90 days."
      >
        <Loaded value={bands} what="churn risk" isEmpty={(r) => r.length === 0}>
          {(rows) => <RiskChart rows={rows} />}
        </Loaded>
      </Panel>
      <Panel
        id="churn-list"
        title="Customers at risk"
        description="Medium and high risk, most value at risk first (churn probability × 12-month CLV)."
        wide
      >
        <Loaded
          value={list}
          what="the churn risk list"
          isEmpty={(r) => r.length === 0}
          empty="No customer is at medium or high risk."
        >
          {(rows) => (
            <DataTable
              caption="Customers at risk of churning"
              columns={[
                { key: 'customer_id', label: 'Customer', numeric: true },
                {
                  key: 'churn_probability',
                  label: 'Churn chance',
                  numeric: true,
                  format: (v) => formatShare(v, 0),
                },
                { key: 'churn_risk', label: 'Risk', format: (v) => <Badge value={v} /> },
                { key: 'segment', label: 'Segment' },
                { key: 'clv_12m', label: 'CLV 12 m', numeric: true, format: (v) => formatMoney(v) },
                {
                  key: 'value_at_risk',
                  label: 'Value at risk',
                  numeric: true,
                  format: (v) => formatMoney(v),
                },
                {
                  key: 'recency_days',
                  label: 'Days since order',
                  numeric: true,
                  format: (v) => formatInt(v),
                },
                { key: 'top_factors', label: 'Why', format: (v) => <ReasonList text={v} /> },
              ]}
              rows={rows}
              fileName="churn-risk.csv"
            />
          )}
        </Loaded>
      </Panel>
    </>
  );
}

function RiskChart({ rows }: { rows: readonly Row[] }) {
  const ordered = useMemo(
    () =>
      [...rows].sort(
        (a, b) => RISK_ORDER.indexOf(String(a.churn_risk)) - RISK_ORDER.indexOf(String(b.churn_risk)),
      ),
    [rows],
  );
  const config = useMemo(
    () =>
      barChart({
        labels: ordered.map((r) => String(r.churn_risk)),
        series: [
          {
            label: 'Customers',
            data: ordered.map((r) => num(r.customers)),
            color: ordered.map((r) => RISK_COLOR[String(r.churn_risk)] ?? '#4e79a7'),
          },
        ],
      }),
    [ordered],
  );
  const text = ordered.map((r) => `${r.churn_risk}: ${formatInt(r.customers)}`).join('; ');
  return <ChartView config={config} label={`Customers by churn risk. ${text}.`} />;
}
