// What one statement gives back: the columns and rows of a query (through runQuery), or the
// answer of a session command (SET, SHOW, BEGIN, `SELECT version()`), which runs nothing.

import { ShoplakeError } from '../../core/shoplake-error.js';
import type { JsonValue } from '../../ports/sql-engine.js';
import { maskFreeText } from '../../stages/curate/masking/mask-free-text.js';
import type { QueryAnswer } from '../../stages/sql/run-query.js';
import { type PgSessionSettings, reportedName, SERVER_VERSION } from './pg-session-settings.js';
import type { IdentityFunction, PgStatement } from './pg-statement.js';
import { announcedType, type PgType, pgType, pgTypeOf } from './pg-types.js';

export interface PgColumn {
  readonly name: string;
  readonly type: PgType;
}

export interface PgOutcome {
  /** Undefined for a command without rows (SET, BEGIN). */
  readonly columns: readonly PgColumn[] | undefined;
  readonly rows: readonly (readonly JsonValue[])[];
  /** The CommandComplete tag, e.g. `SELECT 3`; undefined for an empty statement. */
  readonly tag: string | undefined;
  /** Settings whose new value the client must be told (ParameterStatus). */
  readonly reported: readonly [string, string][];
  /** A warning to send with the answer (the row limit cut it). */
  readonly warning?: string;
}

export interface SessionState {
  readonly settings: PgSessionSettings;
  readonly user: string;
  readonly database: string;
  inTransaction: boolean;
  /** An error happened inside the transaction: only its end is accepted until then. */
  transactionFailed: boolean;
  /** Prepared statements named by DEALLOCATE (undefined: all). */
  deallocate(name: string | undefined): void;
}

/** Runs a query through the guard (runQuery); the session adds timeout and cancel. */
export type PgQueryRunner = (sql: string) => Promise<QueryAnswer>;

/** The outcome of `statement`; throws a ShoplakeError the session turns into an ErrorResponse. */
export async function outcomeOf(
  statement: PgStatement,
  state: SessionState,
  run: PgQueryRunner,
): Promise<PgOutcome> {
  if (state.transactionFailed && statement.kind !== 'transaction') {
    throw new ShoplakeError(
      'sql_refused',
      'Current transaction is aborted, commands ignored until end of transaction block (send ROLLBACK).',
      { retryable: false },
    );
  }
  switch (statement.kind) {
    case 'empty':
      return { columns: undefined, rows: [], tag: undefined, reported: [] };
    case 'query':
      return queryOutcome(await run(statement.sql));
    case 'identity':
      return single(statement.function, identityValue(statement.function, state));
    case 'show':
      return single(statement.name.toLowerCase(), maskFreeText(state.settings.show(statement.name)), 'SHOW');
    case 'set': {
      if (statement.value.toUpperCase() === 'DEFAULT') state.settings.reset(statement.name);
      else state.settings.set(statement.name, statement.value);
      return command('SET', reportedOf(state, [statement.name]));
    }
    case 'reset': {
      state.settings.reset(statement.name);
      return command('RESET', reportedOf(state, statement.name ? [statement.name] : undefined));
    }
    case 'discard':
      state.settings.reset();
      state.deallocate(undefined);
      return command('DISCARD ALL', reportedOf(state, undefined));
    case 'deallocate':
      state.deallocate(statement.name);
      return command(statement.name ? 'DEALLOCATE' : 'DEALLOCATE ALL', []);
    case 'transaction':
      return transaction(statement.tag, state);
  }
}

/** The columns of an answer as Postgres types; numeric columns holding masked text become text. */
export function queryOutcome(answer: QueryAnswer): PgOutcome {
  const columns = answer.columns.map((column, i) => ({
    name: column.name,
    type: announcedType(
      pgTypeOf(column.type),
      answer.rows.map((row) => row[i] ?? null),
    ),
  }));
  return {
    columns,
    rows: answer.rows,
    tag: `SELECT ${answer.rowCount}`,
    reported: [],
    warning: answer.truncated
      ? `The answer was cut at ${answer.limit} rows (the row limit); add LIMIT or aggregate to see all of it.`
      : undefined,
  };
}

function transaction(tag: 'BEGIN' | 'COMMIT' | 'ROLLBACK' | 'SET', state: SessionState): PgOutcome {
  if (tag === 'BEGIN') state.inTransaction = true;
  const failed = state.transactionFailed;
  if (tag === 'COMMIT' || tag === 'ROLLBACK') {
    state.inTransaction = false;
    state.transactionFailed = false;
  }
  // Committing a failed transaction rolls it back, and Postgres says so in the tag.
  return command(tag === 'COMMIT' && failed ? 'ROLLBACK' : tag, []);
}

function identityValue(fn: IdentityFunction, state: SessionState): string {
  switch (fn) {
    case 'version':
      return `PostgreSQL ${SERVER_VERSION} (shoplake: read-only SQL over the lake catalog, DuckDB dialect)`;
    case 'current_database':
    case 'current_catalog':
      return maskFreeText(state.database);
    case 'current_schema':
      return 'curated';
    default:
      return maskFreeText(state.user);
  }
}

function reportedOf(state: SessionState, names: readonly string[] | undefined): [string, string][] {
  const all = state.settings.reported().map(([name]) => name);
  return (names ?? all)
    .filter((name) => state.settings.isReported(name))
    .map((name) => [reportedName(name), state.settings.show(name)]);
}

function single(name: string, value: string, tag = 'SELECT 1'): PgOutcome {
  return { columns: [{ name, type: pgType('text') }], rows: [[value]], tag, reported: [] };
}

function command(tag: string, reported: [string, string][]): PgOutcome {
  return { columns: undefined, rows: [], tag, reported };
}
