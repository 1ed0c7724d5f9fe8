// Demand insights: RFM segments, lifetime value and churn.

import { PageHeader } from '../../components/page-header.js';
import { ChurnPanels } from './churn-panel.js';
import { ClvPanel } from './clv-panel.js';
import { SegmentsPanel } from './segments-panel.js';

export function DemandPage() {
  return (
    <>
      <PageHeader title="Demand insights">
        Who the customers are, what they are worth over the next year, and who is about to leave.
      </PageHeader>
      <div class="grid">
        <SegmentsPanel />
        <ClvPanel />
        <ChurnPanels />
      </div>
    </>
  );
}
