// Fraud alerts: patterns by severity, and every alert with what it groups (payments of one
// card, device or order) and its detail.

import { useMemo } from 'preact/hooks';
import type { Row } from '../../api/api-types.js';
import { useRows } from '../../api/use-api.js';
import { barChart } from '../../charts/bar-chart.js';
import { pivot } from '../../charts/pivot.js';
import { Badge } from '../../components/badge.js';
import { ChartView } from '../../components/chart-view.js';
import { DataTable } from '../../components/data-table.js';
import { Panel } from '../../components/panel.js';
import { Loaded } from '../../components/state-views.js';
import { formatDateTime, formatInt, humanize, num } from '../../format.js';

export const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
const SEVERITY_COLOR: Readonly<Record<string, string>> = {
  critical: '#8b1a1a',
  high: '#d55e00',
  medium: '#e69f00',
  low: '#56b4e9',
};

const BY_PATTERN_SQL = `
SELECT pattern, severity, count(*)::INTEGER AS alerts
FROM compliance_guardian.fraud_alerts
GROUP BY pattern, severity
ORDER BY pattern`;

const ALERTS_SQL = `
SELECT detected_at, pattern, severity, payments, customers, max_fraud_score, grouped_by, group_key, detail, alert_id
FROM compliance_guardian.fraud_alerts
ORDER BY CASE severity WHEN 'critical' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2 ELSE 3 END, detected_at DESC`;

export function FraudAlertsPanels() {
  const byPattern = useRows(BY_PATTERN_SQL);
  const alerts = useRows(ALERTS_SQL, 5000);
  return (
    <>
      <Panel
        id="alert-patterns"
        title="Alerts by pattern"
        description="Each alert groups the payments of one card, device or order."
        wide
      >
        <Loaded
          value={byPattern}
          what="fraud alerts"
          isEmpty={(r) => r.length === 0}
          empty="No fraud alerts."
        >
          {(rows) => <PatternChart rows={rows} />}
        </Loaded>
      </Panel>
      <Panel id="fraud-alerts" title="Fraud alerts" description="Most severe first, then newest." wide>
        <Loaded value={alerts} what="fraud alerts" isEmpty={(r) => r.length === 0} empty="No fraud alerts.">
          {(rows) => (
            <DataTable
              caption="Fraud alerts"
              columns={[
                { key: 'severity', label: 'Severity', format: (v) => <Badge value={v} /> },
                { key: 'pattern', label: 'Pattern', format: (v) => humanize(v) },
                { key: 'detected_at', label: 'Detected', format: (v) => formatDateTime(v) },
                { key: 'payments', label: 'Payments', numeric: true, format: (v) => formatInt(v) },
                {
                  key: 'max_fraud_score',
                  label: 'Max score',
                  numeric: true,
                  format: (v) => num(v)?.toFixed(2) ?? '–',
                },
                {
                  key: 'grouped_by',
                  label: 'Grouped by',
                  format: (v, row) => `${humanize(v)} ${row.group_key ?? ''}`,
                },
                {
                  key: 'detail',
                  label: 'Detail',
                  format: (v) => <span class="reason">{String(v ?? '')}</span>,
                },
              ]}
              rows={rows}
              fileName="fraud-alerts.csv"
              pageSize={10}
            />
          )}
        </Loaded>
      </Panel>
    </>
  );
}

function PatternChart({ rows }: { rows: readonly Row[] }) {
  const config = useMemo(() => {
    const wide = pivot(rows, 'pattern', 'severity', 'alerts');
    const series = SEVERITIES.flatMap((severity) => {
      const found = wide.series.find((s) => s.label === severity);
      return found ? [{ label: severity, data: found.data, color: SEVERITY_COLOR[severity] }] : [];
    });
    return barChart({ labels: wide.labels.map((l) => humanize(l)), series, horizontal: true, stacked: true });
  }, [rows]);
  const text = rows.map((r) => `${humanize(r.pattern)} ${r.severity}: ${formatInt(r.alerts)}`).join('; ');
  return <ChartView config={config} label={`Fraud alerts by pattern and severity. ${text}.`} size="small" />;
}
