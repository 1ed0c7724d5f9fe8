// "Today" for the models: the latest day with an order in curated, since a lake is often days
// behind the wall clock and a forecast should start where the data ends.

import type { EngineFactory } from '../../ports/engine.js';

/** YYYY-MM-DD of the latest `order_ts` in `ordersRelation`; today (UTC) when there are no orders. */
export async function latestOrderDay(engines: EngineFactory, ordersRelation: string): Promise<string> {
  const engine = await engines.open();
  try {
    const rows = await engine.query(
      `SELECT strftime(max(order_ts), '%Y-%m-%d') AS day FROM ${ordersRelation}`,
    );
    const day = rows[0]?.day;
    return typeof day === 'string' ? day : new Date().toISOString().slice(0, 10);
  } finally {
    await engine.close();
  }
}
