// Corpus: churn, lifetime value, fraud, forecast, market opportunities and searches, each with
// its expected result in hand-written SQL over the prod tables that publish them.

import type { AnswerCase } from './corpus-case.js';
import { AF, AP, AS, between, month, monthEnd, SEARCHES, weekStart } from './corpus-sql.js';

const CHURN = 'demand_insights_engine.churn_predictions';
const SEGMENTS = 'demand_insights_engine.customer_segments';
const CLV = 'demand_insights_engine.clv_predictions';
const FRAUD = `(SELECT f.*, CAST(f.payment_ts AS DATE) AS d, o.channel, o.region FROM compliance_guardian.fraud_scores f
  LEFT JOIN curated.orders o ON o.order_id = f.order_id)`;
const HIGH_SHARE = "round(count(*) FILTER (WHERE risk_level = 'high') / count(*), 4)";
const FORECAST = 'market_intelligence_hub.sales_forecast';
const OPPORTUNITIES = 'global_market_pulse.market_opportunities';

export const MODEL_CASES: readonly AnswerCase[] = [
  {
    question: 'churn rate by segment',
    metric: 'churn_rate',
    intent: 'metric_by_dimension',
    columns: ['segment', 'churn_rate'],
    expected: 'SELECT segment, churn_rate FROM demand_insights_engine.segment_summary WHERE customers > 0',
  },
  {
    question: 'What is our overall churn rate?',
    metric: 'churn_rate',
    columns: ['churn_rate'],
    expected: `SELECT round(avg(churn_probability), 4) FROM ${CHURN}`,
  },
  {
    question: 'customer churn in EMEA',
    metric: 'churn_rate',
    columns: ['churn_rate'],
    expected: `SELECT round(avg(h.churn_probability), 4) FROM ${CHURN} h JOIN curated.customers c ON c.customer_id = h.customer_id WHERE c.region = 'EMEA'`,
  },
  {
    question: 'churn by risk level',
    metric: 'churn_rate',
    columns: ['risk_level', 'churn_rate'],
    expected: `SELECT churn_risk, round(avg(churn_probability), 4) FROM ${CHURN} GROUP BY 1`,
  },
  {
    question: 'average churn probability of high-risk customers',
    metric: 'churn_rate',
    columns: ['churn_rate'],
    expected: `SELECT round(avg(churn_probability), 4) FROM ${CHURN} WHERE churn_risk = 'high'`,
  },
  {
    question: 'average CLV by segment',
    metric: 'clv',
    columns: ['segment', 'clv'],
    expected: `SELECT coalesce(s.segment, 'unassigned'), round(avg(v.clv_12m), 2) FROM ${CLV} v LEFT JOIN ${SEGMENTS} s ON s.customer_id = v.customer_id GROUP BY 1`,
  },
  {
    question: 'lifetime value of customers in Germany',
    metric: 'clv',
    columns: ['clv'],
    expected: `SELECT round(avg(v.clv_12m), 2) FROM ${CLV} v JOIN curated.customers c ON c.customer_id = v.customer_id WHERE c.country = 'DE'`,
  },
  {
    question: 'fraud rate last 30 days',
    metric: 'fraud_rate',
    intent: 'metric_total',
    columns: ['fraud_rate'],
    expected: `SELECT ${HIGH_SHARE} FROM ${FRAUD} WHERE d > ${AP} - 30`,
    period: [`${AP} - 29`, AP],
  },
  {
    question: 'fraud rate by channel last month',
    metric: 'fraud_rate',
    columns: ['channel', 'fraud_rate'],
    expected: `SELECT coalesce(channel, 'unknown'), ${HIGH_SHARE} FROM ${FRAUD} WHERE ${between('d', month(AP, -1), monthEnd(AP, -1))} GROUP BY 1`,
  },
  {
    question: 'how many high-risk payments were there last week?',
    metric: 'payments',
    columns: ['payments'],
    expected: `SELECT count(*) FROM ${FRAUD} WHERE risk_level = 'high' AND ${between('d', weekStart(AP, -1), `${weekStart(AP, 0)} - 1`)}`,
  },
  {
    question: 'share of fraudulent payments by month this year',
    metric: 'fraud_rate',
    intent: 'metric_trend',
    columns: ['month', 'fraud_rate'],
    expected: `SELECT CAST(date_trunc('month', d) AS DATE), ${HIGH_SHARE} FROM ${FRAUD} WHERE d >= CAST(date_trunc('year', ${AP}) AS DATE) GROUP BY 1 ORDER BY 1`,
    ordered: true,
  },
  {
    question: 'Is fraud going up?',
    metric: 'fraud_rate',
    intent: 'comparison',
    columns: ['fraud_rate', 'fraud_rate_previous'],
    expected: `SELECT round(count(*) FILTER (WHERE risk_level = 'high' AND d > ${AP} - 30) / count(*) FILTER (WHERE d > ${AP} - 30), 4),
      round(count(*) FILTER (WHERE risk_level = 'high' AND d BETWEEN ${AP} - 59 AND ${AP} - 30) / count(*) FILTER (WHERE d BETWEEN ${AP} - 59 AND ${AP} - 30), 4)
      FROM ${FRAUD}`,
    period: [`${AP} - 59`, AP],
  },
  {
    question: 'what is the forecast for next week',
    metric: 'forecast',
    intent: 'metric_total',
    columns: ['forecast'],
    expected: `SELECT round(sum(forecast), 2) FROM ${FORECAST} WHERE series = 'total' AND ${between('date', weekStart(AF, 1), `${weekStart(AF, 1)} + 6`)}`,
    period: [weekStart(AF, 1), `${weekStart(AF, 1)} + 6`],
  },
  {
    question: 'forecast for the next 14 days by category',
    metric: 'forecast',
    columns: ['category', 'forecast'],
    expected: `SELECT substr(series, 10), round(sum(forecast), 2) FROM ${FORECAST} WHERE series LIKE 'category:%' AND ${between('date', `${AF} + 1`, `${AF} + 14`)} GROUP BY 1`,
  },
  {
    question: 'expected revenue for the next 7 days in EMEA',
    metric: 'forecast',
    columns: ['forecast'],
    expected: `SELECT round(sum(forecast), 2) FROM ${FORECAST} WHERE series = 'region:EMEA' AND ${between('date', `${AF} + 1`, `${AF} + 7`)}`,
  },
  {
    question: 'what will sales be next month?',
    metric: 'forecast',
    columns: ['forecast'],
    expected: `SELECT round(sum(forecast), 2) FROM ${FORECAST} WHERE series = 'total' AND ${between('date', month(AF, 1), monthEnd(AF, 1))}`,
  },
  {
    question: 'daily forecast next week',
    metric: 'forecast',
    intent: 'metric_trend',
    columns: ['day', 'forecast', 'lower_80', 'upper_80'],
    expected: `SELECT date, round(forecast, 2), round(lower_80, 2), round(upper_80, 2) FROM ${FORECAST} WHERE series = 'total' AND ${between('date', weekStart(AF, 1), `${weekStart(AF, 1)} + 6`)} ORDER BY 1`,
    ordered: true,
  },
  {
    question: 'best market opportunities',
    metric: 'opportunity_score',
    intent: 'top_n',
    columns: ['level', 'region', 'country', 'category', 'opportunity_score'],
    expected: `SELECT level, region, country, category, opportunity_score FROM ${OPPORTUNITIES} ORDER BY opportunity_score DESC, level, region, country, category LIMIT 5`,
    ordered: true,
  },
  {
    question: 'top 3 country opportunities in EMEA',
    metric: 'opportunity_score',
    columns: ['country', 'category', 'opportunity_score'],
    expected: `SELECT country, category, opportunity_score FROM ${OPPORTUNITIES} WHERE level = 'country' AND region = 'EMEA' ORDER BY opportunity_score DESC, region, country, category LIMIT 3`,
    ordered: true,
  },
  {
    question: 'where should we expand in electronics?',
    metric: 'opportunity_score',
    columns: ['level', 'region', 'country', 'opportunity_score'],
    expected: `SELECT level, region, country, opportunity_score FROM ${OPPORTUNITIES} WHERE category = 'electronics' ORDER BY opportunity_score DESC, level, region, country LIMIT 5`,
    ordered: true,
  },
  {
    question: 'top 10 search terms last month',
    metric: 'searches',
    intent: 'top_n',
    columns: ['search_term', 'searches'],
    expected: `SELECT term, count(*) AS v FROM ${SEARCHES} WHERE ${between('d', month(AS, -1), monthEnd(AS, -1))} GROUP BY 1 ORDER BY v DESC, 1 LIMIT 10`,
    ordered: true,
    period: [month(AS, -1), monthEnd(AS, -1)],
  },
  {
    question: 'zero-result rate in the last 30 days',
    metric: 'zero_result_rate',
    columns: ['zero_result_rate'],
    expected: `SELECT round(count(*) FILTER (WHERE results_count = 0) / count(*), 4) FROM ${SEARCHES} WHERE d > ${AS} - 30`,
  },
  {
    question: 'Which search terms return no results?',
    metric: 'zero_result_searches',
    columns: ['search_term', 'zero_result_searches'],
    expected: `SELECT term, count(*) FROM ${SEARCHES} WHERE results_count = 0 GROUP BY 1`,
  },
  {
    question: "How many searches for 'yoga mat' last month?",
    metric: 'searches',
    columns: ['searches'],
    expected: `SELECT count(*) FROM ${SEARCHES} WHERE term = 'yoga mat' AND ${between('d', month(AS, -1), monthEnd(AS, -1))}`,
  },
  {
    question: 'searches per day last week',
    metric: 'searches',
    intent: 'metric_trend',
    columns: ['day', 'searches'],
    expected: `SELECT d, count(*) FROM ${SEARCHES} WHERE ${between('d', weekStart(AS, -1), `${weekStart(AS, 0)} - 1`)} GROUP BY 1 ORDER BY 1`,
    ordered: true,
  },
  {
    question: 'searches with no results by country last month',
    metric: 'zero_result_searches',
    columns: ['country', 'zero_result_searches'],
    expected: `SELECT coalesce(country, 'unknown'), count(*) FILTER (WHERE results_count = 0) FROM ${SEARCHES} WHERE ${between('d', month(AS, -1), monthEnd(AS, -1))} GROUP BY 1`,
  },
  {
    question: 'What percentage of searches return zero results?',
    metric: 'zero_result_rate',
    columns: ['zero_result_rate'],
    expected: `SELECT round(count(*) FILTER (WHERE results_count = 0) / count(*), 4) FROM ${SEARCHES}`,
  },
  {
    question: 'Show me fraud by region',
    metric: 'fraud_rate',
    columns: ['region', 'fraud_rate'],
    expected: `SELECT coalesce(region, 'unknown'), ${HIGH_SHARE} FROM ${FRAUD} GROUP BY 1`,
  },
  {
    question: 'number of searches yesterday',
    metric: 'searches',
    columns: ['searches'],
    expected: `SELECT count(*) FROM ${SEARCHES} WHERE d = ${AS} - 1`,
    period: [`${AS} - 1`, `${AS} - 1`],
  },
];
