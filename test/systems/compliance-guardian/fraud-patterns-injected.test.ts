// Each fraud pattern injected on its own into a quiet hand-made shop: the payments it touches
// get the matching reason, and the shop's ordinary payments get none.

import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbEngine } from '../../../src/adapters/duckdb/duckdb-engine.js';
import { createSilentLogger } from '../../../src/adapters/pino/pino-logger.js';
import type { Engine } from '../../../src/ports/engine.js';
import { createAnomalyScoresTable } from '../../../src/systems/compliance-guardian/fraud/anomaly-scores-table.js';
import { createFraudAlertsTable } from '../../../src/systems/compliance-guardian/fraud/fraud-alerts-table.js';
import { createFraudScoresTable } from '../../../src/systems/compliance-guardian/fraud/fraud-scores-table.js';
import {
  createPaymentFeaturesTable,
  DEFAULT_FRAUD_WINDOWS,
} from '../../../src/systems/compliance-guardian/fraud/payment-features-table.js';
import type { SystemContext } from '../../../src/systems/prod-system.js';

type Value = string | number | null;
const START = Date.parse('2026-01-01T00:00:00Z');
const at = (minutes: number) => new Date(START + minutes * 60_000).toISOString();
const DAY = 24 * 60;

interface Shop {
  customers: Value[][];
  orders: Value[][];
  payments: Value[][];
}

/** 40 customers in the US, each with five $100 card orders a week apart, own card, device and IP. */
function quietShop(): Shop {
  const shop: Shop = { customers: [], orders: [], payments: [] };
  for (let c = 1; c <= 40; c += 1) {
    shop.customers.push([c, 'US', at(-400 * DAY)]);
    for (let k = 0; k < 5; k += 1) {
      const id = c * 100 + k;
      const minute = c * 37 + k * 7 * DAY;
      shop.orders.push([id, c, at(minute), 'US']);
      shop.payments.push([
        id,
        id,
        c,
        at(minute + 1),
        'captured',
        `card-${c}`,
        `dev-${c}`,
        `ip-${c}`,
        'US',
        90 + ((c + k) % 20),
        'USD',
      ]);
    }
  }
  return shop;
}

interface Injection {
  readonly pattern: string;
  readonly reason: RegExp;
  /** Adds rows to the shop; returns the payment ids that are fraud. */
  inject(shop: Shop): number[];
}

const INJECTIONS: readonly Injection[] = [
  {
    pattern: 'card_testing',
    reason: /^card testing: 8 attempts/,
    inject(shop) {
      shop.customers.push([900, 'US', at(10 * DAY - 20)]);
      shop.orders.push([90_000, 900, at(10 * DAY), 'US']);
      return Array.from({ length: 8 }, (_, k) => {
        shop.payments.push([
          90_000 + k,
          90_000,
          900,
          at(10 * DAY + k / 2),
          k < 6 ? 'declined' : 'captured',
          `test-card-${k}`,
          'dev-tester',
          'ip-tester',
          'US',
          3,
          'USD',
        ]);
        return 90_000 + k;
      });
    },
  },
  {
    pattern: 'velocity_card',
    reason: /^velocity: card used by 4 customers/,
    inject(shop) {
      return [1, 2, 3, 4].map((c) => {
        const id = 91_000 + c;
        shop.orders.push([id, c, at(20 * DAY + c * 90), 'US']);
        shop.payments.push([
          id,
          id,
          c,
          at(20 * DAY + c * 90 + 1),
          'captured',
          'stolen-card',
          `dev-${c}`,
          `ip-${c}`,
          'US',
          120,
          'USD',
        ]);
        return id;
      });
    },
  },
  {
    pattern: 'velocity_device',
    reason: /^velocity: device or IP shared by 4 customers/,
    inject(shop) {
      return [5, 6, 7, 8].map((c) => {
        const id = 92_000 + c;
        shop.orders.push([id, c, at(25 * DAY + c * 60), 'US']);
        shop.payments.push([
          id,
          id,
          c,
          at(25 * DAY + c * 60 + 1),
          'captured',
          `ring-card-${c}`,
          'dev-ring',
          'ip-ring',
          'US',
          110,
          'USD',
        ]);
        return id;
      });
    },
  },
  {
    pattern: 'geo_mismatch',
    reason:
      /^geography: (billing country BR differs from shipping country FR|shipped to FR, unusual for a customer from US)/,
    inject(shop) {
      shop.orders.push([93_000, 9, at(30 * DAY), 'FR']);
      shop.payments.push([
        93_000,
        93_000,
        9,
        at(30 * DAY + 1),
        'captured',
        'card-9',
        'dev-new',
        'ip-new',
        'BR',
        100,
        'USD',
      ]);
      return [93_000];
    },
  },
  {
    pattern: 'new_account_high_value',
    reason: /^new account: first order 0\.2 h after sign-up, 2\d\.\d× the usual amount/,
    inject(shop) {
      shop.customers.push([901, 'US', at(35 * DAY - 10)]);
      shop.orders.push([94_000, 901, at(35 * DAY), 'US']);
      shop.payments.push([
        94_000,
        94_000,
        901,
        at(35 * DAY + 1),
        'captured',
        'card-901',
        'dev-901',
        'ip-901',
        'US',
        2500,
        'USD',
      ]);
      return [94_000];
    },
  },
];

let engine: Engine;

beforeAll(async () => {
  engine = await DuckDbEngine.create({
    spillDir: await mkdtemp(join(tmpdir(), 'shoplake-fraud-')),
    memoryLimit: '512MB',
    threads: 1,
  });
});

afterAll(async () => {
  await engine.close();
});

async function scoreShop(shop: Shop): Promise<Map<number, { score: number; reasons: string }>> {
  await engine.run(
    'CREATE OR REPLACE TEMP TABLE t_customers (customer_id BIGINT, country VARCHAR, created_at TIMESTAMP)',
  );
  await engine.run(
    'CREATE OR REPLACE TEMP TABLE t_web_orders (order_id BIGINT, customer_id BIGINT, order_ts TIMESTAMP, country VARCHAR)',
  );
  await engine.run(
    "CREATE OR REPLACE TEMP TABLE t_payments (payment_id BIGINT, order_id BIGINT, customer_id BIGINT, payment_ts TIMESTAMP, status VARCHAR, card_token VARCHAR, device_id VARCHAR, ip_address_token VARCHAR, billing_country VARCHAR, amount DECIMAL(12,2), currency VARCHAR, method VARCHAR DEFAULT 'card')",
  );
  await engine.append('t_customers', shop.customers);
  await engine.append('t_web_orders', shop.orders);
  await engine.run("CREATE OR REPLACE TEMP TABLE t_orders AS SELECT *, 'web' AS channel FROM t_web_orders");
  await engine.run(
    `INSERT INTO t_payments (payment_id, order_id, customer_id, payment_ts, status, card_token, device_id, ip_address_token, billing_country, amount, currency) SELECT * FROM (VALUES ${shop.payments.map((p) => `(${p.map((v) => (typeof v === 'number' ? v : `'${v}'`)).join(', ')})`).join(', ')})`,
  );
  const context: SystemContext = {
    engine,
    curated: (table) => `t_${table}`,
    asOf: '2026-03-01',
    runId: 'test',
    logger: createSilentLogger(),
    settings: {},
  };
  await createPaymentFeaturesTable(context, DEFAULT_FRAUD_WINDOWS);
  const anomalies = await createAnomalyScoresTable(engine, { sampleSize: 256, trees: 50 });
  const scores = await createFraudScoresTable(engine, { anomalies, model: undefined });
  await createFraudAlertsTable(engine);
  const rows = await engine.query(`SELECT payment_id, fraud_score, reasons FROM ${scores}`);
  return new Map(
    rows.map((r) => [Number(r.payment_id), { score: Number(r.fraud_score), reasons: String(r.reasons) }]),
  );
}

describe('fraud patterns injected one at a time', () => {
  it('leaves the quiet shop without rule reasons', async () => {
    const scores = await scoreShop(quietShop());
    const flagged = [...scores.values()].filter((s) =>
      /card testing|velocity|geography|new account/.test(s.reasons),
    );
    expect(flagged).toEqual([]);
  });

  it.each(INJECTIONS.map((i) => [i.pattern, i] as const))(
    'finds %s with its reason',
    async (pattern, injection) => {
      const shop = quietShop();
      const fraud = injection.inject(shop);
      const scores = await scoreShop(shop);
      for (const id of fraud) {
        const scored = scores.get(id);
        expect(
          scored?.reasons.split('; ').some((reason) => injection.reason.test(reason)),
          `${pattern} payment ${id}: ${scored?.reasons}`,
        ).toBe(true);
        expect(scored?.score).toBeGreaterThanOrEqual(0.4);
      }
      const quiet = [...scores.entries()].filter(([id]) => id < 90_000 && !fraud.includes(id));
      expect(quiet.filter(([, s]) => injection.reason.test(s.reasons))).toEqual([]);
      const alerts = await engine.query(
        `SELECT pattern, payments FROM cg_fraud_alerts WHERE pattern = '${pattern}'`,
      );
      expect(alerts.length, `${pattern} alerts`).toBeGreaterThan(0);
    },
  );
});
