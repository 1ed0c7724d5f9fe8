// compliance-guardian on a generated world: fraud scores against the planted fraud (labelled
// by a chargeback or not), the compliance report on the clean lake, then again after a card
// number and a clear card_number column are planted in a committed curated file.

import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readManifest, writeManifest } from '../../../src/stages/curate/table-manifest.js';
import { FRAUD_PATTERNS } from '../../../src/stages/generate/ground-truth.js';
import { complianceGuardian } from '../../../src/systems/compliance-guardian/index.js';
import { checkProdTables } from '../../../src/systems/compliance-guardian/report/sensitive-data-checks.js';
import { areaUnderRoc, precisionAtK } from '../../../src/systems/demand-insights-engine/index.js';
import { type GeneratedLake, generateCuratedLake } from '../demand-insights-engine/generated-lake.js';
import { runSystemOnLake, type SystemRun } from '../demand-insights-engine/system-harness.js';

const PAN = '4111 1111 1111 1111';
let world: GeneratedLake;
let run: SystemRun;

beforeAll(async () => {
  world = await generateCuratedLake(4000, 5);
  run = await runSystemOnLake(complianceGuardian, world.lake.dataDir, { hmacKeyConfigured: true });
}, 240_000);

afterAll(async () => {
  await run?.close();
  await world?.lake.close();
});

describe('fraud scores against the planted fraud', () => {
  it('ranks planted fraud above honest payments: AUC ≥ 0.90', async () => {
    const fraud = new Set(Object.values(world.truth.fraud.paymentIdsByPattern).flat().map(String));
    const rows = await run.rows('fraud_scores', 'payment_id');
    const scores = rows.map((r) => Number(r.fraud_score));
    const labels = rows.map((r) => fraud.has(String(r.payment_id)));
    const auc = areaUnderRoc(scores, labels);
    const labelled = new Set(world.truth.fraud.chargebackPaymentIds.map(String));
    const unlabelled = rows.filter((r) => !labelled.has(String(r.payment_id)));
    const aucUnlabelled = areaUnderRoc(
      unlabelled.map((r) => Number(r.fraud_score)),
      unlabelled.map((r) => fraud.has(String(r.payment_id))),
    );
    console.log(
      `fraud AUC ${auc.toFixed(4)} (without charged-back payments ${aucUnlabelled.toFixed(4)}), precision@100 ${precisionAtK(scores, labels, 100).toFixed(2)}; ${fraud.size} fraud of ${rows.length} payments, ${labelled.size} charged back`,
    );
    expect(auc).toBeGreaterThanOrEqual(0.9);
    expect(aucUnlabelled).toBeGreaterThanOrEqual(0.9);
    expect(precisionAtK(scores, labels, 100)).toBeGreaterThanOrEqual(0.8);
  });

  it.each(FRAUD_PATTERNS.map((p) => [p]))('flags most %s payments (score ≥ 0.4)', async (pattern) => {
    const ids = new Set(world.truth.fraud.paymentIdsByPattern[pattern].map(String));
    const rows = (await run.rows('fraud_scores')).filter((r) => ids.has(String(r.payment_id)));
    const flagged = rows.filter((r) => Number(r.fraud_score) >= 0.4).length;
    console.log(`${pattern}: ${flagged} of ${rows.length} flagged`);
    if (rows.length > 0) expect(flagged / rows.length).toBeGreaterThanOrEqual(0.8);
  });

  it('rolls scores up into alerts and customer risk', async () => {
    const alerts = await run.rows('fraud_alerts');
    expect(new Set(alerts.map((a) => a.pattern))).toEqual(
      expect.objectContaining(new Set(['card_testing', 'velocity_card'])),
    );
    for (const alert of alerts)
      expect(alert.payment_id ?? alert.card_token ?? alert.device_id).not.toBeNull();
    const risk = await run.rows('customer_risk', 'risk_score DESC');
    expect(risk[0]).toMatchObject({ risk_level: 'high' });
    expect(String(risk[0]?.drivers)).not.toBe('');
  });
});

describe('compliance_report', () => {
  it('fails no check on the clean lake, and passes every sensitive-data check', async () => {
    const report = await run.rows('compliance_report');
    // A small world's fixed number of dirty rows can push a quarantine share past 5%: a warning.
    expect(report.filter((r) => r.status === 'fail').map((r) => `${r.check}: ${r.detail}`)).toEqual([]);
    expect(
      report
        .filter((r) => r.status === 'warn' && !String(r.check).startsWith('quarantine_volume'))
        .map((r) => r.check),
    ).toEqual([]);
    expect(report.map((r) => r.check)).toEqual(
      expect.arrayContaining([
        'no_sensitive_values_curated',
        'card_masking_coverage',
        'quarantine_volume:payments',
        'hmac_key_configured',
      ]),
    );
  });

  it('fails when a card number and a card_number column are planted in curated', async () => {
    const { store, dataDir, engine } = world.lake;
    const manifest = await readManifest(store, 'orders');
    const planted = 'orders/part-planted-0000.parquet';
    const first = join(dataDir, 'curated', manifest.files[0] ?? '');
    await engine.run(
      `COPY (SELECT * REPLACE ('call me, card ${PAN}' AS notes), '${PAN}' AS card_number FROM read_parquet('${first}') LIMIT 3) TO '${join(dataDir, 'curated', planted)}' (FORMAT parquet)`,
    );
    await writeManifest(store, { ...manifest, files: [...manifest.files, planted] });
    const again = await runSystemOnLake(complianceGuardian, dataDir, { hmacKeyConfigured: false });
    try {
      const status = new Map((await again.rows('compliance_report')).map((r) => [String(r.check), r]));
      expect(status.get('no_sensitive_values_curated')).toMatchObject({ status: 'fail' });
      expect(String(status.get('no_sensitive_values_curated')?.detail)).toContain('part-planted');
      expect(String(status.get('no_sensitive_values_curated')?.detail)).not.toContain(PAN);
      expect(status.get('no_clear_sensitive_columns')).toMatchObject({ status: 'fail' });
      expect(String(status.get('no_clear_sensitive_columns')?.detail)).toContain('orders.card_number');
      expect(status.get('hmac_key_configured')).toMatchObject({ status: 'fail' });
    } finally {
      await again.close();
      await writeManifest(store, manifest);
    }
  });

  it('fails when a prod table holds an SSN', async () => {
    const relation = "(SELECT 1 AS customer_id, 'customer said 123-45-6789' AS drivers)";
    const result = await checkProdTables(run.engine, 'compliance-guardian', [
      { table: 'customer_risk', relation },
    ]);
    expect(result.status).toBe('fail');
    expect(result.detail).not.toContain('123-45-6789');
  });
});
