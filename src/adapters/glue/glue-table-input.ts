// A catalog table as Glue's TableInput and PartitionInputs: an external Parquet table at
// `s3://<bucket>/<table>/`, partition keys from the Hive folders, and the catalog's own facts
// (rows, schema versions, issues) as `shoplake.*` parameters, so the table reads back whole.

import { createHash } from 'node:crypto';
import type { Column, PartitionInput, StorageDescriptor, TableInput } from '@aws-sdk/client-glue';
import { glueTableName } from '../../core/aws-names.js';
import type { CatalogColumn, CatalogTable } from '../../ports/catalog.js';
import { hiveTypeOf } from './hive-type.js';

export const PARQUET_FORMAT = {
  InputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat',
  OutputFormat: 'org.apache.hadoop.hive.ql.io.parquet.MapredParquetOutputFormat',
  SerdeInfo: {
    SerializationLibrary: 'org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe',
    Parameters: { 'serialization.format': '1' },
  },
} as const;

/** Parameter names; `shoplake.schema` marks a table as registered by shoplake. */
export const PARAM = {
  schema: 'shoplake.schema',
  table: 'shoplake.table',
  bucket: 'shoplake.bucket',
  source: 'shoplake.source',
  rows: 'shoplake.rows',
  bytes: 'shoplake.bytes',
  lastUpdated: 'shoplake.last_updated',
  crawledAt: 'shoplake.crawled_at',
  schemaVersion: 'shoplake.schema_version',
  versions: 'shoplake.versions',
  issues: 'shoplake.issues',
  skipped: 'shoplake.skipped_columns',
  digest: 'shoplake.digest',
  engineType: 'shoplake.type',
} as const;

// Glue caps a parameter value at 512,000 characters; old schema versions give way first.
const MAX_PARAMETER_CHARS = 400_000;

/** The TableInput for `table`, whose files live in bucket `bucketName`. */
export function tableInputOf(table: CatalogTable, bucketName: string, crawledAt: string): TableInput {
  const location = tableLocation(table, bucketName);
  const partitionNames = new Set(table.partitions.map((p) => p.column));
  const dataColumns = table.columns.filter((c) => !c.partition && !partitionNames.has(c.name));
  const keys = table.partitions.map(
    (p) => table.columns.find((c) => c.name === p.column) ?? { name: p.column, type: 'VARCHAR' },
  );
  const skipped = [...dataColumns, ...keys]
    .filter((c) => hiveTypeOf(c.type) === undefined)
    .map((c) => c.name);
  const parameters: Record<string, string> = {
    classification: 'parquet',
    EXTERNAL: 'TRUE',
    [PARAM.schema]: table.schema,
    [PARAM.table]: table.name,
    [PARAM.bucket]: JSON.stringify(table.bucket),
    [PARAM.source]: table.source,
    [PARAM.rows]: String(table.rows),
    [PARAM.bytes]: String(table.bytes),
    [PARAM.lastUpdated]: table.lastUpdated,
    [PARAM.schemaVersion]: String(table.schemaVersion),
    [PARAM.versions]: fitted(table.versions),
    [PARAM.issues]: fitted(table.issues),
    ...(skipped.length > 0 ? { [PARAM.skipped]: skipped.join(',') } : {}),
  };
  const input: TableInput = {
    Name: glueTableName(table.schema, table.name),
    Description: `shoplake ${table.schema}.${table.name}: schema v${table.schemaVersion}, ${table.rows} rows (${table.source})`,
    TableType: 'EXTERNAL_TABLE',
    PartitionKeys: glueColumns(keys),
    StorageDescriptor: storage(glueColumns(dataColumns), location),
    Parameters: parameters,
  };
  // The digest leaves out the crawl time, so an unchanged table is not rewritten every crawl.
  parameters[PARAM.digest] = digestOf(input);
  parameters[PARAM.crawledAt] = crawledAt;
  return input;
}

/** One PartitionInput per distinct Hive folder among the table's files, in key order. */
export function partitionInputsOf(
  table: CatalogTable,
  bucketName: string,
  columns: readonly Column[],
): PartitionInput[] {
  const keys = table.partitions.map((p) => p.column);
  if (keys.length === 0) return [];
  const byFolder = new Map<string, string[]>();
  for (const file of table.files) {
    const folders = file.key.split('/').slice(1, -1);
    const values = keys.map((key) => valueIn(folders, key));
    if (values.some((v) => v === undefined)) continue;
    byFolder.set(folders.join('/'), values as string[]);
  }
  const location = tableLocation(table, bucketName);
  return [...byFolder]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([folder, values]) => ({
      Values: values,
      StorageDescriptor: storage(columns, `${location}${folder}/`),
    }));
}

export function tableLocation(table: CatalogTable, bucketName: string): string {
  return `s3://${bucketName}/${table.name}/`;
}

function storage(columns: readonly Column[], location: string): StorageDescriptor {
  return {
    Columns: [...columns],
    Location: location,
    ...PARQUET_FORMAT,
    SerdeInfo: { ...PARQUET_FORMAT.SerdeInfo, Parameters: { ...PARQUET_FORMAT.SerdeInfo.Parameters } },
    Compressed: false,
    NumberOfBuckets: -1,
    StoredAsSubDirectories: false,
  };
}

function glueColumns(columns: readonly CatalogColumn[]): Column[] {
  return columns.flatMap((c) => {
    const type = hiveTypeOf(c.type);
    return type
      ? [{ Name: c.name.toLowerCase(), Type: type, Parameters: { [PARAM.engineType]: c.type } }]
      : [];
  });
}

function valueIn(folders: readonly string[], key: string): string | undefined {
  const folder = folders.find((f) => f.startsWith(`${key}=`));
  if (folder === undefined) return undefined;
  const raw = folder.slice(key.length + 1);
  try {
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

function fitted(items: readonly unknown[]): string {
  let kept = items;
  let text = JSON.stringify(kept);
  while (text.length > MAX_PARAMETER_CHARS && kept.length > 1) {
    kept = kept.slice(1);
    text = JSON.stringify(kept);
  }
  return text.length > MAX_PARAMETER_CHARS ? '[]' : text;
}

function digestOf(input: TableInput): string {
  return createHash('sha256').update(JSON.stringify(input)).digest('hex').slice(0, 32);
}
