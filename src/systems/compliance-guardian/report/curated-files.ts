// Where the curated Parquet files are, as the curated-to-prod view gives them: a table's
// committed files are the paths its relation reads (`read_parquet([...])`, built from the
// manifest), quarantine files come through curatedFiles('_quarantine/').

import { SOURCE_TABLE_NAMES, type SourceTableName } from '../../../core/source-tables.js';
import type { SystemContext } from '../../prod-system.js';

export const QUARANTINE_PREFIX = '_quarantine/';

/** The Parquet paths named in a relation's SQL text; empty for an empty or computed relation. */
export function parquetPathsOf(relation: string): string[] {
  const paths: string[] = [];
  for (const match of relation.matchAll(/'((?:[^']|'')*)'/g)) {
    const path = (match[1] ?? '').replace(/''/g, "'");
    if (path.endsWith('.parquet')) paths.push(path);
  }
  return paths;
}

export function curatedDataFiles(context: SystemContext): ReadonlyMap<SourceTableName, readonly string[]> {
  return new Map(SOURCE_TABLE_NAMES.map((table) => [table, parquetPathsOf(context.curated(table))]));
}

/** Quarantine files by table, or undefined when the context cannot list curated objects. */
export function quarantineFiles(context: SystemContext): ReadonlyMap<string, readonly string[]> | undefined {
  if (!context.curatedFiles) return undefined;
  const byTable = new Map<string, string[]>();
  for (const path of context.curatedFiles(QUARANTINE_PREFIX)) {
    const table = /_quarantine\/([^/]+)\//.exec(path)?.[1];
    if (!table || !path.endsWith('.parquet')) continue;
    byTable.set(table, [...(byTable.get(table) ?? []), path]);
  }
  return byTable;
}
