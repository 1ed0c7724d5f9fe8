// The export stage's SourceDatabase on MySQL/MariaDB: columns from information_schema, rows
// streamed in batches with the socket paused between them (bounded memory, one SELECT).

import type { Connection } from 'mysql2';
import type {
  CsvRowBatch,
  SourceColumn,
  SourceDatabase,
  SourceRowQuery,
} from '../../stages/export/source-database.js';
import type { CsvFieldKind } from './csv-row-transcoder.js';
import { type MysqlColumnInfo, mapMysqlColumn, quoteIdentifier } from './mysql-column-type.js';
import { closeMysqlConnection, openMysqlConnection } from './mysql-connection.js';
import { toShoplakeError } from './mysql-error.js';
import { describeTarget, type MysqlTarget } from './mysql-target.js';
import { queryCsvBatches } from './query-csv-batches.js';

export class MysqlSourceDatabase implements SourceDatabase {
  readonly description: string;
  /** Set when a stream was abandoned mid-result: the session cannot be ended politely. */
  private broken = false;

  private constructor(
    private readonly target: MysqlTarget,
    private readonly connection: Connection,
  ) {
    this.description = describeTarget(target);
  }

  static async open(target: MysqlTarget): Promise<MysqlSourceDatabase> {
    return new MysqlSourceDatabase(target, await openMysqlConnection(target, { rowsAsArray: true }));
  }

  /** The server-side id of the session, which `KILL` takes (tests cut exports with it). */
  get connectionId(): number {
    return this.connection.threadId ?? -1;
  }

  async describeTable(table: string): Promise<readonly SourceColumn[] | undefined> {
    const infos = await this.columnInfos(table);
    if (infos.length === 0) return undefined;
    return infos.map((info) => ({
      name: info.name,
      engineType: mapMysqlColumn(info).engineType,
      sourceType: info.columnType,
    }));
  }

  async now(): Promise<string> {
    const [rows] = await this.run(
      () => this.connection.promise().query('SELECT NOW(6)'),
      'reading the server clock',
    );
    const value = (rows as unknown[][])[0]?.[0];
    return String(value);
  }

  async *streamCsvBatches(query: SourceRowQuery): AsyncIterable<CsvRowBatch> {
    const infos = new Map((await this.columnInfos(query.table)).map((info) => [info.name, info]));
    const mappings = query.columns.map((column) => {
      const info = infos.get(column.name);
      return info
        ? mapMysqlColumn(info)
        : { engineType: column.engineType, select: quoteIdentifier(column.name), binary: false };
    });
    const fields = mappings.map(csvFieldKind);
    const newestOf = query.newestOf ? query.columns.findIndex((c) => c.name === query.newestOf) : -1;
    const where = query.since ? ` WHERE ${quoteIdentifier(query.since.column)} >= ?` : '';
    const sql = `SELECT ${mappings.map((m) => m.select).join(', ')} FROM ${quoteIdentifier(query.table)}${where}`;
    const values = query.since ? [query.since.value] : [];
    let complete = false;
    try {
      yield* queryCsvBatches(
        this.connection,
        { sql, values, fields, newestOf: newestOf >= 0 ? newestOf : undefined },
        query.batchRows,
      );
      complete = true;
    } catch (error: unknown) {
      throw toShoplakeError(error, {
        target: this.target,
        doing: `exporting ${query.table}`,
        table: query.table,
      });
    } finally {
      if (!complete) {
        // The rest of the result is still on the wire; only dropping the session stops it.
        this.broken = true;
        this.connection.destroy();
      }
    }
  }

  async close(): Promise<void> {
    if (this.broken) return;
    await closeMysqlConnection(this.connection);
  }

  private async columnInfos(table: string): Promise<MysqlColumnInfo[]> {
    const [rows] = await this.run(
      () =>
        this.connection.promise().query(
          `SELECT COLUMN_NAME, DATA_TYPE, COLUMN_TYPE, NUMERIC_PRECISION, NUMERIC_SCALE
             FROM information_schema.COLUMNS
            WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?
            ORDER BY ORDINAL_POSITION`,
          [table],
        ),
      `describing ${table}`,
      table,
    );
    return (rows as unknown[][]).map(([name, dataType, columnType, precision, scale]) => ({
      name: String(name),
      dataType: String(dataType),
      columnType: String(columnType),
      numericPrecision: precision === null || precision === undefined ? null : Number(precision),
      numericScale: scale === null || scale === undefined ? null : Number(scale),
    }));
  }

  private async run<T>(action: () => Promise<T>, doing: string, table?: string): Promise<T> {
    try {
      return await action();
    } catch (error: unknown) {
      throw toShoplakeError(error, { target: this.target, doing, table });
    }
  }
}

// Only text can hold a comma, quote or newline, or be empty: everything else travels unquoted.
function csvFieldKind(mapping: { readonly engineType: string; readonly binary: boolean }): CsvFieldKind {
  if (mapping.binary) return 'binary';
  return mapping.engineType === 'VARCHAR' ? 'text' : 'plain';
}
