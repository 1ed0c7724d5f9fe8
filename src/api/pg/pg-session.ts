// One authenticated Postgres connection: the simple query protocol (one Query, one answer)
// and the extended one (Parse, Bind, Describe, Execute, Close, Sync) with named statements
// and portals. A failed query leaves the connection usable: an error ends the current
// extended batch, which resumes at the next Sync, as in Postgres.

import { randomUUID } from 'node:crypto';
import { ShoplakeError } from '../../core/shoplake-error.js';
import type { Logger } from '../../ports/logger.js';
import type { QueryAnswer } from '../../stages/sql/run-query.js';
import * as msg from './pg-backend-messages.js';
import { pgError, pgErrorOf } from './pg-error.js';
import { decodeFrontendMessage, type FrontendMessage, PgProtocolError } from './pg-frontend-messages.js';
import { PgNamedStore } from './pg-named-store.js';
import { outcomeOf, type PgOutcome, type SessionState } from './pg-outcome.js';
import { bindParameters, parameterCount } from './pg-parameters.js';
import { describeColumns, type FormatCode, outcomeMessages, resultFormats } from './pg-row-encoder.js';
import { PgSessionSettings } from './pg-session-settings.js';
import { classifyStatement, type PgStatement } from './pg-statement.js';
import { PG_OID } from './pg-types.js';

/** Runs guarded SQL with the session's time limit; aborting the signal cancels it. */
export type PgSqlRunner = (
  sql: string,
  options: { timeoutMs?: number; signal: AbortSignal },
) => Promise<QueryAnswer>;

export interface PgSessionOptions {
  readonly run: PgSqlRunner;
  readonly send: (bytes: Buffer) => void;
  /** Closes the connection (after Terminate or a protocol violation). */
  readonly end: () => void;
  readonly user: string;
  readonly database: string;
  readonly applicationName?: string;
  readonly logger: Logger;
  /** Named statements and portals kept at most, each (default 1,000). */
  readonly maxPrepared?: number;
}

interface Prepared {
  readonly sql: string;
  readonly statement: PgStatement;
  readonly parameterTypes: readonly number[];
  readonly parameterCount: number;
}

interface Portal {
  readonly prepared: Prepared;
  readonly statement: PgStatement;
  readonly formats: readonly number[];
  outcome?: PgOutcome;
  sent: number;
}

export class PgSession {
  private readonly prepared: PgNamedStore<Prepared>;
  private readonly portals: PgNamedStore<Portal>;
  private readonly state: SessionState;
  private skipUntilSync = false;
  private running: AbortController | undefined;

  constructor(private readonly options: PgSessionOptions) {
    this.prepared = new PgNamedStore('prepared statement', options.maxPrepared ?? 1000);
    this.portals = new PgNamedStore('portal', options.maxPrepared ?? 1000);
    this.state = {
      settings: new PgSessionSettings(options.applicationName),
      user: options.user,
      database: options.database,
      inTransaction: false,
      transactionFailed: false,
      deallocate: (name) => (name === undefined ? this.prepared.clear() : this.prepared.delete(name)),
    };
  }

  /** The settings to report right after authentication. */
  reportedSettings(): [string, string][] {
    return this.state.settings.reported();
  }

  /** Stops the running query, if any (a CancelRequest for this session). */
  cancel(): void {
    this.running?.abort();
  }

  /** Handles one whole typed message; never throws. */
  async handle(data: Uint8Array): Promise<void> {
    let message: FrontendMessage;
    try {
      message = decodeFrontendMessage(data);
    } catch (error: unknown) {
      const reason = error instanceof PgProtocolError ? error.message : 'undecodable message';
      return this.fail(pgError('08P01', `Invalid message: ${reason}.`), data[0] === 'Q'.charCodeAt(0));
    }
    if (this.skipUntilSync && message.type !== 'sync' && message.type !== 'terminate') return;
    try {
      await this.dispatch(message);
    } catch (error: unknown) {
      // Outside an extended batch the client waits for ReadyForQuery after the error.
      this.fail(this.errorFields(error), message.type === 'query' || message.type === 'unsupported');
    }
  }

  /** A message too large to read was dropped; answer as if it had failed. */
  rejectOversized(type: string, bytes: number): void {
    this.fail(
      pgError('54000', `Message ${type} of ${bytes} bytes is larger than this server accepts; send less.`),
      type === 'Q',
    );
  }

  private async dispatch(message: FrontendMessage): Promise<void> {
    switch (message.type) {
      case 'query':
        return this.simpleQuery(message.sql);
      case 'parse':
        return this.parse(message.statement, message.sql, message.parameterTypes);
      case 'bind':
        return this.bind(message);
      case 'describe':
        return message.target === 'S'
          ? this.describeStatement(message.name)
          : this.describePortal(message.name);
      case 'execute':
        return this.execute(message.portal, message.maxRows);
      case 'close':
        if (message.target === 'S') this.prepared.delete(message.name);
        else this.portals.delete(message.name);
        return this.options.send(msg.closeComplete());
      case 'sync':
        this.skipUntilSync = false;
        return this.options.send(msg.readyForQuery(this.transactionStatus()));
      case 'flush':
        return;
      case 'terminate':
        return this.options.end();
      case 'password':
        throw new PgProtocolError('a password message after authentication');
      case 'unsupported':
        throw new ShoplakeError(
          'sql_refused',
          `Message type "${message.code}" (function calls, COPY) is not supported: this endpoint only answers queries.`,
          { retryable: false },
        );
    }
  }

  private async simpleQuery(sql: string): Promise<void> {
    // A simple query replaces the unnamed statement and portal.
    this.prepared.delete('');
    this.portals.delete('');
    const outcome = await this.outcome(classifyStatement(sql));
    const formats = resultFormats([], outcome.columns?.length ?? 0);
    this.sendOutcome(outcome, formats, 0, true);
    this.options.send(msg.readyForQuery(this.transactionStatus()));
  }

  private parse(name: string, sql: string, parameterTypes: readonly number[]): void {
    const statement = classifyStatement(sql);
    const count = Math.max(statement.kind === 'query' ? parameterCount(sql) : 0, parameterTypes.length);
    this.prepared.put(name, { sql, statement, parameterTypes, parameterCount: count });
    this.options.send(msg.parseComplete());
  }

  private bind(message: Extract<FrontendMessage, { type: 'bind' }>): void {
    const prepared = this.prepared.get(message.statement);
    if (message.parameters.length !== prepared.parameterCount) {
      throw new PgProtocolError(
        `bind message supplies ${message.parameters.length} parameters, but prepared statement "${message.statement}" requires ${prepared.parameterCount}`,
      );
    }
    const statement: PgStatement =
      prepared.statement.kind === 'query' && prepared.parameterCount > 0
        ? {
            kind: 'query',
            sql: bindParameters(
              prepared.sql,
              message.parameters,
              prepared.parameterTypes,
              message.parameterFormats,
            ),
          }
        : prepared.statement;
    this.portals.put(message.portal, { prepared, statement, formats: message.resultFormats, sent: 0 });
    this.options.send(msg.bindComplete());
  }

  private async describeStatement(name: string): Promise<void> {
    const prepared = this.prepared.get(name);
    const types = Array.from(
      { length: prepared.parameterCount },
      (_, i) => prepared.parameterTypes[i] || PG_OID.text,
    );
    this.options.send(msg.parameterDescription(types));
    let statement = prepared.statement;
    // Columns need a run: parameters are NULL of their declared type for it.
    if (statement.kind === 'query' && prepared.parameterCount > 0) {
      const nulls = Array<null>(prepared.parameterCount).fill(null);
      statement = { kind: 'query', sql: bindParameters(prepared.sql, nulls, prepared.parameterTypes, []) };
    }
    const columns = rowsAnnounced(statement) ? (await this.outcome(statement)).columns : undefined;
    this.options.send(columns ? describeColumns(columns, resultFormats([], columns.length)) : msg.noData());
  }

  private async describePortal(name: string): Promise<void> {
    const portal = this.portals.get(name);
    if (!rowsAnnounced(portal.statement)) return this.options.send(msg.noData());
    portal.outcome ??= await this.outcome(portal.statement);
    const columns = portal.outcome.columns ?? [];
    this.options.send(describeColumns(columns, resultFormats(portal.formats, columns.length)));
  }

  private async execute(name: string, maxRows: number): Promise<void> {
    const portal = this.portals.get(name);
    portal.outcome ??= await this.outcome(portal.statement);
    const formats = resultFormats(portal.formats, portal.outcome.columns?.length ?? 0);
    const limit = maxRows > 0 ? maxRows : Number.POSITIVE_INFINITY;
    const sent = this.sendOutcome(portal.outcome, formats, portal.sent, false, limit);
    portal.sent += sent;
  }

  /** Sends rows from `from` on (at most `limit`), then the completion; returns the rows sent. */
  private sendOutcome(
    outcome: PgOutcome,
    formats: readonly FormatCode[],
    from: number,
    withDescription: boolean,
    limit = Number.POSITIVE_INFINITY,
  ): number {
    const { bytes, rows } = outcomeMessages(outcome, formats, { from, limit, withDescription });
    this.options.send(bytes);
    return rows;
  }

  private async outcome(statement: PgStatement): Promise<PgOutcome> {
    const controller = new AbortController();
    this.running = controller;
    const started = performance.now();
    try {
      const outcome = await outcomeOf(statement, this.state, (sql) =>
        this.runGuarded(sql, controller.signal),
      );
      if (statement.kind === 'query') {
        this.options.logger.info('pg.query', {
          sql: statement.sql.slice(0, 500),
          rows: outcome.rows.length,
          ms: Math.round(performance.now() - started),
        });
      }
      return outcome;
    } finally {
      this.running = undefined;
    }
  }

  private runGuarded(sql: string, signal: AbortSignal): Promise<QueryAnswer> {
    const statementTimeout = this.state.settings.statementTimeoutMs();
    return this.options.run(sql, { timeoutMs: statementTimeout > 0 ? statementTimeout : undefined, signal });
  }

  private fail(fields: msg.PgErrorFields, simple: boolean): void {
    if (this.state.inTransaction) this.state.transactionFailed = true;
    this.options.send(msg.errorResponse(fields));
    if (simple) this.options.send(msg.readyForQuery(this.transactionStatus()));
    else this.skipUntilSync = true;
  }

  private errorFields(error: unknown): msg.PgErrorFields {
    if (error instanceof PgProtocolError) return pgError('08P01', `Protocol violation: ${error.message}.`);
    const id = randomUUID().slice(0, 8);
    const fields = pgErrorOf(error, id);
    if (fields.code === 'XX000') this.options.logger.error('pg.query.crashed', { id, error });
    return fields;
  }

  private transactionStatus(): msg.TransactionStatus {
    if (!this.state.inTransaction) return 'I';
    return this.state.transactionFailed ? 'E' : 'T';
  }
}

// Statements whose Describe shows a row shape; commands answer NoData.
function rowsAnnounced(statement: PgStatement): boolean {
  return statement.kind === 'query' || statement.kind === 'show' || statement.kind === 'identity';
}
