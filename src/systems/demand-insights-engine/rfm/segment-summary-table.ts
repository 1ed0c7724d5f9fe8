// segment_summary: size, revenue, mean 12-month CLV and churn rate of every segment. The
// churn rate is the mean predicted churn probability: the expected share of the segment
// making no purchase over the churn horizon. Segments without customers still get a row.

import type { Engine } from '../../../ports/engine.js';
import { literal } from '../../../stages/curate/sql-text.js';
import { SEGMENTS } from './segment-rules.js';

export const SEGMENT_SUMMARY = 'die_segment_summary';

export async function createSegmentSummaryTable(
  engine: Engine,
  tables: { readonly segments: string; readonly clv: string; readonly churn: string },
): Promise<string> {
  const names = SEGMENTS.map((s, i) => `(${literal(s)}, ${i + 1})`).join(', ');
  await engine.run(`
    CREATE OR REPLACE TEMP TABLE ${SEGMENT_SUMMARY} AS
    WITH names(segment, segment_order) AS (VALUES ${names}),
    joined AS (
      SELECT s.segment, s.customer_id, s.monetary, c.clv_12m, h.churn_probability
      FROM ${tables.segments} s
      LEFT JOIN ${tables.clv} c USING (customer_id)
      LEFT JOIN ${tables.churn} h USING (customer_id)
    )
    SELECT n.segment, CAST(count(j.customer_id) AS INTEGER) AS customers,
           round(coalesce(sum(j.monetary), 0), 2) AS revenue,
           round(avg(j.clv_12m), 2) AS avg_clv,
           round(avg(j.churn_probability), 4) AS churn_rate,
           round(coalesce(sum(j.monetary), 0) / nullif(sum(sum(j.monetary)) OVER (), 0), 4) AS revenue_share,
           n.segment_order
    FROM names n LEFT JOIN joined j USING (segment)
    GROUP BY n.segment, n.segment_order
    ORDER BY n.segment_order`);
  return SEGMENT_SUMMARY;
}
