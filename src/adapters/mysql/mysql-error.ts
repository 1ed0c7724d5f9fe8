// Turns mysql2's failures into ShoplakeErrors that say what to do next. Nothing here may
// repeat the password: messages name the target as user@host:port, and the server's own text
// is scrubbed before it is kept as the cause.

import { ShoplakeError } from '../../core/shoplake-error.js';
import { describeTarget, type MysqlTarget } from './mysql-target.js';

export const LOCAL_START_COMMAND =
  'start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd';

/** What was going on when the error happened, for the message. */
export interface MysqlErrorSituation {
  readonly target: MysqlTarget;
  /** e.g. 'connecting', 'exporting orders' */
  readonly doing: string;
  readonly table?: string;
}

const UNREACHABLE = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ETIMEDOUT',
  'EAI_AGAIN',
]);
const DENIED = new Set([
  'ER_ACCESS_DENIED_ERROR',
  'ER_DBACCESS_DENIED_ERROR',
  'ER_TABLEACCESS_DENIED_ERROR',
  'ER_ACCESS_DENIED_NO_PASSWORD_ERROR',
]);
const DROPPED = new Set([
  'PROTOCOL_CONNECTION_LOST',
  'ECONNRESET',
  'EPIPE',
  'ER_CONNECTION_KILLED',
  'ER_SERVER_SHUTDOWN',
  'ER_QUERY_INTERRUPTED',
  'ER_NET_READ_ERROR',
  'ER_NET_READ_INTERRUPTED',
  'ER_NET_WRITE_INTERRUPTED',
  'ER_NET_ERROR_ON_WRITE',
  'ER_CLIENT_INTERACTION_TIMEOUT',
]);

export function toShoplakeError(error: unknown, situation: MysqlErrorSituation): ShoplakeError {
  if (error instanceof ShoplakeError) return error;
  const { target, doing, table } = situation;
  const code = errorCode(error);
  const where = `${target.host}:${target.port}`;
  const context = { table, mysqlCode: code, server: where };
  const cause = scrubbed(error, target);
  if (UNREACHABLE.has(code)) {
    return new ShoplakeError(
      'transient_io',
      `Cannot reach the MySQL server at ${where} (${code}) while ${doing}. Is it running? ` +
        `On this machine start MariaDB with: ${LOCAL_START_COMMAND}`,
      { retryable: true, context, cause },
    );
  }
  if (DENIED.has(code)) {
    return new ShoplakeError(
      'access_denied',
      `The MySQL server at ${where} refused user '${target.user}' (${code}) while ${doing}: ` +
        'check the user name, the password and the grants in the --mysql URL (the password is never shown).',
      { retryable: false, context, cause },
    );
  }
  if (code === 'ER_BAD_DB_ERROR') {
    return new ShoplakeError(
      'not_found',
      `The database '${target.database ?? ''}' does not exist on ${where}: check the --mysql URL, or run seed-mysql to create it.`,
      { retryable: false, context, cause },
    );
  }
  if (code === 'ER_NO_SUCH_TABLE') {
    return new ShoplakeError(
      'not_found',
      `The table '${table ?? '?'}' does not exist in ${describeTarget(target)}.`,
      {
        retryable: false,
        context,
        cause,
      },
    );
  }
  if (DROPPED.has(code)) {
    return new ShoplakeError(
      'transient_io',
      `The MySQL server at ${where} dropped the connection while ${doing} (${code}). Nothing from this ` +
        'attempt was published and no watermark moved: run the same command again to finish the work.',
      { retryable: true, context, cause },
    );
  }
  return new ShoplakeError('handler_failed', `MySQL failed while ${doing} on ${where}: ${cause.message}`, {
    retryable: false,
    context,
    cause,
  });
}

export function errorCode(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : 'UNKNOWN';
}

/** A copy of the driver's error whose text cannot contain the password. */
function scrubbed(error: unknown, target: MysqlTarget): Error {
  const raw = error instanceof Error ? error.message : String(error);
  const secret = target.password;
  const message = secret ? raw.split(secret).join('***') : raw;
  return Object.assign(new Error(message), { code: errorCode(error) });
}
