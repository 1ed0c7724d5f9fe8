// Whether a query gives the same answer every time it runs over the same files, so that its
// answer may be kept: no clock, no randomness, no session state.

/**
 * DuckDB's functions whose stability is VOLATILE or CONSISTENT_WITHIN_QUERY
 * (`SELECT function_name FROM duckdb_functions() WHERE stability <> 'CONSISTENT'`); a test
 * checks this list against the engine, so an upgrade that adds one fails loudly.
 */
export const UNREPEATABLE_FUNCTIONS: ReadonlySet<string> = new Set([
  'current_connection_id',
  'current_query',
  'current_query_id',
  'current_transaction_id',
  'currval',
  'error',
  'gen_random_uuid',
  'nextval',
  'random',
  'setseed',
  'sleep_ms',
  'stats',
  'uuid',
  'uuidv4',
  'uuidv7',
  'write_log',
  'current_database',
  'current_date',
  'current_schema',
  'current_schemas',
  'get_current_time',
  'get_current_timestamp',
  'in_search_path',
  'now',
  'today',
  'transaction_timestamp',
  'txid_current',
]);

/** SQL value functions the parser leaves as bare column names (`SELECT current_date`). */
const CLOCK_NAMES: ReadonlySet<string> = new Set([
  'current_date',
  'current_time',
  'current_timestamp',
  'localtime',
  'localtimestamp',
]);

/** True when the parse tree calls no unrepeatable function (at any depth). */
export function isRepeatable(tree: unknown): boolean {
  if (Array.isArray(tree)) return tree.every(isRepeatable);
  if (typeof tree !== 'object' || tree === null) return true;
  const node = tree as Record<string, unknown>;
  if (node.class === 'FUNCTION' && UNREPEATABLE_FUNCTIONS.has(String(node.function_name).toLowerCase())) {
    return false;
  }
  if (node.class === 'COLUMN_REF' && Array.isArray(node.column_names) && node.column_names.length === 1) {
    if (CLOCK_NAMES.has(String(node.column_names[0]).toLowerCase())) return false;
  }
  return Object.values(node).every(isRepeatable);
}
