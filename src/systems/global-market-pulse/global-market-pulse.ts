// global-market-pulse: how each market is doing month by month (regional_performance) and
// where the next sales are most likely to come from (market_opportunities).

import { createSalesLines } from '../market-intelligence-hub/sales-lines.js';
import type { ProdSystem, SystemOutput } from '../prod-system.js';
import { buildMarketOpportunities, MARKET_OPPORTUNITIES } from './market-opportunities.js';
import { buildRegionalPerformance, REGIONAL_PERFORMANCE } from './regional-performance.js';

export const globalMarketPulse: ProdSystem = {
  name: 'global-market-pulse',
  tables: [REGIONAL_PERFORMANCE, MARKET_OPPORTUNITIES],
  async run(context): Promise<readonly SystemOutput[]> {
    await createSalesLines(context);
    return [await buildRegionalPerformance(context), await buildMarketOpportunities(context)];
  },
};
