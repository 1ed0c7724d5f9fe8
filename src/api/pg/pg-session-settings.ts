// The session settings a Postgres client may SET, RESET and SHOW. Most are accepted without
// effect because the endpoint already behaves as the value asks (UTF-8, ISO dates, UTC,
// read-only); `statement_timeout` really shortens the query time limit. A value the endpoint
// cannot honour (another encoding or time zone, read-write) is refused, and a setting not
// listed here is refused: DuckDB's own settings are never reachable.

import { ShoplakeError } from '../../core/shoplake-error.js';
import { maskFreeText } from '../../stages/curate/masking/mask-free-text.js';

export const SERVER_VERSION = '16.0';

interface SettingRule {
  readonly initial: string;
  /** Reported to the client (ParameterStatus) at startup and whenever it changes. */
  readonly reported?: boolean;
  /** Only SHOW: SET is refused. */
  readonly readOnly?: boolean;
  /** The value as stored, or a reason why it cannot be honoured. */
  normalise?(value: string): string | { refused: string };
}

const anything = (value: string) => value;
const onlyOn = (value: string) =>
  ['on', 'true', '1', 'yes'].includes(value.toLowerCase()) ? 'on' : { refused: 'only "on" is supported' };

const RULES: Readonly<Record<string, SettingRule>> = {
  server_version: { initial: SERVER_VERSION, reported: true, readOnly: true },
  server_version_num: { initial: '160000', readOnly: true },
  server_encoding: { initial: 'UTF8', reported: true, readOnly: true },
  integer_datetimes: { initial: 'on', reported: true, readOnly: true },
  is_superuser: { initial: 'off', reported: true, readOnly: true },
  max_identifier_length: { initial: '63', readOnly: true },
  lc_collate: { initial: 'C', readOnly: true },
  lc_ctype: { initial: 'C', readOnly: true },
  in_hot_standby: { initial: 'off', reported: true, readOnly: true },
  client_encoding: {
    initial: 'UTF8',
    reported: true,
    normalise: (v) =>
      ['utf8', 'utf-8', 'unicode'].includes(v.toLowerCase())
        ? 'UTF8'
        : { refused: 'answers are always UTF8; set PGCLIENTENCODING=UTF8' },
  },
  datestyle: {
    initial: 'ISO, MDY',
    reported: true,
    normalise: (v) => (/\biso\b/i.test(v) ? 'ISO, MDY' : { refused: 'dates are always written ISO' }),
  },
  intervalstyle: {
    initial: 'postgres',
    reported: true,
    normalise: (v) =>
      v.toLowerCase() === 'postgres' ? 'postgres' : { refused: 'only "postgres" is supported' },
  },
  timezone: {
    initial: 'UTC',
    reported: true,
    normalise: (v) =>
      ['utc', 'gmt', 'etc/utc', 'z', 'zulu', 'utc0', '0', '+00', '+00:00'].includes(v.toLowerCase())
        ? 'UTC'
        : { refused: 'the lake keeps and answers timestamps in UTC' },
  },
  standard_conforming_strings: { initial: 'on', reported: true, normalise: onlyOn },
  default_transaction_read_only: { initial: 'on', reported: true, normalise: onlyOn },
  transaction_read_only: { initial: 'on', normalise: onlyOn },
  // The client's own text, but it is echoed back and shown by SHOW: masked like any answer.
  application_name: { initial: '', reported: true, normalise: (v) => maskFreeText(v.slice(0, 63)) },
  extra_float_digits: {
    initial: '1',
    normalise: (v) => (/^-?\d+$/.test(v) && Math.abs(Number(v)) <= 15 ? v : { refused: 'a whole number' }),
  },
  statement_timeout: { initial: '0', normalise: (v) => timeoutSetting(v) },
  search_path: { initial: 'curated', normalise: anything },
  client_min_messages: { initial: 'notice', normalise: anything },
  default_transaction_isolation: { initial: 'read committed', normalise: anything },
  transaction_isolation: { initial: 'read committed', normalise: anything },
  bytea_output: {
    initial: 'hex',
    normalise: (v) => (v.toLowerCase() === 'hex' ? 'hex' : { refused: 'only "hex" is supported' }),
  },
  lc_messages: { initial: 'C', normalise: anything },
  lc_monetary: { initial: 'C', normalise: anything },
  lc_numeric: { initial: 'C', normalise: anything },
  lc_time: { initial: 'C', normalise: anything },
  lock_timeout: { initial: '0', normalise: anything },
  idle_in_transaction_session_timeout: { initial: '0', normalise: anything },
  jit: { initial: 'off', normalise: anything },
};

/** One connection's settings, starting from the defaults. */
export class PgSessionSettings {
  private readonly values = new Map<string, string>();

  constructor(applicationName = '') {
    this.reset();
    this.set('application_name', applicationName);
  }

  /** Names and values to report to the client at startup. */
  reported(): [string, string][] {
    return Object.entries(RULES)
      .filter(([, rule]) => rule.reported)
      .map(([name]) => [displayName(name), this.show(name)]);
  }

  isReported(name: string): boolean {
    return RULES[name.toLowerCase()]?.reported === true;
  }

  show(name: string): string {
    const value = this.values.get(name.toLowerCase());
    if (value === undefined) throw unknownSetting(name);
    return value;
  }

  /** Throws `sql_refused` for an unknown setting or a value the endpoint cannot honour. */
  set(name: string, value: string): void {
    const key = name.toLowerCase();
    const rule = RULES[key];
    if (!rule) throw unknownSetting(name);
    if (rule.readOnly || !rule.normalise) {
      throw new ShoplakeError('sql_refused', `Setting ${name} cannot be changed.`, { retryable: false });
    }
    const normalised = rule.normalise(value);
    if (typeof normalised !== 'string') {
      throw new ShoplakeError('sql_refused', `SET ${name} = '${value}' refused: ${normalised.refused}.`, {
        retryable: false,
      });
    }
    this.values.set(key, normalised);
  }

  /** Back to the default; without a name, every setting (`RESET ALL`, `DISCARD ALL`). */
  reset(name?: string): void {
    if (name === undefined) {
      for (const [key, rule] of Object.entries(RULES)) this.values.set(key, rule.initial);
      return;
    }
    const rule = RULES[name.toLowerCase()];
    if (!rule) throw unknownSetting(name);
    this.values.set(name.toLowerCase(), rule.initial);
  }

  /** `statement_timeout` in milliseconds; 0 means none. */
  statementTimeoutMs(): number {
    return Number(this.show('statement_timeout'));
  }
}

// `30000`, `30s`, `5min`, `1h` → milliseconds, as Postgres reads this setting.
function timeoutSetting(value: string): string | { refused: string } {
  const match = /^(\d+)\s*(ms|s|min|h)?$/i.exec(value.trim());
  if (!match) return { refused: 'a duration such as 30000, 30s or 5min' };
  const unit = { ms: 1, s: 1000, min: 60_000, h: 3_600_000 }[(match[2] ?? 'ms').toLowerCase()] ?? 1;
  return String(Number(match[1]) * unit);
}

// Postgres reports these with their historical capitalisation.
function displayName(name: string): string {
  return (
    ({ datestyle: 'DateStyle', intervalstyle: 'IntervalStyle', timezone: 'TimeZone' } as const)[
      name as 'datestyle'
    ] ?? name
  );
}

export function reportedName(name: string): string {
  return displayName(name.toLowerCase());
}

function unknownSetting(name: string): ShoplakeError {
  return new ShoplakeError(
    'not_found',
    `Unrecognized configuration parameter "${name}": this endpoint offers client settings only (application_name, statement_timeout, search_path, ...).`,
    { retryable: false },
  );
}
