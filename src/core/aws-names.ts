// How the lake's SQL names appear in AWS: one Glue database per lake, a table per catalog table
// named `<schema>__<table>` (`curated__orders`, `market_intelligence_hub__daily_sales`), and
// one Athena workgroup. Shared by the adapters, the config defaults and the CDK stack.

/** Glue database names allow lower-case letters, digits and underscores only. */
export const GLUE_NAME = /^[a-z0-9_]{1,255}$/;

const SEPARATOR = '__';

/** The default Glue database of a lake: the bucket prefix with `-` as `_` (`acme-lake` → `acme_lake`). */
export function glueDatabaseName(bucketPrefix: string): string {
  return bucketPrefix.toLowerCase().replace(/[^a-z0-9_]/g, '_');
}

/** The default Athena workgroup of a lake. */
export function athenaWorkgroupName(bucketPrefix: string): string {
  return `${bucketPrefix}-workgroup`;
}

/** `curated.orders` → `curated__orders`: SQL schemas never contain `__`, so the name splits back. */
export function glueTableName(schema: string, table: string): string {
  return `${schema}${SEPARATOR}${table}`.toLowerCase();
}

/** `curated__orders` → `{ schema: 'curated', name: 'orders' }`; undefined for a name that is not ours. */
export function sqlNameOfGlueTable(glueName: string): { schema: string; name: string } | undefined {
  const at = glueName.indexOf(SEPARATOR);
  if (at <= 0 || at + SEPARATOR.length >= glueName.length) return undefined;
  return { schema: glueName.slice(0, at), name: glueName.slice(at + SEPARATOR.length) };
}
