// Retail copilot: shopper search patterns, demand gaps, and how the copilot itself is used.

import { PageHeader } from '../../components/page-header.js';
import { CopilotUsagePanels } from './copilot-usage-panels.js';
import { SearchPanels } from './search-panels.js';

export function RetailPage() {
  return (
    <>
      <PageHeader title="Retail copilot">
        What shoppers look for, what they cannot find, and what people ask the copilot.
      </PageHeader>
      <div class="grid">
        <SearchPanels />
        <CopilotUsagePanels />
      </div>
    </>
  );
}
