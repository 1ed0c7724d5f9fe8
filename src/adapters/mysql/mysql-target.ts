// Where a MySQL server is, parsed once from a `mysql://` URL. The password lives only in
// `password`; everything printable (`describe`, `redactMysqlUrl`) leaves it out, because URLs
// end up in logs, error messages and shell history.

import { ShoplakeError } from '../../core/shoplake-error.js';

export interface MysqlTarget {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  /** Never printed: use `describeTarget` or `redactMysqlUrl` for messages. */
  readonly password: string;
  /** Undefined when the URL names no database (only seed-mysql may go without). */
  readonly database: string | undefined;
}

export const DEFAULT_MYSQL_PORT = 3306;
const SCHEMES = ['mysql:', 'mariadb:'];

/**
 * @example
 * parseMysqlUrl('mysql://root:secret@127.0.0.1:3306/shop')
 * // { host: '127.0.0.1', port: 3306, user: 'root', password: 'secret', database: 'shop' }
 */
export function parseMysqlUrl(url: string): MysqlTarget {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    // Not chained as a cause: Node's URL error carries the raw input, password included.
    throw invalid(`"${redactMysqlUrl(url)}" is not a URL`);
  }
  if (!SCHEMES.includes(parsed.protocol))
    throw invalid(`the scheme must be mysql:// (got ${parsed.protocol}//)`);
  if (!parsed.hostname) throw invalid('it names no host');
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, '')) || undefined;
  if (database !== undefined && !/^[A-Za-z0-9_$]{1,64}$/.test(database)) {
    throw invalid(`the database name "${database}" is not a plain identifier (letters, digits, _ or $)`);
  }
  return {
    host: parsed.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: parsed.port ? Number(parsed.port) : DEFAULT_MYSQL_PORT,
    user: decodeURIComponent(parsed.username) || 'root',
    password: decodeURIComponent(parsed.password),
    database,
  };
}

/** `user@host:port/db`, safe for any message. */
export function describeTarget(target: MysqlTarget): string {
  return `${target.user}@${target.host}:${target.port}${target.database ? `/${target.database}` : ''}`;
}

/** The URL with its password replaced by `***`; also safe on text that is not a valid URL. */
export function redactMysqlUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:@/]*):[^@/]*@/i, '$1:***@');
}

/** The same target on another database (tests and seed-mysql create databases). */
export function withDatabase(target: MysqlTarget, database: string | undefined): MysqlTarget {
  return { ...target, database };
}

function invalid(reason: string): ShoplakeError {
  return new ShoplakeError(
    'invalid_argument',
    `Invalid MySQL URL: ${reason}. Expected mysql://USER:PASSWORD@HOST:PORT/DATABASE.`,
    { retryable: false },
  );
}
