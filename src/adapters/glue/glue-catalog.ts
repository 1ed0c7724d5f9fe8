// The catalog port kept in AWS Glue, so Athena (and any Glue reader) sees the lake's tables:
// `register` projects a crawl into one Glue database (tables, partitions, dropped tables),
// `read`/`list`/`describe` read it back. Glue keeps no per-file detail: the crawler's
// incremental state stays in the lake's own catalog object (see MirroredCatalog).

import {
  BatchCreatePartitionCommand,
  BatchDeletePartitionCommand,
  CreateTableCommand,
  DeleteTableCommand,
  GetPartitionsCommand,
  GetTableCommand,
  GetTablesCommand,
  GlueClient,
  type Table,
  type TableInput,
  UpdateTableCommand,
} from '@aws-sdk/client-glue';
import { glueTableName } from '../../core/aws-names.js';
import { ShoplakeError } from '../../core/shoplake-error.js';
import { bucketName } from '../../core/zones.js';
import type { Catalog, CatalogSnapshot, CatalogTable } from '../../ports/catalog.js';
import { type AwsServiceSettings, sdkClientOptions } from '../aws-sdk/aws-service-settings.js';
import { mapAwsError } from '../aws-sdk/map-aws-error.js';
import { catalogTableOf } from './catalog-table-of-glue.js';
import { PARAM, partitionInputsOf, tableInputOf } from './glue-table-input.js';

/**
 * @example
 * const catalog = new GlueCatalog({ aws: { region: 'eu-west-1' }, database: 'acme_lake', bucketPrefix: 'acme-lake' });
 * for (const t of await catalog.list()) console.log(`${t.schema}.${t.name}`, t.rows);
 */
export interface GlueCatalogOptions {
  readonly aws: AwsServiceSettings;
  readonly database: string;
  /** Names the buckets tables live in (`<prefix>-curated`, ...). */
  readonly bucketPrefix: string;
}

// Glue's limits per batch call.
const CREATE_BATCH = 100;
const DELETE_BATCH = 25;

export class GlueCatalog implements Catalog {
  private readonly client: GlueClient;

  constructor(private readonly options: GlueCatalogOptions) {
    this.client = new GlueClient(sdkClientOptions(options.aws));
  }

  get database(): string {
    return this.options.database;
  }

  async register(snapshot: CatalogSnapshot): Promise<void> {
    const existing = new Map((await this.glueTables()).map((t) => [t.Name ?? '', t]));
    const wanted = new Set<string>();
    for (const table of snapshot.tables) {
      const bucket = bucketName(this.options.bucketPrefix, table.bucket);
      const input = tableInputOf(table, bucket, snapshot.crawledAt);
      const name = input.Name ?? '';
      wanted.add(name);
      await this.upsert(input, existing.get(name));
      const partitions = partitionInputsOf(table, bucket, input.StorageDescriptor?.Columns ?? []);
      if (table.partitions.length > 0) await this.syncPartitions(name, partitions);
    }
    // Only tables shoplake registered are dropped; anyone else's stay.
    for (const [name, table] of existing)
      if (!wanted.has(name) && table.Parameters?.[PARAM.schema] !== undefined)
        await this.call('DeleteTable', name, () =>
          this.client.send(new DeleteTableCommand({ DatabaseName: this.options.database, Name: name })),
        );
  }

  /** Undefined while the database holds no table of the lake. */
  async read(): Promise<CatalogSnapshot | undefined> {
    const tables: CatalogTable[] = [];
    let crawledAt = '';
    for (const glue of await this.glueTables()) {
      const table = await this.catalogTable(glue);
      if (!table) continue;
      tables.push(table);
      const at = glue.Parameters?.[PARAM.crawledAt] ?? '';
      if (at > crawledAt) crawledAt = at;
    }
    if (tables.length === 0) return undefined;
    tables.sort((a, b) => `${a.schema}.${a.name}`.localeCompare(`${b.schema}.${b.name}`));
    return { crawledAt, tables };
  }

  async list(): Promise<readonly CatalogTable[]> {
    return (await this.read())?.tables ?? [];
  }

  async describe(schema: string, name: string): Promise<CatalogTable | undefined> {
    const glueName = glueTableName(schema, name);
    try {
      const out = await this.client.send(
        new GetTableCommand({ DatabaseName: this.options.database, Name: glueName }),
      );
      return out.Table ? await this.catalogTable(out.Table) : undefined;
    } catch (error: unknown) {
      const mapped = mapAwsError(error, this.what('GetTable', glueName));
      if (mapped.code === 'not_found' && !/database/i.test(mapped.message)) return undefined;
      throw this.databaseHint(mapped);
    }
  }

  private async catalogTable(glue: Table): Promise<CatalogTable | undefined> {
    const values = (glue.PartitionKeys ?? []).length > 0 ? await this.partitionValues(glue.Name ?? '') : [];
    return catalogTableOf(glue, values, this.options.bucketPrefix);
  }

  private async upsert(input: TableInput, current: Table | undefined): Promise<void> {
    const name = input.Name ?? '';
    const database = this.options.database;
    if (current?.Parameters?.[PARAM.digest] === input.Parameters?.[PARAM.digest]) return;
    const keysOf = (keys: readonly { Name?: string }[] | undefined) =>
      (keys ?? []).map((k) => k.Name).join(',');
    if (current && keysOf(current.PartitionKeys) !== keysOf(input.PartitionKeys)) {
      // Glue cannot change a table's partition keys in place.
      await this.call('DeleteTable', name, () =>
        this.client.send(new DeleteTableCommand({ DatabaseName: database, Name: name })),
      );
      current = undefined;
    }
    if (!current) {
      await this.call('CreateTable', name, () =>
        this.client.send(new CreateTableCommand({ DatabaseName: database, TableInput: input })),
      );
      return;
    }
    // Glue archives the old definition only when the schema version moved, so its table
    // versions follow the catalog's schema versions.
    const sameSchema = current.Parameters?.[PARAM.schemaVersion] === input.Parameters?.[PARAM.schemaVersion];
    await this.call('UpdateTable', name, () =>
      this.client.send(
        new UpdateTableCommand({ DatabaseName: database, TableInput: input, SkipArchive: sameSchema }),
      ),
    );
  }

  private async syncPartitions(table: string, wanted: ReturnType<typeof partitionInputsOf>): Promise<void> {
    const key = (values: readonly string[] | undefined) => JSON.stringify(values ?? []);
    const have = new Set((await this.partitionValues(table)).map(key));
    const want = new Set(wanted.map((p) => key(p.Values)));
    const missing = wanted.filter((p) => !have.has(key(p.Values)));
    const gone = [...have].filter((k) => !want.has(k)).map((k) => JSON.parse(k) as string[]);
    const database = this.options.database;
    for (let i = 0; i < missing.length; i += CREATE_BATCH) {
      const out = await this.call('BatchCreatePartition', table, () =>
        this.client.send(
          new BatchCreatePartitionCommand({
            DatabaseName: database,
            TableName: table,
            PartitionInputList: missing.slice(i, i + CREATE_BATCH),
          }),
        ),
      );
      const failed = (out.Errors ?? []).filter((e) => e.ErrorDetail?.ErrorCode !== 'AlreadyExistsException');
      if (failed.length > 0) throw partitionError('create', table, failed);
    }
    for (let i = 0; i < gone.length; i += DELETE_BATCH) {
      const out = await this.call('BatchDeletePartition', table, () =>
        this.client.send(
          new BatchDeletePartitionCommand({
            DatabaseName: database,
            TableName: table,
            PartitionsToDelete: gone.slice(i, i + DELETE_BATCH).map((Values) => ({ Values })),
          }),
        ),
      );
      const failed = (out.Errors ?? []).filter((e) => e.ErrorDetail?.ErrorCode !== 'EntityNotFoundException');
      if (failed.length > 0) throw partitionError('delete', table, failed);
    }
  }

  /** Every table of the database, page by page. */
  private async glueTables(): Promise<Table[]> {
    const tables: Table[] = [];
    let token: string | undefined;
    do {
      const out = await this.call('GetTables', undefined, () =>
        this.client.send(new GetTablesCommand({ DatabaseName: this.options.database, NextToken: token })),
      );
      tables.push(...(out.TableList ?? []));
      token = out.NextToken || undefined;
    } while (token);
    return tables;
  }

  /** The values of every partition of a table, page by page. */
  private async partitionValues(table: string): Promise<string[][]> {
    const values: string[][] = [];
    let token: string | undefined;
    do {
      const out = await this.call('GetPartitions', table, () =>
        this.client.send(
          new GetPartitionsCommand({
            DatabaseName: this.options.database,
            TableName: table,
            NextToken: token,
            ExcludeColumnSchema: true,
          }),
        ),
      );
      for (const partition of out.Partitions ?? []) values.push(partition.Values ?? []);
      token = out.NextToken || undefined;
    } while (token);
    return values;
  }

  /** Runs one Glue call; `table` undefined means the call is about the database. */
  private async call<T>(operation: string, table: string | undefined, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error: unknown) {
      throw this.databaseHint(mapAwsError(error, this.what(operation, table)));
    }
  }

  private what(operation: string, table: string | undefined) {
    const { database } = this.options;
    return {
      service: 'Glue' as const,
      operation,
      resource: table ? `table ${database}.${table}` : `database ${database}`,
    };
  }

  // A missing database is a deployment problem, not a missing table: say how to fix it.
  private databaseHint(error: ShoplakeError): ShoplakeError {
    if (error.code !== 'not_found' || !/database/i.test(error.message)) return error;
    return new ShoplakeError(
      'not_found',
      `Glue database ${this.options.database} does not exist: deploy the stack (infra/) or set aws.glueDatabase to the lake's database.`,
      { retryable: false, context: error.context, cause: error },
    );
  }
}

function partitionError(
  verb: string,
  table: string,
  failed: readonly { ErrorDetail?: { ErrorCode?: string; ErrorMessage?: string } }[],
): ShoplakeError {
  const first = failed[0]?.ErrorDetail;
  return new ShoplakeError(
    'transient_io',
    `Glue could not ${verb} ${failed.length} partition(s) of ${table}: ${first?.ErrorCode ?? 'error'} ${first?.ErrorMessage ?? ''}`.trim(),
    { retryable: true, context: { table } },
  );
}
