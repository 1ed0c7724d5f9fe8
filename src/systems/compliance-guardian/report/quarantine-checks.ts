// Quarantine volumes by table and rule, read from the committed quarantine files: a rising
// share of rejected rows is the first sign that a source changed its format.

import { SOURCE_TABLE_NAMES } from '../../../core/source-tables.js';
import { literal } from '../../../stages/curate/sql-text.js';
import type { SystemContext } from '../../prod-system.js';
import { type CheckResult, plural } from './compliance-check.js';

/** Above this share of a table's rows in quarantine the check warns. */
export const QUARANTINE_WARN_SHARE = 0.05;

export async function checkQuarantine(
  context: SystemContext,
  files: ReadonlyMap<string, readonly string[]> | undefined,
): Promise<CheckResult[]> {
  if (!files) {
    return [
      {
        check: 'quarantine_volume',
        status: 'warn',
        detail:
          'The quarantine files were not made available to this system (curatedFiles is missing from its context), so volumes could not be counted.',
      },
    ];
  }
  const results: CheckResult[] = [];
  for (const table of SOURCE_TABLE_NAMES) {
    const [kept] = await context.engine.query(
      `SELECT CAST(count(*) AS DOUBLE) AS n FROM ${context.curated(table)}`,
    );
    const curatedRows = Number(kept?.n ?? 0);
    const paths = files.get(table) ?? [];
    const byRule =
      paths.length === 0
        ? []
        : await context.engine.query(
            `SELECT _reject_rule AS rule, CAST(count(*) AS DOUBLE) AS n FROM read_parquet([${paths.map(literal).join(', ')}], union_by_name = true) GROUP BY 1 ORDER BY 2 DESC, 1`,
          );
    const rejected = byRule.reduce((sum, r) => sum + Number(r.n), 0);
    const share = curatedRows + rejected === 0 ? 0 : rejected / (curatedRows + rejected);
    const rules = byRule.map((r) => `${String(r.rule)} ${Number(r.n).toLocaleString('en-US')}`).join(', ');
    results.push({
      check: `quarantine_volume:${table}`,
      status: share > QUARANTINE_WARN_SHARE ? 'warn' : 'pass',
      detail: `${plural(rejected, 'row')} of ${table} in quarantine (${(share * 100).toFixed(2)}% of ${plural(curatedRows + rejected, 'row')} seen)${rules ? `, by rule: ${rules}` : ''}.${share > QUARANTINE_WARN_SHARE ? ` Above ${QUARANTINE_WARN_SHARE * 100}%: check the source export.` : ''}`,
      scope: rejected,
    });
  }
  return results;
}
