import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addProbAliveColumn } from '../../../src/systems/demand-insights-engine/churn/prob-alive-column.js';
import { probAlive } from '../../../src/systems/demand-insights-engine/clv/bg-nbd-predictions.js';
import { createTestLake, type TestLake } from '../../support/raw-fixtures.js';
import { loadCdnowSample } from './cdnow-sample.js';

// Fader, Hardie & Lee (2005) on the CDNOW sample, calibration to 1997-09-30, in weeks.
const PUBLISHED = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };

describe('addProbAliveColumn', () => {
  let lake: TestLake;
  beforeAll(async () => {
    lake = await createTestLake();
  });
  afterAll(async () => {
    await lake.close();
  });

  it('on the CDNOW calibration period, writes the P(alive) of the published BG/NBD fit', async () => {
    await lake.engine.run('CREATE OR REPLACE TEMP TABLE cdnow (customer_id VARCHAR, day DATE)');
    await lake.engine.append(
      'cdnow',
      loadCdnowSample().map((t) => [String(t.customerId), t.date.toISOString().slice(0, 10)]),
    );
    // The churn feature table's columns, as of the end of the calibration period.
    await lake.engine.run(`
      CREATE OR REPLACE TEMP TABLE feats AS
      SELECT customer_id, count(DISTINCT day) AS purchase_days,
             date_diff('day', min(day), DATE '1997-09-30') AS tenure_days,
             date_diff('day', max(day), DATE '1997-09-30') AS recency_days
      FROM cdnow WHERE day <= DATE '1997-09-30' GROUP BY customer_id`);
    await addProbAliveColumn(lake.engine, 'feats');
    const rows = await lake.engine.query(
      'SELECT purchase_days, tenure_days, recency_days, p_alive FROM feats',
    );
    expect(rows).toHaveLength(2357);
    let worst = 0;
    for (const row of rows) {
      const x = Number(row.purchase_days) - 1;
      const expected = probAlive(
        PUBLISHED,
        x,
        (Number(row.tenure_days) - Number(row.recency_days)) / 7,
        Number(row.tenure_days) / 7,
      );
      worst = Math.max(worst, Math.abs(Number(row.p_alive) - expected));
    }
    expect(worst).toBeLessThan(0.01);
    const quiet = rows.filter((r) => Number(r.purchase_days) > 3 && Number(r.recency_days) > 200);
    expect(quiet.length).toBeGreaterThan(0);
    for (const r of quiet) expect(Number(r.p_alive)).toBeLessThan(0.5);
  });

  it('gives every customer 1 when nobody has come back yet (nothing to fit)', async () => {
    await lake.engine.run(
      'CREATE OR REPLACE TEMP TABLE once AS SELECT i AS customer_id, 1 AS purchase_days, 40 AS tenure_days, 40 AS recency_days FROM range(50) t(i)',
    );
    await addProbAliveColumn(lake.engine, 'once');
    expect(await lake.engine.query('SELECT DISTINCT p_alive FROM once')).toEqual([{ p_alive: 1 }]);
  });
});
