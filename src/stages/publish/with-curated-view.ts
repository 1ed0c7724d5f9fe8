// The curated zone as the systems see it: one SQL relation per source table over exactly the
// files its manifest commits (never a folder glob, which could catch a crashed run's
// leftovers or half a merge), plus the objects under extra prefixes such as `_copilot_log/`.

import {
  SOURCE_TABLE_NAMES,
  SOURCE_TABLES,
  type SourceTableName,
  SQL_TYPES,
} from '../../core/source-tables.js';
import { CURATED } from '../../core/zones.js';
import type { ObjectStore } from '../../ports/object-store.js';
import { META_COLUMNS } from '../curate/curate-plan.js';
import { maskedColumnNames } from '../curate/masking-sql.js';
import { ident, literal } from '../curate/sql-text.js';
import { readManifest } from '../curate/table-manifest.js';

export interface CuratedView {
  /** `read_parquet([...])` over the committed files, or an empty relation with the curated columns. */
  relation(table: SourceTableName): string;
  /** Local paths of the objects under `prefix` (one of those asked for), in key order. */
  files(prefix: string): readonly string[];
  /** Manifest version of each table, for the run record. */
  readonly versions: Readonly<Record<SourceTableName, number>>;
  /** Rows of each table at that version, for the run's rows-in count. */
  readonly rows: Readonly<Record<SourceTableName, number>>;
}

/** Gives `use` a view over the curated zone; remote stores download the files for its duration. */
export async function withCuratedView<T>(
  store: ObjectStore,
  prefixes: readonly string[],
  use: (view: CuratedView) => Promise<T>,
): Promise<T> {
  const keysByTable = new Map<SourceTableName, readonly string[]>();
  const versions = {} as Record<SourceTableName, number>;
  const rows = {} as Record<SourceTableName, number>;
  for (const table of SOURCE_TABLE_NAMES) {
    const manifest = await readManifest(store, table);
    keysByTable.set(table, manifest.files);
    versions[table] = manifest.version;
    rows[table] = manifest.rows;
  }
  const keysByPrefix = new Map<string, string[]>();
  for (const prefix of new Set(prefixes)) {
    const keys: string[] = [];
    for await (const object of store.list(CURATED, prefix)) keys.push(object.key);
    keysByPrefix.set(prefix, keys);
  }
  const allKeys = [...[...keysByTable.values()].flat(), ...[...keysByPrefix.values()].flat()];
  return store.withLocalFiles(CURATED, allKeys, async (paths) => {
    const pathOf = new Map(allKeys.map((key, i) => [key, paths[i]!]));
    const local = (keys: readonly string[]) => keys.map((key) => pathOf.get(key)!);
    return use({
      relation(table) {
        const files = local(keysByTable.get(table) ?? []);
        if (files.length === 0) return emptyRelation(table);
        // Files of one table can differ in extra (drifted) columns: read them by name.
        return `read_parquet([${files.map(literal).join(', ')}], union_by_name = true, hive_partitioning = false)`;
      },
      files: (prefix) => local(keysByPrefix.get(prefix) ?? []),
      versions,
      rows,
    });
  });
}

/** A table not curated yet: no rows, but the columns a system selects exist with their types. */
function emptyRelation(table: SourceTableName): string {
  const columns = SOURCE_TABLES[table].columns.flatMap((spec) =>
    maskedColumnNames(spec).map(
      (name) =>
        `CAST(NULL AS ${name === spec.name ? SQL_TYPES[spec.type] : name === 'birth_year' ? 'INTEGER' : 'VARCHAR'}) AS ${ident(name)}`,
    ),
  );
  const meta = META_COLUMNS.map(
    (name) =>
      `CAST(NULL AS ${name === '_ingested_at' ? 'TIMESTAMP' : name === '_row_hash' ? 'UBIGINT' : 'VARCHAR'}) AS ${ident(name)}`,
  );
  return `(SELECT ${[...columns, ...meta].join(', ')} WHERE false)`;
}
