// How many quarantined rows a curated table holds under each rule, read from the files its
// manifest commits: what an operator looks at first when rows go missing.

import { CURATED } from '../../core/zones.js';
import type { Engine } from '../../ports/engine.js';
import type { ObjectStore } from '../../ports/object-store.js';
import { literal } from './sql-text.js';
import type { TableManifest } from './table-manifest.js';

export interface QuarantineCount {
  readonly table: string;
  readonly rule: string;
  readonly rows: number;
}

/**
 * @example
 * await quarantineByRule(store, engine, await readManifest(store, 'orders'));
 * // [{ table: 'orders', rule: 'amount_range', rows: 12 }, ...]
 */
export async function quarantineByRule(
  store: ObjectStore,
  engine: Engine,
  manifest: TableManifest,
): Promise<QuarantineCount[]> {
  if (manifest.quarantineFiles.length === 0) return [];
  return store.withLocalFiles(CURATED, manifest.quarantineFiles, async (paths) => {
    const rows = await engine.query(
      `SELECT _reject_rule AS rule, count(*) AS n FROM read_parquet([${paths.map(literal).join(', ')}], union_by_name = true, hive_partitioning = false) GROUP BY ALL ORDER BY rule`,
    );
    return rows.map((row) => ({ table: manifest.table, rule: String(row.rule), rows: Number(row.n) }));
  });
}
