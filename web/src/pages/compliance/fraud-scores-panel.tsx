// Fraud scores: the riskiest payments with their reasons, how scores are distributed, and
// which signals fire how often (with the share of those payments later charged back).

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
import { formatDateTime, formatInt, formatShare, humanize, num } from '../../format.js';

const RISKIEST_SQL = `
SELECT payment_id, order_id, customer_id, fraud_score, risk_level, status, payment_ts, reasons
FROM compliance_guardian.fraud_scores
WHERE risk_level <> 'low'
ORDER BY fraud_score DESC, payment_ts DESC`;

const SCORE_BUCKETS = 20;

const DISTRIBUTION_SQL = `
SELECT least(floor(fraud_score * ${SCORE_BUCKETS}), ${SCORE_BUCKETS - 1})::INTEGER AS bucket, count(*)::INTEGER AS payments
FROM compliance_guardian.fraud_scores
GROUP BY bucket
ORDER BY bucket`;

const SIGNALS_SQL = `
WITH fired AS (
  SELECT unnest(string_split(signals, ',')) AS signal, fraud_score
  FROM compliance_guardian.fraud_scores
  WHERE signals IS NOT NULL AND signals <> ''
)
SELECT f.signal, count(*)::INTEGER AS payments, avg(f.fraud_score) AS avg_score, any_value(m.value) AS chargeback_share
FROM fired f
LEFT JOIN compliance_guardian.fraud_model m ON m.metric = 'chargeback_share:' || f.signal
GROUP BY f.signal
ORDER BY payments DESC`;

export function FraudScorePanels() {
  const riskiest = useRows(RISKIEST_SQL, 1000);
  const distribution = useRows(DISTRIBUTION_SQL);
  const signals = useRows(SIGNALS_SQL);
  return (
    <>
      <Panel
        id="riskiest-payments"
        title="Riskiest payments"
        description="Medium and high risk payments, highest score first, with the reasons behind each score."
        wide
      >
        <Loaded
          value={riskiest}
          what="risky payments"
          isEmpty={(r) => r.length === 0}
          empty="No payment scored above low risk."
        >
          {(rows) => (
            <DataTable
              caption="Riskiest payments"
              columns={[
                { key: 'payment_id', label: 'Payment', numeric: true },
                {
                  key: 'fraud_score',
                  label: 'Score',
                  numeric: true,
                  format: (v) => <ScoreMeter value={num(v)} />,
                },
                { key: 'risk_level', label: 'Risk', format: (v) => <Badge value={v} /> },
                { key: 'order_id', label: 'Order', numeric: true },
                { key: 'customer_id', label: 'Customer', numeric: true },
                { key: 'status', label: 'Status', format: (v) => humanize(v) },
                { key: 'payment_ts', label: 'Paid', format: (v) => formatDateTime(v) },
                { key: 'reasons', label: 'Reasons', format: (v) => <ReasonList text={v} /> },
              ]}
              rows={rows}
              fileName="riskiest-payments.csv"
              pageSize={10}
            />
          )}
        </Loaded>
      </Panel>
      <Panel
        id="score-distribution"
        title="Score distribution"
        description="Payments per score band (log scale: most payments score low)."
      >
        <Loaded value={distribution} what="the score distribution" isEmpty={(r) => r.length === 0}>
          {(rows) => <DistributionChart rows={rows} />}
        </Loaded>
      </Panel>
      <Panel
        id="signals"
        title="Why payments score high"
        description="How often each signal fired, and the share of those payments later charged back."
      >
        <Loaded
          value={signals}
          what="fraud signals"
          isEmpty={(r) => r.length === 0}
          empty="No fraud signal has fired."
        >
          {(rows) => (
            <>
              <SignalsChart rows={rows} />
              <DataTable
                caption="Fraud signals"
                columns={[
                  { key: 'signal', label: 'Signal', format: (v) => humanize(v) },
                  { key: 'payments', label: 'Payments', numeric: true, format: (v) => formatInt(v) },
                  {
                    key: 'avg_score',
                    label: 'Avg score',
                    numeric: true,
                    format: (v) => num(v)?.toFixed(2) ?? '–',
                  },
                  {
                    key: 'chargeback_share',
                    label: 'Charged back',
                    numeric: true,
                    format: (v) => formatShare(v, 0),
                  },
                ]}
                rows={rows}
                fileName="fraud-signals.csv"
                pageSize={6}
              />
            </>
          )}
        </Loaded>
      </Panel>
    </>
  );
}

function DistributionChart({ rows }: { rows: readonly Row[] }) {
  const config = useMemo(() => {
    const counts = Array.from(
      { length: SCORE_BUCKETS },
      (_, i) => num(rows.find((r) => num(r.bucket) === i)?.payments) ?? 0,
    );
    return barChart({
      labels: counts.map((_, i) => (i / SCORE_BUCKETS).toFixed(2)),
      series: [
        {
          label: 'Payments',
          data: counts.map((c) => (c > 0 ? c : null)),
          color: counts.map((_, i) => scoreColor(i / SCORE_BUCKETS)),
        },
      ],
      logScale: true,
      categoryTitle: 'fraud score (band start)',
      valueTitle: 'payments',
    });
  }, [rows]);
  const text = rows
    .map((r) => `${((num(r.bucket) ?? 0) / SCORE_BUCKETS).toFixed(2)}: ${formatInt(r.payments)}`)
    .join('; ');
  return <ChartView config={config} label={`Payments per fraud score band. ${text}.`} />;
}

function SignalsChart({ rows }: { rows: readonly Row[] }) {
  const config = useMemo(
    () =>
      barChart({
        labels: rows.map((r) => humanize(r.signal)),
        series: [{ label: 'Payments', data: rows.map((r) => num(r.payments)), color: '#cc79a7' }],
        horizontal: true,
      }),
    [rows],
  );
  const text = rows.map((r) => `${humanize(r.signal)}: ${formatInt(r.payments)}`).join('; ');
  return <ChartView config={config} label={`Payments per fraud signal. ${text}.`} size="small" />;
}

function ScoreMeter({ value }: { value: number | null }) {
  if (value === null) return <>–</>;
  return (
    <span class="meter" title={value.toFixed(3)}>
      <span class="meter-value">{value.toFixed(2)}</span>
      <meter min={0} max={1} low={0.4} high={0.8} optimum={0} value={value} aria-hidden="true" />
    </span>
  );
}

function scoreColor(score: number): string {
  return score >= 0.8 ? '#d55e00' : score >= 0.4 ? '#e69f00' : '#009e73';
}
