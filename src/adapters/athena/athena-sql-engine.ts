// Athena behind the SQL port. DuckDB's parser still feeds the guard (Athena has no parse-only
// call), then the accepted SQL runs in the lake's workgroup with table names mapped to Glue:
// start, poll with backoff until a final state or the time limit (then stop it), page through
// the results until the row limit.

import {
  AthenaClient,
  type ColumnInfo,
  GetQueryExecutionCommand,
  GetQueryResultsCommand,
  GetWorkGroupCommand,
  type QueryExecution,
  StartQueryExecutionCommand,
  StopQueryExecutionCommand,
} from '@aws-sdk/client-athena';
import { ShoplakeError } from '../../core/shoplake-error.js';
import type { Logger } from '../../ports/logger.js';
import type { JsonValue, SqlEngine, SqlLimits, SqlResult, SqlTableSource } from '../../ports/sql-engine.js';
import { type AwsServiceSettings, sdkClientOptions } from '../aws-sdk/aws-service-settings.js';
import { mapAwsError } from '../aws-sdk/map-aws-error.js';
import { isHeaderRow, jsonValueOf, sqlColumnOf } from './athena-result-values.js';
import { athenaSql } from './athena-table-names.js';

/**
 * @example
 * const sql = new AthenaSqlEngine({ aws: { region: 'eu-west-1' }, workgroup: 'acme-lake-workgroup',
 *   database: 'acme_lake', parser: new DuckDbSqlEngine(engineOptions) });
 */
export interface AthenaSqlEngineOptions {
  readonly aws: AwsServiceSettings;
  readonly workgroup: string;
  /** The Glue database holding `<schema>__<table>` tables. */
  readonly database: string;
  /** `s3://bucket/prefix/` for results; default: the workgroup's (which a workgroup may enforce). */
  readonly outputLocation?: string;
  /** Parses for the guard (DuckDB's parse tree); closed with this engine. */
  readonly parser: Pick<SqlEngine, 'parse' | 'close'>;
  /** First wait between status checks, doubling up to `pollMaxMs`. Default 200 ms. */
  readonly pollFirstMs?: number;
  /** Default 2,000 ms. */
  readonly pollMaxMs?: number;
  /** Logs each query's id, bytes scanned (what Athena bills) and times. */
  readonly logger?: Logger;
}

// GetQueryResults returns at most 1,000 rows a page.
const PAGE_ROWS = 1000;

export class AthenaSqlEngine implements SqlEngine {
  readonly reads = 'in-place';
  private readonly client: AthenaClient;

  constructor(private readonly options: AthenaSqlEngineOptions) {
    this.client = new AthenaClient(sdkClientOptions(options.aws));
  }

  parse(sql: string): Promise<unknown> {
    return this.options.parser.parse(sql);
  }

  async execute(sql: string, tables: readonly SqlTableSource[], limits: SqlLimits): Promise<SqlResult> {
    const deadline = Date.now() + limits.timeoutMs;
    const names = new Set(tables.map((t) => `${t.schema}.${t.name}`.toLowerCase()));
    const text = athenaSql(sql, await this.parse(sql), names, this.options.database);
    const id = await this.start(text);
    const execution = await this.waitFor(id, deadline, limits);
    const state = execution.Status?.State;
    if (state !== 'SUCCEEDED') {
      const reason = execution.Status?.AthenaError?.ErrorMessage ?? execution.Status?.StateChangeReason;
      const verb = state === 'CANCELLED' ? 'was cancelled' : 'failed';
      throw new ShoplakeError('sql_failed', `The query ${verb} in Athena: ${reason ?? 'no reason given'}`, {
        retryable: execution.Status?.AthenaError?.Retryable ?? false,
        context: { queryExecutionId: id },
      });
    }
    const stats = execution.Statistics;
    this.options.logger?.info('athena.query.done', {
      queryExecutionId: id,
      scannedBytes: stats?.DataScannedInBytes,
      engineMs: stats?.EngineExecutionTimeInMillis,
      queueMs: stats?.QueryQueueTimeInMillis,
    });
    return this.results(id, limits.maxRows);
  }

  /** Reachable and allowed to use the workgroup. */
  async ping(): Promise<void> {
    await this.call('GetWorkGroup', () =>
      this.client.send(new GetWorkGroupCommand({ WorkGroup: this.options.workgroup })),
    );
  }

  async close(): Promise<void> {
    this.client.destroy();
    await this.options.parser.close();
  }

  private async start(text: string): Promise<string> {
    const { workgroup, database, outputLocation } = this.options;
    const out = await this.call('StartQueryExecution', () =>
      this.client.send(
        new StartQueryExecutionCommand({
          QueryString: text,
          WorkGroup: workgroup,
          QueryExecutionContext: { Catalog: 'AwsDataCatalog', Database: database },
          ...(outputLocation ? { ResultConfiguration: { OutputLocation: outputLocation } } : {}),
        }),
      ),
    );
    if (!out.QueryExecutionId)
      throw new ShoplakeError('sql_failed', 'Athena started the query but gave no id.');
    return out.QueryExecutionId;
  }

  private async waitFor(id: string, deadline: number, limits: SqlLimits): Promise<QueryExecution> {
    let wait = this.options.pollFirstMs ?? 200;
    for (;;) {
      const out = await this.call('GetQueryExecution', () =>
        this.client.send(new GetQueryExecutionCommand({ QueryExecutionId: id })),
      );
      const execution = out.QueryExecution ?? {};
      const state = execution.Status?.State;
      if (state === 'SUCCEEDED' || state === 'FAILED' || state === 'CANCELLED') return execution;
      if (limits.signal?.aborted) {
        await this.stop(id);
        throw new ShoplakeError('sql_canceled', 'The query was canceled by the client.', {
          retryable: false,
          context: { queryExecutionId: id },
        });
      }
      const left = deadline - Date.now();
      if (left <= 0) {
        await this.stop(id);
        throw new ShoplakeError(
          'sql_timeout',
          `The query ran longer than ${limits.timeoutMs} ms in Athena and was stopped; add filters or aggregate before selecting rows.`,
          { retryable: false, context: { queryExecutionId: id } },
        );
      }
      await new Promise((resolve) => setTimeout(resolve, Math.min(wait, left)));
      wait = Math.min(wait * 2, this.options.pollMaxMs ?? 2_000);
    }
  }

  // Stopping is best effort: the answer to the caller is the timeout either way, and the
  // workgroup's scan cutoff still bounds what a query that kept running can cost.
  private async stop(id: string): Promise<void> {
    try {
      await this.client.send(new StopQueryExecutionCommand({ QueryExecutionId: id }));
    } catch (error: unknown) {
      this.options.logger?.warn('athena.query.stop_failed', {
        queryExecutionId: id,
        error: mapAwsError(error, this.what('StopQueryExecution')).message,
      });
    }
  }

  private async results(id: string, maxRows: number): Promise<SqlResult> {
    let columns: ColumnInfo[] | undefined;
    const rows: JsonValue[][] = [];
    let token: string | undefined;
    let first = true;
    do {
      const wanted = maxRows + 1 - rows.length + (first ? 1 : 0);
      const out = await this.call('GetQueryResults', () =>
        this.client.send(
          new GetQueryResultsCommand({
            QueryExecutionId: id,
            NextToken: token,
            MaxResults: Math.min(PAGE_ROWS, wanted),
          }),
        ),
      );
      columns ??= out.ResultSet?.ResultSetMetadata?.ColumnInfo ?? [];
      const page = out.ResultSet?.Rows ?? [];
      const info = columns;
      for (const [i, row] of page.entries()) {
        if (first && i === 0 && isHeaderRow(row.Data, info)) continue;
        rows.push(info.map((c, j) => jsonValueOf(row.Data?.[j], c)));
      }
      first = false;
      token = out.NextToken || undefined;
    } while (token && rows.length <= maxRows);
    return {
      columns: (columns ?? []).map(sqlColumnOf),
      rows: rows.slice(0, maxRows),
      truncated: rows.length > maxRows,
    };
  }

  private async call<T>(operation: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error: unknown) {
      const mapped = mapAwsError(error, this.what(operation));
      // Athena refuses some statements before running them (InvalidRequestException): that is the query's fault.
      if (operation === 'StartQueryExecution' && mapped.code === 'invalid_argument')
        throw new ShoplakeError('sql_failed', `Athena refused the query: ${mapped.message}`, {
          retryable: false,
          cause: error,
        });
      throw mapped;
    }
  }

  private what(operation: string) {
    return { service: 'Athena' as const, operation, resource: `workgroup ${this.options.workgroup}` };
  }
}
