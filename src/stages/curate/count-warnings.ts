// Counts warn-rule hits among the rows of a batch that passed the error rules. Orphans are
// references to parents that curated has not seen (yet).

import { SOURCE_TABLES } from '../../core/source-tables.js';
import type { WarnRule } from '../../core/validation-rules.js';
import { CURATED } from '../../core/zones.js';
import type { Engine } from '../../ports/engine.js';
import type { ObjectStore } from '../../ports/object-store.js';
import type { CuratePlan } from './curate-plan.js';
import { ident, literal } from './sql-text.js';
import { readManifest } from './table-manifest.js';

export async function countWarnings(
  engine: Engine,
  plan: CuratePlan,
  store: ObjectStore,
): Promise<Partial<Record<WarnRule, number>>> {
  const counts: Partial<Record<WarnRule, number>> = {};
  const entries = Object.entries(plan.validation.warnExprs);
  if (entries.length > 0) {
    const sums = entries
      .map(([rule, expr]) => `count(*) FILTER (WHERE ${expr}) AS ${ident(rule)}`)
      .join(', ');
    const row = (await engine.query(`SELECT ${sums} FROM checked WHERE _reject_rule IS NULL`))[0] ?? {};
    for (const [rule] of entries) {
      const n = Number(row[rule] ?? 0);
      if (n > 0) counts[rule as WarnRule] = n;
    }
  }
  let orphans = 0;
  for (const { column, parent } of plan.validation.references) {
    const parentManifest = await readManifest(store, parent);
    const parentKey = ident(SOURCE_TABLES[parent].primaryKey);
    const c = ident(column);
    orphans += await store.withLocalFiles(CURATED, parentManifest.files, async (paths) => {
      const parents =
        paths.length > 0
          ? `SELECT ${parentKey} AS k FROM read_parquet([${paths.map(literal).join(', ')}], union_by_name = true, hive_partitioning = false)`
          : 'SELECT CAST(NULL AS BIGINT) AS k WHERE false';
      const rows = await engine.query(
        `SELECT count(*) AS n FROM checked c ANTI JOIN (${parents}) p ON c.${c} = p.k WHERE c._reject_rule IS NULL AND c.${c} IS NOT NULL`,
      );
      return Number(rows[0]?.n ?? 0);
    });
  }
  if (orphans > 0) counts.orphan_reference = orphans;
  return counts;
}
