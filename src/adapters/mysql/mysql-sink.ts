// Loads generated batches into a MySQL database in bulk: LOAD DATA LOCAL INFILE fed straight
// from memory (no temp file), REPLACE so that a re-exported row replaces its earlier version.

import { Readable } from 'node:stream';
import type { Connection } from 'mysql2';
import { ShoplakeError } from '../../core/shoplake-error.js';
import { SOURCE_TABLES, type SourceTableName } from '../../core/source-tables.js';
import type { WorldBatch } from '../../stages/generate/world-batch.js';
import { LOAD_DATA_FORMAT, loadDataLines } from './load-data-text.js';
import { quoteIdentifier } from './mysql-column-type.js';
import { closeMysqlConnection, openMysqlConnection } from './mysql-connection.js';
import { toShoplakeError } from './mysql-error.js';
import { createTableStatement, mysqlTypeOf } from './mysql-source-ddl.js';
import { type MysqlTarget, withDatabase } from './mysql-target.js';

export interface MysqlSinkOptions {
  /** Drop the contract tables first, so the database holds exactly what is loaded next. */
  readonly recreate?: boolean;
}

export interface BatchLoadResult {
  /** Rows sent (a replaced duplicate counts once per version). */
  readonly rows: number;
  /** Values MySQL had to adjust (truncated, converted): should stay 0 for loadable batches. */
  readonly warnings: number;
  /** True when the batch was left out because MySQL would refuse its values. */
  readonly skipped: boolean;
}

/**
 * @example
 * const sink = await MysqlSink.open(parseMysqlUrl('mysql://root@127.0.0.1:3306/shop'));
 * for await (const batch of batches) await sink.load(batch);
 * await sink.close();
 */
export class MysqlSink {
  private constructor(
    private readonly target: MysqlTarget,
    private readonly connection: Connection,
    private readonly columnsByTable: Map<string, Set<string>>,
  ) {}

  static async open(target: MysqlTarget, options: MysqlSinkOptions = {}): Promise<MysqlSink> {
    const database = target.database;
    if (!database) {
      throw new ShoplakeError(
        'invalid_argument',
        'The --mysql URL names no database: add one, e.g. mysql://root@127.0.0.1:3306/shop.',
        {
          retryable: false,
        },
      );
    }
    // Connected without a database so that a missing one can be created.
    const connection = await openMysqlConnection(withDatabase(target, undefined));
    const sink = new MysqlSink(target, connection, new Map());
    try {
      await sink.run(
        `CREATE DATABASE IF NOT EXISTS ${quoteIdentifier(database)} CHARACTER SET utf8mb4`,
        'creating the database',
      );
      await sink.run(`USE ${quoteIdentifier(database)}`, 'opening the database');
      for (const spec of Object.values(SOURCE_TABLES)) {
        if (options.recreate)
          await sink.run(`DROP TABLE IF EXISTS ${quoteIdentifier(spec.name)}`, 'dropping tables');
        await sink.run(createTableStatement(spec), `creating ${spec.name}`);
      }
      await sink.readColumns();
    } catch (error: unknown) {
      await sink.close();
      throw error;
    }
    return sink;
  }

  async load(batch: WorldBatch): Promise<BatchLoadResult> {
    if (!batch.mysqlLoadable || batch.rows.length === 0)
      return { rows: 0, warnings: 0, skipped: !batch.mysqlLoadable };
    await this.addExtraColumns(batch);
    const names = batch.columns.map((column) => quoteIdentifier(column.name)).join(', ');
    // A typed column that a batch carries as text (a hand-made export) still lands in a typed
    // MySQL column: its values are written in the form that column takes.
    const contract = new Map(SOURCE_TABLES[batch.table].columns.map((column) => [column.name, column.type]));
    const types = batch.columns.map((column) => contract.get(column.name) ?? column.type);
    const sql = `LOAD DATA LOCAL INFILE 'batch:${batch.batchId}' REPLACE INTO TABLE ${quoteIdentifier(batch.table)} ${LOAD_DATA_FORMAT} (${names})`;
    const infileStreamFactory = (): Readable =>
      Readable.from(
        (function* () {
          for (const chunk of loadDataLines(batch.rows, types)) yield Buffer.from(chunk, 'utf8');
        })(),
      );
    const [header] = await this.attempt(
      () => this.connection.promise().query({ sql, infileStreamFactory }),
      `loading batch ${batch.batchId} into ${batch.table}`,
      batch.table,
    );
    const warnings = (header as { warningStatus?: number }).warningStatus ?? 0;
    return { rows: batch.rows.length, warnings, skipped: false };
  }

  async close(): Promise<void> {
    await closeMysqlConnection(this.connection);
  }

  /** Columns a batch carries beyond the table's (schema drift) are added, nullable. */
  private async addExtraColumns(batch: WorldBatch): Promise<void> {
    const known = this.columnsByTable.get(batch.table) ?? new Set<string>();
    for (const column of batch.columns) {
      if (known.has(column.name)) continue;
      await this.run(
        `ALTER TABLE ${quoteIdentifier(batch.table)} ADD COLUMN ${quoteIdentifier(column.name)} ${mysqlTypeOf(column.type)} NULL`,
        `adding column ${column.name} to ${batch.table}`,
      );
      known.add(column.name);
    }
    this.columnsByTable.set(batch.table, known);
  }

  private async readColumns(): Promise<void> {
    const [rows] = await this.attempt(
      () =>
        this.connection
          .promise()
          .query(
            'SELECT TABLE_NAME AS t, COLUMN_NAME AS c FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE()',
          ),
      'reading the schema',
    );
    for (const { t, c } of rows as { t: string; c: string }[]) {
      const set = this.columnsByTable.get(t) ?? new Set<string>();
      set.add(c);
      this.columnsByTable.set(t, set);
    }
  }

  private async run(sql: string, doing: string): Promise<void> {
    await this.attempt(() => this.connection.promise().query(sql), doing);
  }

  private async attempt<T>(action: () => Promise<T>, doing: string, table?: SourceTableName): Promise<T> {
    try {
      return await action();
    } catch (error: unknown) {
      throw toShoplakeError(error, { target: this.target, doing, table });
    }
  }
}
