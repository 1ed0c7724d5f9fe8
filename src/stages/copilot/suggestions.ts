// Questions the copilot answers, offered on a refusal and to the dashboard. Each one is in the
// corpus test, so none of them can quietly stop working.

import type { MetricFamily } from './semantic-metrics.js';

export const SUGGESTIONS_BY_FAMILY: Readonly<Record<MetricFamily, readonly string[]>> = {
  sales: [
    'What was revenue last month?',
    'Top 5 categories by revenue last month',
    'How many orders yesterday?',
    'Average order value by channel',
    'Revenue this month vs last month',
    'Monthly revenue trend in EMEA',
    'Revenue by country in the last 30 days',
  ],
  churn: ['Churn rate by segment', 'Churn rate by region'],
  clv: ['Average customer lifetime value by segment'],
  fraud: ['Fraud rate in the last 30 days', 'Fraud rate by channel last month'],
  forecast: ['What is the forecast for next week?', 'Revenue forecast by category for the next 14 days'],
  opportunity: ['Best market opportunities', 'Top 3 country opportunities in EMEA'],
  search: [
    'Top 10 search terms last month',
    'Zero-result rate in the last 30 days',
    'Which search terms return no results?',
  ],
};

/** A short list across all metrics, for the dashboard and for refusals with no metric. */
export const GENERAL_SUGGESTIONS: readonly string[] = [
  'What was revenue last month?',
  'Top 5 categories by revenue last month',
  'How many orders yesterday?',
  'Average order value by channel',
  'Revenue this month vs last month',
  'Churn rate by segment',
  'Fraud rate in the last 30 days',
  'What is the forecast for next week?',
  'Best market opportunities',
  'Top 10 search terms last month',
  'Zero-result rate in the last 30 days',
];

/** Suggestions for a refusal: the metric's own first, then others. */
export function suggestionsFor(family: MetricFamily | undefined): string[] {
  const own = family ? SUGGESTIONS_BY_FAMILY[family] : [];
  return [...new Set([...own, ...GENERAL_SUGGESTIONS])].slice(0, 6);
}
