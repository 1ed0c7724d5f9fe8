// RFM segments on ten hand-made customers, two per quintile of recency and of frequency, so
// that every score and segment is known in advance.

import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbEngine } from '../../../src/adapters/duckdb/duckdb-engine.js';
import { createSilentLogger } from '../../../src/adapters/pino/pino-logger.js';
import type { Engine, Row } from '../../../src/ports/engine.js';
import { createCustomerOrdersTable } from '../../../src/systems/demand-insights-engine/customer-orders-table.js';
import { REFERENCE_CURRENCY_PER_USD } from '../../../src/systems/demand-insights-engine/reference-exchange-rates.js';
import { createCustomerSegmentsTable } from '../../../src/systems/demand-insights-engine/rfm/customer-segments-table.js';
import type { SystemContext } from '../../../src/systems/prod-system.js';

const AS_OF = '2026-10-31';
const DAY_MS = 86_400_000;

/** customer → [days since last order, orders, amount per order, expected r, f, segment] */
const CUSTOMERS: readonly [number, number, number, number, number, number, string][] = [
  [1, 1, 9, 10, 5, 5, 'Champions'],
  [2, 2, 1, 10, 5, 1, 'New Customers'],
  [3, 10, 7, 10, 4, 4, 'Loyal'],
  [4, 12, 3, 10, 4, 2, 'Potential Loyalists'],
  [5, 40, 5, 10, 3, 3, 'Potential Loyalists'],
  [6, 45, 10, 10, 3, 5, 'Loyal'],
  [7, 100, 8, 1000, 2, 4, "Can't Lose Them"],
  [8, 120, 2, 10, 2, 1, 'Hibernating'],
  [9, 300, 6, 10, 1, 3, 'At Risk'],
  [10, 400, 4, 10, 1, 2, 'Lost'],
];

function day(daysBeforeAsOf: number): string {
  return new Date(Date.parse(`${AS_OF}T12:00:00Z`) - daysBeforeAsOf * DAY_MS).toISOString();
}

let engine: Engine;
let rows: Map<number, Row>;

beforeAll(async () => {
  engine = await DuckDbEngine.create({
    spillDir: await mkdtemp(join(tmpdir(), 'shoplake-rfm-')),
    memoryLimit: '256MB',
    threads: 1,
  });
  await engine.run(
    'CREATE TEMP TABLE hand_orders (order_id BIGINT, customer_id BIGINT, order_ts TIMESTAMP, status VARCHAR, channel VARCHAR, currency VARCHAR, total_amount DECIMAL(12,2))',
  );
  let id = 0;
  const orders: (string | number)[][] = [];
  for (const [customer, recency, count, amount] of CUSTOMERS) {
    for (let k = 0; k < count; k += 1)
      orders.push([++id, customer, day(recency + 3 * k), 'delivered', 'web', 'USD', amount]);
  }
  // Neither a cancelled order nor a returned one's value counts; yen are converted to dollars.
  orders.push([++id, 2, day(0), 'cancelled', 'web', 'USD', 500]);
  orders.push([++id, 1, day(1), 'returned', 'web', 'USD', 700]);
  orders.push([++id, 1, day(1), 'delivered', 'web', 'JPY', 15000]);
  await engine.append('hand_orders', orders);
  const context: SystemContext = {
    engine,
    curated: (table) => (table === 'orders' ? 'hand_orders' : `(SELECT NULL WHERE false)`),
    asOf: AS_OF,
    runId: 'test',
    logger: createSilentLogger(),
    settings: {},
  };
  await createCustomerOrdersTable(context, REFERENCE_CURRENCY_PER_USD);
  const table = await createCustomerSegmentsTable(engine, AS_OF);
  rows = new Map((await engine.query(`SELECT * FROM ${table}`)).map((r) => [Number(r.customer_id), r]));
});

afterAll(async () => {
  await engine.close();
});

describe('customer_segments on hand-made customers', () => {
  it.each(CUSTOMERS.map((c) => [c[0], c[6], c[4], c[5]] as const))(
    'customer %i is %s (r=%i, f=%i)',
    (customer, segment, r, f) => {
      const row = rows.get(customer);
      expect(row).toMatchObject({ r_score: r, f_score: f, segment });
    },
  );

  it("scores the biggest spender m = 5 and counts it among Can't Lose Them", () => {
    expect(rows.get(7)).toMatchObject({ m_score: 5, monetary: 8000 });
  });

  it('ignores cancelled orders, counts returns without their value, converts currencies', () => {
    expect(rows.get(2)).toMatchObject({ frequency: 1, recency_days: 2 });
    // 9 × $10, a returned $700 order (counted, no revenue) and ¥15,000 = $100.
    expect(rows.get(1)).toMatchObject({ frequency: 11, recency_days: 1, monetary: 190 });
  });
});
