// Customer lifetime value: the distribution of the 12-month CLV (BG/NBD + Gamma-Gamma) in
// amount bands a person reads at a glance, with the median and the total.

import { useMemo } from 'preact/hooks';
import type { Row } from '../../api/api-types.js';
import { useRows } from '../../api/use-api.js';
import { barChart } from '../../charts/bar-chart.js';
import { ChartView } from '../../components/chart-view.js';
import { Panel } from '../../components/panel.js';
import { StatRow, StatTile } from '../../components/stat-tile.js';
import { Loaded } from '../../components/state-views.js';
import { formatInt, formatMoney, formatShare, num } from '../../format.js';

/** Lower bounds of the CLV bands, USD. */
export const CLV_BANDS = [0, 100, 250, 500, 1000, 2500, 5000, 10000] as const;

const BAND_SQL = `
SELECT CASE ${CLV_BANDS.slice(1)
  .map((upper, i) => `WHEN clv_12m < ${upper} THEN ${i}`)
  .join(' ')} ELSE ${CLV_BANDS.length - 1} END AS band,
  count(*)::INTEGER AS customers, sum(clv_12m) AS clv
FROM demand_insights_engine.clv_predictions
GROUP BY band
ORDER BY band`;

const SUMMARY_SQL = `
SELECT count(*)::INTEGER AS customers, median(clv_12m) AS median_clv, sum(clv_12m) AS total_clv,
  avg(prob_alive) AS avg_alive, sum(expected_purchases_90d) AS purchases_90d
FROM demand_insights_engine.clv_predictions`;

export function ClvPanel() {
  const bands = useRows(BAND_SQL);
  const summary = useRows(SUMMARY_SQL);
  return (
    <Panel
      id="clv"
      title="Customer lifetime value"
      description="Expected value of each customer over the next 12 months (USD)."
    >
      <Loaded value={summary} what="the CLV summary" isEmpty={(r) => r.length === 0}>
        {([s]) => (
          <StatRow>
            <StatTile
              label="Median CLV"
              value={formatMoney(s?.median_clv ?? null)}
              detail={`${formatInt(s?.customers ?? null)} customers`}
            />
            <StatTile label="Total, 12 months" value={formatMoney(s?.total_clv ?? null, { compact: true })} />
            <StatTile
              label="Still active"
              value={formatShare(s?.avg_alive ?? null, 0)}
              detail={`${formatInt(s?.purchases_90d ?? null)} purchases expected in 90 days`}
            />
          </StatRow>
        )}
      </Loaded>
      <Loaded value={bands} what="the CLV distribution" isEmpty={(r) => r.length === 0}>
        {(rows) => <ClvChart rows={rows} />}
      </Loaded>
    </Panel>
  );
}

function ClvChart({ rows }: { rows: readonly Row[] }) {
  const config = useMemo(() => {
    const counts = CLV_BANDS.map((_, i) => num(rows.find((r) => num(r.band) === i)?.customers) ?? 0);
    return barChart({
      labels: CLV_BANDS.map(bandLabel),
      series: [{ label: 'Customers', data: counts, color: '#009e73' }],
      valueTitle: 'customers',
      categoryTitle: 'CLV, next 12 months',
    });
  }, [rows]);
  const text = rows.map(
    (r) => `${bandLabel(CLV_BANDS[num(r.band) ?? 0] ?? 0, num(r.band) ?? 0)}: ${formatInt(r.customers)}`,
  );
  return <ChartView config={config} label={`Customers by 12-month CLV band. ${text.join('; ')}.`} />;
}

function bandLabel(_: number, i: number): string {
  const low = CLV_BANDS[i] ?? 0;
  const high = CLV_BANDS[i + 1];
  const short = (n: number) => (n >= 1000 ? `$${n / 1000}k` : `$${n}`);
  return high === undefined ? `${short(low)}+` : `${short(low)}–${short(high)}`;
}
