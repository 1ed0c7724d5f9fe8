// areaUnderRoc computed inside the engine, for tables too large to bring into JS: the same
// Mann–Whitney statistic with ties at their average rank.

import type { Engine } from '../../../ports/engine.js';

/** NaN without both classes. `label` is a boolean SQL expression. */
export async function areaUnderRocSql(
  engine: Engine,
  relation: string,
  score: string,
  label: string,
): Promise<number> {
  const [row] = await engine.query(`
    WITH ranked AS (
      SELECT (${label}) AS positive,
             rank() OVER (ORDER BY ${score}) + (count(*) OVER (PARTITION BY ${score}) - 1) / 2.0 AS average_rank
      FROM ${relation}
    ),
    totals AS (
      SELECT CAST(count(*) FILTER (WHERE positive) AS DOUBLE) AS p, CAST(count(*) FILTER (WHERE NOT positive) AS DOUBLE) AS n,
             CAST(sum(average_rank) FILTER (WHERE positive) AS DOUBLE) AS rank_sum
      FROM ranked
    )
    SELECT CASE WHEN p > 0 AND n > 0 THEN (rank_sum - p * (p + 1) / 2) / (p * n) END AS auc FROM totals`);
  const auc = row?.auc;
  return typeof auc === 'number' ? auc : Number.NaN;
}
