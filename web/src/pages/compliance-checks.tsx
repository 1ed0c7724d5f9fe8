// The compliance report's checks (no PAN/CVV/SSN outside raw, masking coverage, quarantine
// volumes), failures first. Shown on the overview and the compliance page.

import { useRows } from '../api/use-api.js';
import { Badge } from '../components/badge.js';
import { DataTable } from '../components/data-table.js';
import { Panel } from '../components/panel.js';
import { Loaded } from '../components/state-views.js';
import { formatDateTime, humanize } from '../format.js';

const CHECKS_SQL = `
SELECT "check", status, detail, checked_at
FROM compliance_guardian.compliance_report
ORDER BY CASE status WHEN 'fail' THEN 0 WHEN 'warn' THEN 1 ELSE 2 END, "check"`;

export function ComplianceChecks({ pageSize = 6 }: { pageSize?: number }) {
  const rows = useRows(CHECKS_SQL);
  return (
    <Panel
      id="compliance-checks"
      title="Compliance checks"
      description="PCI DSS and privacy evidence from the last compliance run."
      wide
    >
      <Loaded value={rows} what="the compliance report" isEmpty={(r) => r.length === 0}>
        {(r) => {
          const passing = r.filter((row) => row.status === 'pass').length;
          return (
            <>
              <p class={passing === r.length ? 'summary summary--good' : 'summary summary--bad'}>
                {passing} of {r.length} checks pass
                {r[0]?.checked_at ? ` · checked ${formatDateTime(r[0].checked_at)}` : ''}
              </p>
              <DataTable
                caption="Compliance checks"
                columns={[
                  { key: 'check', label: 'Check', format: (v) => humanize(v) },
                  { key: 'status', label: 'Status', format: (v) => <Badge value={v} /> },
                  {
                    key: 'detail',
                    label: 'Evidence',
                    format: (v) => <span class="reason">{String(v ?? '')}</span>,
                  },
                ]}
                rows={r}
                fileName="compliance-checks.csv"
                pageSize={pageSize}
              />
            </>
          );
        }}
      </Loaded>
    </Panel>
  );
}
