// Checks of how the lake is run rather than of its data: the masking key, and lineage columns
// that let every curated row be traced to the raw object it came from.

import type { SourceTableName } from '../../../core/source-tables.js';
import type { SystemContext } from '../../prod-system.js';
import { type CheckResult, plural } from './compliance-check.js';

export function checkHmacKey(settings: Readonly<Record<string, unknown>>): CheckResult {
  const configured = settings.hmacKeyConfigured;
  if (configured === true) {
    return {
      check: 'hmac_key_configured',
      status: 'pass',
      detail:
        'Tokens are keyed: an HMAC key is configured outside the code (environment variable, key file or secret).',
    };
  }
  if (configured === false) {
    return {
      check: 'hmac_key_configured',
      status: 'fail',
      detail:
        'No HMAC key is configured: tokens could not be keyed. Set SHOPLAKE_HMAC_KEY (or the key file / secret) before curating.',
    };
  }
  return {
    check: 'hmac_key_configured',
    status: 'warn',
    detail:
      'The runtime did not report whether an HMAC key is configured (settings.hmacKeyConfigured is missing); the curate stage refuses to run without one.',
  };
}

export async function checkLineage(
  context: SystemContext,
  tables: readonly SourceTableName[],
): Promise<CheckResult> {
  let rows = 0;
  const missing: string[] = [];
  for (const table of tables) {
    const [row] = await context.engine.query(
      `SELECT CAST(count(*) AS DOUBLE) AS n, CAST(count(*) FILTER (WHERE _source_key IS NULL OR _ingested_at IS NULL OR _row_hash IS NULL) AS DOUBLE) AS missing FROM ${context.curated(table)}`,
    );
    rows += Number(row?.n ?? 0);
    if (Number(row?.missing ?? 0) > 0) missing.push(`${table}: ${plural(Number(row?.missing), 'row')}`);
  }
  return missing.length === 0
    ? {
        check: 'curated_lineage',
        status: 'pass',
        detail: `All ${plural(rows, 'curated row')} carry _source_key, _ingested_at and _row_hash, so each can be traced to its raw object.`,
        scope: rows,
      }
    : {
        check: 'curated_lineage',
        status: 'fail',
        detail: `Curated rows without lineage: ${missing.join('; ')}. Re-curate them from raw.`,
        scope: rows,
      };
}
