// The overview: the day's headlines first (forecast, riskiest payments, best opportunity),
// then pipeline health, model accuracy and compliance.

import { PageHeader } from '../../components/page-header.js';
import { ComplianceChecks } from '../compliance-checks.js';
import { HeadlineCards } from './headline-cards.js';
import { ModelAccuracy } from './model-accuracy.js';
import { PipelineHealth } from './pipeline-health.js';

export function OverviewPage() {
  return (
    <>
      <PageHeader title="Overview">
        What the lake says today, and whether the pipeline behind it is healthy.
      </PageHeader>
      <HeadlineCards />
      <h2 class="section-title">Models and compliance</h2>
      <div class="grid">
        <ModelAccuracy />
        <ComplianceChecks />
      </div>
      <h2 class="section-title">Pipeline health</h2>
      <PipelineHealth />
    </>
  );
}
