// The three things a person opens the dashboard for, first on the page: the next day's sales
// forecast, the riskiest payments and the best market opportunity, each linking to its page.

import type { Row } from '../../api/api-types.js';
import { useRows } from '../../api/use-api.js';
import { Loaded } from '../../components/state-views.js';
import { formatDay, formatMoney, humanize, num } from '../../format.js';
import { modelName } from '../../model-names.js';
import { href } from '../../router.js';

const FORECAST_SQL = `
SELECT date, forecast, lower_80, upper_80, lower_95, upper_95, model, as_of
FROM market_intelligence_hub.sales_forecast
WHERE series = 'total'
ORDER BY date
LIMIT 7`;

// One payment per order: a card-testing burst is one story, not eighteen lines.
export const RISKIEST_PAYMENTS_SQL = `
SELECT payment_id, order_id, customer_id, fraud_score, risk_level, reasons, status, payment_ts,
  count(*) OVER (PARTITION BY order_id) AS payments_on_order
FROM compliance_guardian.fraud_scores
QUALIFY row_number() OVER (PARTITION BY order_id ORDER BY fraud_score DESC, payment_id) = 1
ORDER BY fraud_score DESC, payment_ts DESC
LIMIT 3`;

// Countries, as the market pulse page shows first: a country is a market one can act on.
const OPPORTUNITIES_SQL = `
SELECT level, region, country, category, opportunity_score, revenue, growth_pct, rationale
FROM global_market_pulse.market_opportunities
WHERE level = 'country'
ORDER BY opportunity_score DESC
LIMIT 3`;

export function HeadlineCards() {
  return (
    <div class="headline-cards">
      <ForecastCard />
      <RiskCard />
      <OpportunityCard />
    </div>
  );
}

function ForecastCard() {
  const rows = useRows(FORECAST_SQL);
  return (
    <article class="headline" aria-labelledby="headline-forecast">
      <h2 id="headline-forecast">Next day’s sales forecast</h2>
      <Loaded
        value={rows}
        what="the forecast"
        isEmpty={(r) => r.length === 0}
        empty="No forecast published yet."
      >
        {(r) => {
          const [next] = r as [Row, ...Row[]];
          const week = r.reduce((sum, row) => sum + (num(row.forecast) ?? 0), 0);
          return (
            <>
              <p class="headline-kicker">{formatDay(next.date)}</p>
              <p class="headline-figure" data-testid="forecast-figure">
                {formatMoney(next.forecast)}
              </p>
              <p>
                80% between {formatMoney(next.lower_80)} and {formatMoney(next.upper_80)}; 95% up to{' '}
                {formatMoney(next.upper_95)}.
              </p>
              <p class="muted">
                Next {r.length} days: {formatMoney(week)} · {modelName(next.model)} · data to{' '}
                {formatDay(next.as_of, { weekday: false })}
              </p>
            </>
          );
        }}
      </Loaded>
      <a class="headline-link" href={href('/market')}>
        Open the forecast <span aria-hidden="true">→</span>
      </a>
    </article>
  );
}

function RiskCard() {
  const rows = useRows(RISKIEST_PAYMENTS_SQL);
  return (
    <article class="headline headline--risk" aria-labelledby="headline-risk">
      <h2 id="headline-risk">Riskiest payments</h2>
      <Loaded
        value={rows}
        what="fraud scores"
        isEmpty={(r) => r.length === 0}
        empty="No payments scored yet."
      >
        {(r) => (
          <ol class="risk-list" data-testid="riskiest-payments">
            {r.map((row) => (
              <li key={String(row.payment_id)}>
                <span class="risk-score">{num(row.fraud_score)?.toFixed(2)}</span>
                <span>
                  <strong>Payment {String(row.payment_id)}</strong> · order {String(row.order_id)}
                  {(num(row.payments_on_order) ?? 1) > 1 ? ` (${num(row.payments_on_order)} payments)` : ''} ·{' '}
                  {humanize(row.status)}
                  <span class="risk-reason">{firstReason(row.reasons)}</span>
                </span>
              </li>
            ))}
          </ol>
        )}
      </Loaded>
      <a class="headline-link" href={href('/compliance')}>
        Review risky payments <span aria-hidden="true">→</span>
      </a>
    </article>
  );
}

function OpportunityCard() {
  const rows = useRows(OPPORTUNITIES_SQL);
  return (
    <article class="headline headline--opportunity" aria-labelledby="headline-opportunity">
      <h2 id="headline-opportunity">Best market opportunity</h2>
      <Loaded
        value={rows}
        what="opportunities"
        isEmpty={(r) => r.length === 0}
        empty="No opportunities scored yet."
      >
        {(r) => {
          const [best, ...next] = r as [Row, ...Row[]];
          return (
            <>
              <p class="headline-kicker">score {num(best.opportunity_score)?.toFixed(1)} of 100</p>
              <p class="headline-figure headline-figure--text" data-testid="best-opportunity">
                {marketName(best)}
              </p>
              <p>{String(best.rationale ?? '')}</p>
              {next.length > 0 ? (
                <p class="muted">
                  Then:{' '}
                  {next
                    .map((row) => `${marketName(row)} (${num(row.opportunity_score)?.toFixed(1)})`)
                    .join(', ')}
                </p>
              ) : null}
            </>
          );
        }}
      </Loaded>
      <a class="headline-link" href={href('/pulse')}>
        See all opportunities <span aria-hidden="true">→</span>
      </a>
    </article>
  );
}

/** `Home in IN (APAC)` or `Home in APAC`. */
export function marketName(row: Row): string {
  const category = humanize(row.category);
  return row.country ? `${category} in ${row.country} (${row.region})` : `${category} in ${row.region}`;
}

function firstReason(reasons: unknown): string {
  const text = String(reasons ?? '');
  const first = text.split(/;\s*/)[0] ?? '';
  return first.length > 110 ? `${first.slice(0, 107)}…` : first;
}
