// RFM segments: how many customers each holds, what they spend, their expected value and churn.

import { useMemo } from 'preact/hooks';
import type { Row } from '../../api/api-types.js';
import { useRows } from '../../api/use-api.js';
import { barChart } from '../../charts/bar-chart.js';
import { ChartView } from '../../components/chart-view.js';
import { DataTable } from '../../components/data-table.js';
import { Panel } from '../../components/panel.js';
import { Loaded } from '../../components/state-views.js';
import { formatInt, formatMoney, formatShare, num } from '../../format.js';

const SEGMENTS_SQL = `
SELECT segment, customers, revenue, revenue_share, avg_clv, churn_rate
FROM demand_insights_engine.segment_summary
ORDER BY segment_order`;

export function SegmentsPanel() {
  const rows = useRows(SEGMENTS_SQL);
  return (
    <Panel
      id="segments"
      title="RFM segments"
      description="Customers grouped by recency, frequency and monetary value; revenue share and churn per segment."
      wide
    >
      <Loaded value={rows} what="segments" isEmpty={(r) => r.length === 0}>
        {(r) => (
          <div class="split">
            <SegmentChart rows={r} />
            <DataTable
              caption="RFM segments"
              columns={[
                { key: 'segment', label: 'Segment' },
                { key: 'customers', label: 'Customers', numeric: true, format: (v) => formatInt(v) },
                { key: 'revenue', label: 'Revenue', numeric: true, format: (v) => formatMoney(v) },
                { key: 'revenue_share', label: 'Share', numeric: true, format: (v) => formatShare(v) },
                { key: 'avg_clv', label: 'Avg CLV', numeric: true, format: (v) => formatMoney(v) },
                { key: 'churn_rate', label: 'Churn', numeric: true, format: (v) => formatShare(v, 0) },
              ]}
              rows={r}
              fileName="segments.csv"
            />
          </div>
        )}
      </Loaded>
    </Panel>
  );
}

function SegmentChart({ rows }: { rows: readonly Row[] }) {
  const config = useMemo(
    () =>
      barChart({
        labels: rows.map((r) => String(r.segment)),
        series: [
          { label: 'Share of customers', data: shares(rows, 'customers'), color: '#56b4e9' },
          {
            label: 'Share of revenue',
            data: rows.map((r) => (num(r.revenue_share) ?? 0) * 100),
            color: '#0072b2',
          },
        ],
        horizontal: true,
        format: (v) => `${v.toFixed(0)}%`,
      }),
    [rows],
  );
  const text = rows.map(
    (r) => `${r.segment}: ${formatInt(r.customers)} customers, ${formatShare(r.revenue_share)} of revenue`,
  );
  return <ChartView config={config} label={`RFM segments. ${text.join('; ')}.`} />;
}

function shares(rows: readonly Row[], key: string): number[] {
  const total = rows.reduce((sum, r) => sum + (num(r[key]) ?? 0), 0) || 1;
  return rows.map((r) => ((num(r[key]) ?? 0) / total) * 100);
}
