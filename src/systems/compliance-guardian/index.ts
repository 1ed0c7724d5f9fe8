// compliance-guardian: only re-exports. Start with complianceGuardian.

export { COMPLIANCE_TABLES, complianceGuardian } from './compliance-guardian.js';
export type { ComplianceSettings } from './compliance-settings.js';
export { parseComplianceSettings } from './compliance-settings.js';
export type { FraudPatternName, FraudRule } from './fraud/fraud-rules.js';
export { FRAUD_PATTERNS, FRAUD_RULES } from './fraud/fraud-rules.js';
export type { CheckResult, CheckStatus } from './report/compliance-check.js';
