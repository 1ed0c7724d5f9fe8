// The CLV models of demand-insights-engine: only re-exports. Start with fitClvModels.

export type { BgNbdParams, PurchaseHistory } from './bg-nbd-log-likelihood.js';
export { bgNbdLogLikelihood } from './bg-nbd-log-likelihood.js';
export { conditionalExpectedPurchases, probAlive } from './bg-nbd-predictions.js';
export type { ClvFailureReason } from './clv-fit-error.js';
export { CLV_FAILURE_REASONS, ClvFitError, isClvFailureReason } from './clv-fit-error.js';
export type { CustomerLifetimeValueOptions, DiscountRate } from './customer-lifetime-value.js';
export { customerLifetimeValue, monthlyDiscountRate } from './customer-lifetime-value.js';
export type { BgNbdModel } from './fit-bg-nbd.js';
export { createBgNbdModel, fitBgNbd } from './fit-bg-nbd.js';
export type { ClvFitResult, ClvModels, ClvModelsConfig, CustomerClv, FittedModel } from './fit-clv-models.js';
export { fitClvModels } from './fit-clv-models.js';
export type { GammaGammaModel } from './fit-gamma-gamma.js';
export { fitGammaGamma } from './fit-gamma-gamma.js';
export type { GammaGammaParams, SpendHistory } from './gamma-gamma-log-likelihood.js';
export { gammaGammaLogLikelihood } from './gamma-gamma-log-likelihood.js';
export { conditionalExpectedAverageProfit, populationMeanSpend } from './gamma-gamma-predictions.js';
export type { LogLikelihoodFitOptions } from './maximise-log-likelihood.js';
export type { NelderMeadOptions, NelderMeadResult } from './nelder-mead.js';
export { minimiseNelderMead } from './nelder-mead.js';
export type { ClvTransaction, CustomerSummary, SummariseOptions } from './summarise-transactions.js';
export { summariseTransactions } from './summarise-transactions.js';
