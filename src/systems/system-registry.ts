// Every prod system that curated-to-prod runs, in order. Adding a system: one import and one
// element below.

import { complianceGuardian } from './compliance-guardian/compliance-guardian.js';
import { demandInsightsEngine } from './demand-insights-engine/demand-insights-engine.js';
import { globalMarketPulse } from './global-market-pulse/global-market-pulse.js';
import { marketIntelligenceHub } from './market-intelligence-hub/market-intelligence-hub.js';
import type { ProdSystem } from './prod-system.js';
import { retailCopilot } from './retail-copilot/retail-copilot.js';

export const PROD_SYSTEMS: readonly ProdSystem[] = [
  marketIntelligenceHub,
  globalMarketPulse,
  retailCopilot,
  demandInsightsEngine,
  complianceGuardian,
];
