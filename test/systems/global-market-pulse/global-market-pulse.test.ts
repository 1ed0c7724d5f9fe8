// global-market-pulse on a small generated world, read back from its prod Parquet.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Row } from '../../../src/ports/engine.js';
import { globalMarketPulse } from '../../../src/systems/global-market-pulse/global-market-pulse.js';
import { DEFAULT_USD_RATES } from '../../../src/systems/market-intelligence-hub/sales-lines.js';
import {
  curatedRelation,
  type PublishedWorld,
  prodRows,
  publishedWorld,
} from '../../stages/publish/published-world.js';

const SYSTEM = 'global-market-pulse';
let world: PublishedWorld;
let lines: string;

beforeAll(async () => {
  world = await publishedWorld(2000, [globalMarketPulse]);
  const rates = Object.entries(DEFAULT_USD_RATES)
    .map(([c, r]) => `('${c}', ${r})`)
    .join(', ');
  lines = `(
    SELECT date_trunc('month', o.order_ts) AS month, o.region, o.country, o.customer_id, i.order_id, p.category,
           CAST((i.quantity * i.unit_price - i.discount) / r.per_usd AS DECIMAL(18,6)) AS usd
    FROM ${await curatedRelation(world.lake, 'order_items')} i
    JOIN ${await curatedRelation(world.lake, 'orders')} o ON o.order_id = i.order_id
    JOIN (VALUES ${rates}) r(currency, per_usd) ON r.currency = o.currency
    LEFT JOIN ${await curatedRelation(world.lake, 'products')} p ON p.product_id = i.product_id
    WHERE o.status IN ('placed', 'paid', 'shipped', 'delivered'))`;
}, 240_000);

afterAll(async () => {
  await world.close();
});

const key = (r: Row) => `${String(r.region)}|${String(r.country)}|${String(r.month).slice(0, 10)}`;

describe('regional_performance', () => {
  it('equals a plain SQL recomputation from curated, to the cent', async () => {
    const expected = await world.lake.engine.query(`
      SELECT region, country, strftime(month, '%Y-%m-%d') AS month, CAST(round(sum(usd), 2) AS DECIMAL(18,2)) AS revenue,
             count(DISTINCT order_id) AS orders, count(DISTINCT customer_id) AS customers,
             CAST(round(sum(usd) / count(DISTINCT order_id), 2) AS DECIMAL(18,2)) AS aov
      FROM ${lines} GROUP BY ALL`);
    const published = new Map(
      (await prodRows(world.lake, SYSTEM, 'regional_performance')).map((r) => [key(r), r]),
    );
    expect(published.size).toBe(expected.length);
    for (const e of expected) {
      const p = published.get(key(e));
      expect([p?.revenue, p?.orders, p?.customers, p?.avg_order_value].map(String), key(e)).toEqual(
        [e.revenue, e.orders, e.customers, e.aov].map(String),
      );
    }
  });

  it('shares each month out to 1 and grows month over month on revenue per day', async () => {
    const rows = await prodRows(world.lake, SYSTEM, 'regional_performance');
    const shares = new Map<string, number>();
    for (const r of rows)
      shares.set(String(r.month), (shares.get(String(r.month)) ?? 0) + Number(r.revenue_share));
    for (const [month, total] of shares) expect(total, month).toBeCloseTo(1, 4);
    const byKey = new Map(rows.map((r) => [key(r), r]));
    let checked = 0;
    for (const r of rows) {
      const month = String(r.month);
      const previousMonth = `${new Date(Date.parse(`${month}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 8)}01`;
      const p = byKey.get(`${String(r.region)}|${String(r.country)}|${previousMonth}`);
      if (!p) {
        expect(r.growth_pct).toBeNull();
        continue;
      }
      const growth =
        (Number(r.revenue) / Number(r.days_observed) / (Number(p.revenue) / Number(p.days_observed)) - 1) *
        100;
      // Recomputed from cent-rounded revenues: allow for that rounding in both months.
      const rounding = (Math.abs(growth) + 100) * (0.005 / Number(p.revenue) + 0.005 / Number(r.revenue));
      expect(Math.abs(Number(r.growth_pct) - growth)).toBeLessThan(0.01 + rounding);
      checked += 1;
    }
    expect(checked).toBeGreaterThan(50);
  });
});

describe('market_opportunities', () => {
  it('scores every market × category from its components, with a rationale built from the numbers', async () => {
    const rows = await prodRows(world.lake, SYSTEM, 'market_opportunities');
    const countries = new Set(rows.filter((r) => r.level === 'country').map((r) => r.country));
    const categories = new Set(rows.map((r) => r.category));
    expect(rows.filter((r) => r.level === 'country')).toHaveLength(countries.size * categories.size);
    for (const r of rows) {
      const score =
        100 *
        (0.4 * Number(r.size_score) + 0.35 * Number(r.growth_score) + 0.25 * Number(r.penetration_score));
      expect(Number(r.opportunity_score)).toBeCloseTo(score, 0);
      expect(Number(r.opportunity_score)).toBeGreaterThanOrEqual(0);
      expect(Number(r.opportunity_score)).toBeLessThanOrEqual(100);
      // The rationale rounds the exact revenue to whole dollars, the column to cents.
      const said = Number(
        /\$([0-9,]+) in the last 12 months/.exec(String(r.rationale))?.[1]?.replace(/,/g, ''),
      );
      expect(Math.abs(said - Number(r.revenue))).toBeLessThanOrEqual(0.5 + 1e-6);
      if (r.level === 'country')
        expect(String(r.rationale)).toContain(`in ${String(r.country)} (${String(r.region)})`);
      if (r.growth_pct !== null) {
        const said = /revenue (up|down) ([0-9.]+)%/.exec(String(r.rationale));
        expect(said?.[1]).toBe(Number(r.growth_pct) >= 0 ? 'up' : 'down');
        expect(Math.abs(Number(said?.[2]) - Math.abs(Number(r.growth_pct)))).toBeLessThanOrEqual(0.051);
      }
    }
  });

  it('adds a region up from its countries and compares penetration with the other markets', async () => {
    const rows = await prodRows(world.lake, SYSTEM, 'market_opportunities');
    const region = rows.find(
      (r) => r.level === 'region' && r.region === 'EMEA' && r.category === 'electronics',
    )!;
    const countries = rows.filter(
      (r) => r.level === 'country' && r.region === 'EMEA' && r.category === 'electronics',
    );
    expect(countries.reduce((s, r) => s + Number(r.revenue), 0)).toBeCloseTo(Number(region.revenue), 1);
    // A location quotient: the market's share of the category over the category's share elsewhere.
    const market = rows.filter((r) => r.level === 'country' && r.country === countries[0]!.country);
    const all = rows.filter((r) => r.level === 'country');
    const marketTotal = market.reduce((s, r) => s + Number(r.revenue), 0);
    const categoryElsewhere = all
      .filter((r) => r.category === 'electronics' && r.country !== countries[0]!.country)
      .reduce((s, r) => s + Number(r.revenue), 0);
    const totalElsewhere = all
      .filter((r) => r.country !== countries[0]!.country)
      .reduce((s, r) => s + Number(r.revenue), 0);
    expect(Number(countries[0]!.penetration)).toBeCloseTo(
      Number(countries[0]!.revenue) / marketTotal / (categoryElsewhere / totalElsewhere),
      3,
    );
  });
});
