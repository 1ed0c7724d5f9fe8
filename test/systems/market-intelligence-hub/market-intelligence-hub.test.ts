// market-intelligence-hub on a small generated world, read back from its prod Parquet: the
// aggregates equal a plain SQL recomputation from curated to the cent, and the forecasts and
// trends are complete and consistent with their own backtest and test statistics.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Row } from '../../../src/ports/engine.js';
import { marketIntelligenceHub } from '../../../src/systems/market-intelligence-hub/market-intelligence-hub.js';
import { DEFAULT_USD_RATES } from '../../../src/systems/market-intelligence-hub/sales-lines.js';
import {
  curatedRelation,
  type PublishedWorld,
  prodRows,
  publishedWorld,
} from '../../stages/publish/published-world.js';

const SYSTEM = 'market-intelligence-hub';
let world: PublishedWorld;
let lines: string;

beforeAll(async () => {
  world = await publishedWorld(2000, [marketIntelligenceHub]);
  const rates = Object.entries(DEFAULT_USD_RATES)
    .map(([c, r]) => `('${c}', ${r})`)
    .join(', ');
  // Plain SQL over the committed curated files: sold lines of not-cancelled, not-returned orders, in USD.
  lines = `(
    SELECT CAST(o.order_ts AS DATE) AS day, coalesce(p.category, 'unknown') AS category, coalesce(o.region, 'unknown') AS region,
           i.order_id, i.product_id, i.quantity,
           CAST((i.quantity * i.unit_price - i.discount) / r.per_usd AS DECIMAL(18,6)) AS usd
    FROM ${await curatedRelation(world.lake, 'order_items')} i
    JOIN ${await curatedRelation(world.lake, 'orders')} o ON o.order_id = i.order_id
    JOIN (VALUES ${rates}) r(currency, per_usd) ON r.currency = o.currency
    LEFT JOIN ${await curatedRelation(world.lake, 'products')} p ON p.product_id = i.product_id
    WHERE o.status NOT IN ('cancelled', 'returned'))`;
}, 240_000);

afterAll(async () => {
  await world.close();
});

const key = (r: Row, columns: readonly string[]) => columns.map((c) => String(r[c])).join('|');

describe('daily_sales', () => {
  it('equals a plain SQL recomputation from curated, to the cent', async () => {
    const expected = await world.lake.engine.query(`
      SELECT strftime(day, '%Y-%m-%d') AS date, category, region, count(DISTINCT order_id) AS orders, sum(quantity) AS units,
             CAST(round(sum(usd), 2) AS DECIMAL(18,2)) AS revenue
      FROM ${lines} GROUP BY ALL ORDER BY ALL`);
    const published = await prodRows(world.lake, SYSTEM, 'daily_sales', 'date, category, region');
    expect(published).toHaveLength(expected.length);
    const byKey = new Map(published.map((r) => [key(r, ['date', 'category', 'region']), r]));
    for (const e of expected) {
      const p = byKey.get(key(e, ['date', 'category', 'region']));
      expect(p, key(e, ['date', 'category', 'region'])).toBeDefined();
      expect([String(p!.orders), String(p!.units), String(p!.revenue)]).toEqual([
        String(e.orders),
        String(e.units),
        String(e.revenue),
      ]);
      expect(String(p!.year)).toBe(String(e.date).slice(0, 4));
    }
  });

  it('adds up to the curated revenue converted currency by currency', async () => {
    const [total] = await world.lake.engine.query(`SELECT sum(usd) AS usd FROM ${lines}`);
    const published = await prodRows(world.lake, SYSTEM, 'daily_sales');
    const sum = published.reduce((s, r) => s + Number(r.revenue), 0);
    expect(Math.abs(sum - Number(total!.usd))).toBeLessThan(0.005 * published.length + 0.01);
  });
});

describe('sales_forecast and forecast_backtest', () => {
  it('forecasts the total, every category and every region 28 days ahead with ordered intervals', async () => {
    const categories = await world.lake.engine.query(
      `SELECT DISTINCT 'category:' || category AS s FROM ${lines} UNION SELECT DISTINCT 'region:' || region FROM ${lines}`,
    );
    const forecast = await prodRows(world.lake, SYSTEM, 'sales_forecast', 'series, date');
    const series = new Set(forecast.map((r) => String(r.series)));
    expect([...series].sort()).toEqual(['total', ...categories.map((r) => String(r.s))].sort());
    for (const name of series) {
      const rows = forecast.filter((r) => r.series === name);
      expect(rows.length).toBeGreaterThanOrEqual(28);
      expect(new Set(rows.map((r) => r.model)).size).toBe(1);
      for (const r of rows) {
        const [l95, l80, f, u80, u95] = [r.lower_95, r.lower_80, r.forecast, r.upper_80, r.upper_95].map(
          Number,
        );
        expect(l95).toBeGreaterThanOrEqual(0);
        expect(
          l95! <= l80! + 1e-9 && l80! <= f! + 1e-9 && f! <= u80! + 1e-9 && u80! <= u95! + 1e-9,
          `${name} ${String(r.date)}`,
        ).toBe(true);
      }
    }
  });

  it('publishes the model it chose, the best by MASE, beating seasonal naive on the total', async () => {
    const backtest = await prodRows(world.lake, SYSTEM, 'forecast_backtest');
    const forecast = await prodRows(world.lake, SYSTEM, 'sales_forecast');
    for (const series of new Set(backtest.map((r) => String(r.series)))) {
      const rows = backtest.filter((r) => r.series === series);
      const chosen = rows.filter((r) => r.is_chosen === true);
      expect(chosen, series).toHaveLength(1);
      expect(Number(chosen[0]!.mase)).toBe(Math.min(...rows.map((r) => Number(r.mase))));
      expect(forecast.find((r) => r.series === series)?.model).toBe(chosen[0]!.model);
      expect(Number(chosen[0]!.holdout_days)).toBe(112);
    }
    const total = backtest.filter((r) => r.series === 'total');
    const naive = total.find((r) => r.model === 'seasonal_naive')!;
    const chosen = total.find((r) => r.is_chosen === true)!;
    expect(Number(chosen.mase)).toBeLessThan(Number(naive.mase));
  });
});

describe('trends', () => {
  it('has category-month revenue equal to the plain recomputation and growth on revenue per day', async () => {
    const expected = await world.lake.engine.query(`
      SELECT category AS key, strftime(date_trunc('month', day), '%Y-%m-%d') AS period, CAST(round(sum(usd), 2) AS DECIMAL(18,2)) AS revenue
      FROM ${lines} GROUP BY ALL`);
    const trends = await prodRows(world.lake, SYSTEM, 'trends', 'dimension, key, period');
    const categories = new Map(
      trends.filter((r) => r.dimension === 'category').map((r) => [key(r, ['key', 'period']), r]),
    );
    for (const e of expected)
      expect(String(categories.get(key(e, ['key', 'period']))?.revenue), key(e, ['key', 'period'])).toBe(
        String(e.revenue),
      );
    for (const r of categories.values()) {
      const previous = categories.get(
        `${String(r.key)}|${new Date(Date.parse(`${String(r.period)}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 8)}01`,
      );
      if (!previous || Number(previous.revenue) === 0) continue;
      const growth =
        (Number(r.revenue) / Number(r.days) / (Number(previous.revenue) / Number(previous.days)) - 1) * 100;
      // Recomputed from cent-rounded revenues, so allow for that rounding.
      expect(Math.abs(Number(r.growth_pct) - growth)).toBeLessThan(0.01 + 1e-4 * Math.abs(growth));
      expect(r.direction).toBe(growth > 0.5 ? 'up' : growth < -0.5 ? 'down' : 'flat');
    }
  });

  it('names its test and marks significance by its p-value, for products too', async () => {
    const trends = await prodRows(world.lake, SYSTEM, 'trends');
    expect(new Set(trends.map((r) => r.dimension))).toEqual(new Set(['category', 'product']));
    expect(new Set(trends.map((r) => r.test))).toEqual(new Set(['mann_whitney_u']));
    for (const r of trends) expect(r.is_significant).toBe(r.p_value !== null && Number(r.p_value) < 0.05);
    expect(trends.some((r) => r.is_significant === true)).toBe(true);
  });
});
