// Compliance: fraud at a glance, the riskiest payments, score distribution and reasons,
// alerts, and the PCI DSS / privacy checks.

import { useRows } from '../../api/use-api.js';
import { PageHeader } from '../../components/page-header.js';
import { StatRow, StatTile } from '../../components/stat-tile.js';
import { Loaded } from '../../components/state-views.js';
import { formatInt, formatShare, num } from '../../format.js';
import { ComplianceChecks } from '../compliance-checks.js';
import { FraudAlertsPanels } from './fraud-alerts-panel.js';
import { FraudScorePanels } from './fraud-scores-panel.js';

const TOTALS_SQL = `
SELECT
  (SELECT count(*)::INTEGER FROM compliance_guardian.fraud_scores) AS payments,
  (SELECT count(*)::INTEGER FROM compliance_guardian.fraud_scores WHERE risk_level = 'high') AS high_risk,
  (SELECT count(*)::INTEGER FROM compliance_guardian.fraud_alerts WHERE severity IN ('critical', 'high')) AS urgent_alerts,
  (SELECT count(*)::INTEGER FROM compliance_guardian.fraud_alerts) AS alerts,
  (SELECT count(*)::INTEGER FROM compliance_guardian.customer_risk WHERE risk_level = 'high') AS risky_customers`;

export function CompliancePage() {
  const totals = useRows(TOTALS_SQL);
  return (
    <>
      <PageHeader title="Compliance">
        Which payments look fraudulent and why, the alerts raised, and the evidence that card data stays
        masked.
      </PageHeader>
      <Loaded value={totals} what="fraud totals" isEmpty={(r) => r.length === 0}>
        {([t]) => (
          <StatRow>
            <StatTile label="Payments scored" value={formatInt(t?.payments ?? null)} />
            <StatTile
              label="High-risk payments"
              value={formatInt(t?.high_risk ?? null)}
              detail={`${formatShare((num(t?.high_risk) ?? 0) / (num(t?.payments) || 1), 1)} of payments`}
              tone="bad"
            />
            <StatTile
              label="Critical and high alerts"
              value={formatInt(t?.urgent_alerts ?? null)}
              detail={`of ${formatInt(t?.alerts ?? null)} alerts`}
              tone="warn"
            />
            <StatTile label="High-risk customers" value={formatInt(t?.risky_customers ?? null)} />
          </StatRow>
        )}
      </Loaded>
      <div class="grid">
        <FraudScorePanels />
        <FraudAlertsPanels />
        <ComplianceChecks pageSize={20} />
      </div>
    </>
  );
}
