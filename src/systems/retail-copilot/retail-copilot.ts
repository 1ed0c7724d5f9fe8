// retail-copilot: how shoppers search (search_patterns), what they cannot find (demand_gaps)
// and how the copilot itself is used (copilot_queries, copilot_patterns).

import type { ProdSystem, SystemOutput } from '../prod-system.js';
import { buildCopilotTables, COPILOT_LOG_PREFIX, COPILOT_PATTERNS, COPILOT_QUERIES } from './copilot-log.js';
import { copilotSettings } from './copilot-settings.js';
import { buildDemandGaps, DEMAND_GAPS } from './demand-gaps.js';
import { buildSearchPatterns, createSearches, SEARCH_PATTERNS } from './search-patterns.js';

export const retailCopilot: ProdSystem = {
  name: 'retail-copilot',
  tables: [SEARCH_PATTERNS, DEMAND_GAPS, COPILOT_QUERIES, COPILOT_PATTERNS],
  curatedPrefixes: [COPILOT_LOG_PREFIX],
  async run(context): Promise<readonly SystemOutput[]> {
    const settings = copilotSettings(context.settings);
    await createSearches(context);
    const patterns = await buildSearchPatterns(context, settings);
    const gaps = await buildDemandGaps(context, settings);
    return [patterns, gaps, ...(await buildCopilotTables(context))];
  },
};
