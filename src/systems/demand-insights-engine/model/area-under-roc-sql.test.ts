import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DuckDbEngine } from '../../../adapters/duckdb/duckdb-engine.js';
import { areaUnderRoc } from './area-under-roc.js';
import { areaUnderRocSql } from './area-under-roc-sql.js';

const engine = await DuckDbEngine.create({
  spillDir: join(tmpdir(), 'shoplake-auc-spill'),
  memoryLimit: '256MB',
  threads: 1,
});
afterAll(() => engine.close());

describe('areaUnderRocSql', () => {
  it('agrees with areaUnderRoc, ties included', async () => {
    const scores = Array.from({ length: 500 }, (_, i) => Math.round(Math.abs(Math.sin(i * 7.1)) * 10) / 10);
    const labels = scores.map((s, i) => (i % 3 === 0 ? s > 0.3 : s > 0.7));
    await engine.run('CREATE OR REPLACE TEMP TABLE t (s DOUBLE, y BOOLEAN)');
    await engine.append(
      't',
      scores.map((s, i) => [s, labels[i] ?? false]),
    );
    expect(await areaUnderRocSql(engine, 't', 's', 'y')).toBeCloseTo(areaUnderRoc(scores, labels), 12);
  });

  it('is NaN with one class', async () => {
    expect(await areaUnderRocSql(engine, '(SELECT 1.0 AS s, false AS y)', 's', 'y')).toBeNaN();
  });
});
