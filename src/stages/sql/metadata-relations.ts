// The metadata Postgres clients ask for when they connect (information_schema and a few
// pg_catalog views). The engine's own views answer it, over empty tables shaped like the
// catalog: they describe the lake's tables and columns and read no data and no file.

import type { CatalogTable } from '../../ports/catalog.js';
import type { SqlTableSource } from '../../ports/sql-engine.js';

/** `schema.relation` (lower-case) that a metadata query may read. */
export const METADATA_RELATIONS: ReadonlySet<string> = new Set([
  'information_schema.tables',
  'information_schema.columns',
  'information_schema.schemata',
  'pg_catalog.pg_namespace',
  'pg_catalog.pg_class',
  'pg_catalog.pg_attribute',
  'pg_catalog.pg_type',
  'pg_catalog.pg_tables',
  'pg_catalog.pg_database',
  'pg_catalog.pg_am',
]);

/**
 * Every catalog table as an empty table with its columns: the sandbox for a metadata query
 * holds nothing else, so its information_schema lists exactly the lake's tables.
 */
export function shapeSources(tables: readonly CatalogTable[]): SqlTableSource[] {
  return tables.map((table) => ({
    schema: table.schema,
    name: table.name,
    paths: [],
    hivePartitioning: false,
    columns: table.columns,
  }));
}
