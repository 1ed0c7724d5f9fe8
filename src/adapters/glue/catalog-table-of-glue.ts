// A Glue table read back as a catalog table: shoplake's own tables whole from their
// `shoplake.*` parameters, tables a Glue crawler wrote (`curated__orders`, no parameters) from
// their name, columns and location. Glue keeps no per-file detail, so `files` is empty.

import type { Column, Table } from '@aws-sdk/client-glue';
import { sqlNameOfGlueTable } from '../../core/aws-names.js';
import { type BucketRef, bucketFromName, CURATED, prodBucket, SYSTEMS } from '../../core/zones.js';
import type {
  CatalogColumn,
  CatalogIssue,
  CatalogPartition,
  CatalogSchemaVersion,
  CatalogTable,
} from '../../ports/catalog.js';
import { MAX_PARTITION_VALUES } from '../../stages/catalog/hive-partitions.js';
import { PARAM } from './glue-table-input.js';
import { engineTypeOfHive } from './hive-type.js';

/**
 * The catalog table of a Glue table and its partitions' values (one array per partition, in
 * key order), or undefined for a table that is not named `<schema>__<table>`.
 */
export function catalogTableOf(
  table: Table,
  partitionValues: readonly (readonly string[])[],
  bucketPrefix: string,
): CatalogTable | undefined {
  const params = table.Parameters ?? {};
  const named = sqlNameOfGlueTable(table.Name ?? '');
  const schema = params[PARAM.schema] ?? named?.schema;
  const name = params[PARAM.table] ?? named?.name;
  if (!schema || !name) return undefined;
  const bucket = bucketOf(params[PARAM.bucket], table.StorageDescriptor?.Location, schema, bucketPrefix);
  if (!bucket) return undefined;
  const keys = table.PartitionKeys ?? [];
  const columns: CatalogColumn[] = [
    ...(table.StorageDescriptor?.Columns ?? []).map((c) => columnOf(c, false)),
    ...keys.map((c) => columnOf(c, true)),
  ];
  const versions = parsed<CatalogSchemaVersion[]>(params[PARAM.versions], []);
  const updated = table.UpdateTime ?? table.CreateTime;
  return {
    schema,
    name,
    bucket,
    source: params[PARAM.source] === 'manifest' ? 'manifest' : 'listing',
    columns,
    partitions: keys.map((key, i) =>
      partitionOf(
        key.Name ?? '',
        partitionValues.map((v) => v[i] ?? ''),
      ),
    ),
    rows: count(params[PARAM.rows] ?? params.recordCount),
    bytes: count(params[PARAM.bytes] ?? params.sizeKey),
    lastUpdated: params[PARAM.lastUpdated] ?? (updated ? updated.toISOString() : ''),
    files: [],
    schemaVersion: count(params[PARAM.schemaVersion]) || versions.at(-1)?.version || 1,
    versions,
    issues: parsed<CatalogIssue[]>(params[PARAM.issues], []),
  };
}

function columnOf(column: Column, partition: boolean): CatalogColumn {
  const type = column.Parameters?.[PARAM.engineType] ?? engineTypeOfHive(column.Type ?? 'string');
  return partition ? { name: column.Name ?? '', type, partition: true } : { name: column.Name ?? '', type };
}

function partitionOf(column: string, values: readonly string[]): CatalogPartition {
  const sorted = [...new Set(values)].sort();
  return { column, values: sorted.slice(0, MAX_PARTITION_VALUES), valueCount: sorted.length };
}

/** From the recorded bucket, else the location's bucket name, else the schema's zone. */
function bucketOf(
  recorded: string | undefined,
  location: string | undefined,
  schema: string,
  bucketPrefix: string,
): BucketRef | undefined {
  const fromParam = parsed<BucketRef | undefined>(recorded, undefined);
  if (fromParam && (fromParam.zone === 'curated' || fromParam.zone === 'prod')) return fromParam;
  const name = /^s3a?:\/\/([^/]+)/.exec(location ?? '')?.[1];
  const fromLocation = name ? bucketFromName(bucketPrefix, name) : undefined;
  if (fromLocation && fromLocation.zone !== 'raw') return fromLocation;
  if (schema === 'curated') return CURATED;
  const system = SYSTEMS.find((s) => s.replace(/-/g, '_') === schema);
  return system ? prodBucket(system) : undefined;
}

function count(text: string | undefined): number {
  const n = Number(text);
  return Number.isFinite(n) && n >= 0 ? n : 0;
}

function parsed<T>(text: string | undefined, fallback: T): T {
  if (!text) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}
