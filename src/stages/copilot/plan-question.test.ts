import { describe, expect, it } from 'vitest';
import type { LakeFacts } from './lake-facts.js';
import { parseQuestion } from './parse-question.js';
import { planQuestion } from './plan-question.js';
import type { QueryPlan } from './query-plan.js';
import { buildLexicon } from './question-lexicon.js';

const FACTS: LakeFacts = {
  ranges: {
    sales: { from: '2024-11-01', to: '2026-10-31', anchor: '2026-10-31' },
    opportunity: { from: '2024-11-01', to: '2026-10-31', anchor: '2026-10-31' },
    search: { from: '2024-11-01', to: '2026-10-31', anchor: '2026-10-31' },
    fraud: { from: '2024-11-01', to: '2026-10-31', anchor: '2026-10-31' },
    forecast: { from: '2026-11-01', to: '2026-11-28', anchor: '2026-10-31', future: true },
    churn: { from: '2026-10-31', to: '2026-10-31', anchor: '2026-10-31' },
    clv: { from: '2026-10-31', to: '2026-10-31', anchor: '2026-10-31' },
  },
  values: {
    region: ['APAC', 'EMEA', 'LATAM', 'NA'],
    country: ['DE', 'FR', 'GB', 'IN', 'US'],
    channel: ['marketplace', 'mobile', 'store', 'web'],
    category: ['books', 'electronics', 'grocery', 'home', 'toys'],
    segment: ['At Risk', 'Champions', 'Lost', 'Loyal', 'New Customers'],
    status: ['cancelled', 'delivered', 'paid', 'placed', 'returned', 'shipped'],
    risk_level: ['high', 'medium', 'low'],
  },
  tables: new Set(['demand_insights_engine.customer_segments', 'market_intelligence_hub.daily_sales']),
};
const LEXICON = buildLexicon(FACTS.values);

function plan(question: string): QueryPlan {
  const result = planQuestion(parseQuestion(question, LEXICON), FACTS);
  if ('refusal' in result) throw new Error(`${question}: refused: ${result.refusal}`);
  return result.plan;
}

function refusal(question: string): string {
  const result = planQuestion(parseQuestion(question, LEXICON), FACTS);
  if (!('refusal' in result)) throw new Error(`${question}: answered as ${result.plan.metric.name}`);
  return result.refusal;
}

describe('planQuestion', () => {
  it.each([
    ['What was revenue last month?', 'revenue', 'metric_total', []],
    ['sales by region', 'revenue', 'metric_by_dimension', ['region']],
    ['regional turnover', 'revenue', 'metric_by_dimension', ['region']],
    ['monthly orders', 'orders', 'metric_trend', ['month']],
    ['top 5 categories by revenue last month', 'revenue', 'top_n', ['category']],
    ['AOV per channel', 'aov', 'metric_by_dimension', ['channel']],
    ['how many units did we sell', 'units', 'metric_total', []],
    ['churn rate by segment', 'churn_rate', 'metric_by_dimension', ['segment']],
    ['ltv by country', 'clv', 'metric_by_dimension', ['country']],
    ['fraud rate per day last week', 'fraud_rate', 'metric_trend', ['day']],
    ['what will sales be next week', 'forecast', 'metric_total', []],
    ['best market opportunities', 'opportunity_score', 'top_n', []],
    ['most searched terms', 'searches', 'top_n', ['search_term']],
    ['zero-result searches by country', 'zero_result_searches', 'metric_by_dimension', ['country']],
    ['revenue this month vs last month', 'revenue', 'comparison', []],
    ['first time customers by month', 'new_customers', 'metric_trend', ['month']],
  ])('reads "%s" as %s (%s by %j)', (question, metric, intent, dimensions) => {
    const p = plan(question);
    expect([p.metric.name, p.intent, p.dimensions]).toEqual([metric, intent, dimensions]);
  });

  it('reads filters from values, codes, names and negations', () => {
    expect(plan('revenue in EMEA').filters).toEqual([
      { dimension: 'region', exclude: false, values: ['EMEA'] },
    ]);
    expect(plan('revenue in Germany').filters).toEqual([
      { dimension: 'country', exclude: false, values: ['DE'] },
    ]);
    expect(plan('revenue in DE').filters).toEqual([{ dimension: 'country', exclude: false, values: ['DE'] }]);
    expect(plan('orders excluding the mobile app').filters).toEqual([
      { dimension: 'channel', exclude: true, values: ['mobile'] },
    ]);
    expect(plan('units for toys and books').filters).toEqual([
      { dimension: 'category', exclude: false, values: ['toys', 'books'] },
    ]);
  });

  it('does not read "in" or "us" as India or the United States unless typed as codes', () => {
    expect(plan('how much did we sell in EMEA').filters.map((f) => f.dimension)).toEqual(['region']);
    expect(plan('tell us the revenue').filters).toEqual([]);
    expect(plan('revenue in US').filters).toEqual([{ dimension: 'country', exclude: false, values: ['US'] }]);
  });

  it('ranks the top N, one for a singular noun and five for a plural', () => {
    expect(plan('top 3 regions by orders').rank).toEqual({ direction: 'desc', n: 3 });
    expect(plan('which region has the most revenue').rank).toEqual({ direction: 'desc', n: 1 });
    expect(plan('worst categories by revenue').rank).toEqual({ direction: 'asc', n: 5 });
  });

  it('turns a comparison of two values into one row per value', () => {
    const p = plan('EMEA vs APAC revenue');
    expect([p.comparison, p.dimensions]).toEqual(['values', ['region']]);
  });

  it('compares two periods, the later one first', () => {
    const p = plan('revenue last month compared to this month');
    expect(p.periods.map((x) => [x.from, x.to])).toEqual([
      ['2026-10-01', '2026-10-31'],
      ['2026-09-01', '2026-09-30'],
    ]);
  });

  it('refuses instead of guessing', () => {
    expect(refusal('revenue by weather')).toMatch(/don't know what "weather"/);
    expect(refusal('how are we doing')).toMatch(/did not recognise a metric/);
    expect(refusal('revenue and orders')).toMatch(/several metrics/);
    expect(refusal('churn rate by channel')).toMatch(/cannot be broken down by channel/);
    expect(refusal('clv last month')).toMatch(/not a history/);
    expect(refusal('revenue in 2019')).toMatch(/outside it/);
    expect(refusal('searches next week')).toMatch(/outside it/);
    expect(refusal('average units')).toMatch(/don't compute an average/);
    expect(refusal('top 5 by revenue')).toMatch(/needs something to rank/);
    expect(refusal('forecast for electronics in EMEA')).toMatch(/not for combinations/);
  });
});
