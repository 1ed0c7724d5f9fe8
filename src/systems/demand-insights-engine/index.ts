// demand-insights-engine: only re-exports. Start with demandInsightsEngine.

export { CHURN_FEATURES } from './churn/churn-features.js';
export { DEMAND_INSIGHTS_TABLES, demandInsightsEngine } from './demand-insights-engine.js';
export type { DemandInsightsSettings } from './demand-insights-settings.js';
export { parseDemandInsightsSettings } from './demand-insights-settings.js';
export { areaUnderRoc, precisionAtK } from './model/area-under-roc.js';
export type { Segment, SegmentRule } from './rfm/segment-rules.js';
export { SEGMENT_RULES, SEGMENTS, segmentFor } from './rfm/segment-rules.js';
