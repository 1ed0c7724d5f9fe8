// Which functions a query may call. Table functions are allow-listed (only generators that
// read nothing); scalar functions are deny-listed for those that reach files, the
// environment, settings or session state. The sandbox's locked configuration backs this up.

/** Table functions that produce rows from their arguments alone. */
export const ALLOWED_TABLE_FUNCTIONS: ReadonlySet<string> = new Set(['range', 'generate_series', 'unnest']);

const DENIED_FUNCTIONS: ReadonlySet<string> = new Set([
  'getenv',
  'current_setting',
  'getvariable',
  'json_execute_serialized_sql',
  'json_serialize_sql',
  'json_deserialize_sql',
  'json_serialize_plan',
  'write_log',
  'parse_duckdb_log_message',
  'sleep_ms',
  'pg_sleep',
  'nextval',
  'currval',
  'setseed',
  'glob',
  'query',
  'query_table',
  'sniff_csv',
  'which_secret',
  'checkpoint',
  'force_checkpoint',
  'truncate_duckdb_logs',
  'sql_auto_complete',
  'arrow_scan',
  'arrow_scan_dumb',
  'seq_scan',
  'summary',
  'load_extension',
]);

/** Whole families: file readers, metadata and settings functions, logging and profiling switches. */
const DENIED_PREFIXES: readonly string[] = [
  'read_',
  'parquet_',
  'duckdb_',
  'pragma_',
  'enable_',
  'disable_',
  'json_execute',
  'iceberg_',
  'delta_',
  'postgres_',
  'mysql_',
  'sqlite_',
];

/** Why `name` may not be called, or undefined when it may. `name` as the parser gives it. */
export function deniedFunctionReason(name: string): string | undefined {
  const lower = name.toLowerCase();
  if (DENIED_FUNCTIONS.has(lower) || DENIED_PREFIXES.some((prefix) => lower.startsWith(prefix))) {
    return `the function ${lower}() is not allowed: it reads files, the environment, settings or session state`;
  }
  return undefined;
}
