// Masking coverage: every card, SSN and e-mail that reached curated did so as its masked form
// plus a token, so joins and velocity checks work without the clear value.

import type { Row } from '../../../ports/engine.js';
import type { SystemContext } from '../../prod-system.js';
import { type CheckResult, plural } from './compliance-check.js';

interface Coverage {
  readonly check: string;
  readonly what: string;
  readonly table: 'payments' | 'customers';
  /** Rows that carry the sensitive item at all. */
  readonly having: string;
  /** Rows that carry it correctly masked. */
  readonly masked: string;
}

const COVERAGES: readonly Coverage[] = [
  {
    check: 'card_masking_coverage',
    what: 'payments with card data (a BIN or last four)',
    table: 'payments',
    having: 'card_bin IS NOT NULL OR card_last4 IS NOT NULL',
    masked:
      "card_token IS NOT NULL AND regexp_full_match(coalesce(card_bin, '000000'), '[0-9]{6}') AND regexp_full_match(coalesce(card_last4, '0000'), '[0-9]{4}')",
  },
  {
    check: 'ssn_masking_coverage',
    what: 'customers with an SSN (last four)',
    table: 'customers',
    having: 'ssn_last4 IS NOT NULL OR ssn_token IS NOT NULL',
    masked: "ssn_token IS NOT NULL AND regexp_full_match(coalesce(ssn_last4, '0000'), '[0-9]{4}')",
  },
  {
    check: 'email_masking_coverage',
    what: 'customers with an e-mail',
    table: 'customers',
    having: 'email_masked IS NOT NULL OR email_token IS NOT NULL',
    masked: "email_token IS NOT NULL AND contains(coalesce(email_masked, '*'), '*')",
  },
];

export async function checkMaskingCoverage(context: SystemContext): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  for (const coverage of COVERAGES) {
    let rows: Row[];
    try {
      rows = await context.engine.query(
        `SELECT CAST(count(*) FILTER (WHERE ${coverage.having}) AS DOUBLE) AS having, CAST(count(*) FILTER (WHERE (${coverage.having}) AND (${coverage.masked})) AS DOUBLE) AS masked FROM ${context.curated(coverage.table)}`,
      );
    } catch (error: unknown) {
      results.push({
        check: coverage.check,
        status: 'fail',
        detail: `The masked columns of curated ${coverage.table} could not be read (${error instanceof Error ? error.message.split('\n')[0] : String(error)}); the table is not in the contract's masked shape.`,
      });
      continue;
    }
    const having = Number(rows[0]?.having ?? 0);
    const masked = Number(rows[0]?.masked ?? 0);
    const share = having === 0 ? 1 : masked / having;
    const status = masked === having ? 'pass' : 'fail';
    results.push({
      check: coverage.check,
      status,
      detail: `${plural(masked, 'row')} of ${plural(having, 'curated row')} (${(share * 100).toFixed(2)}%) of ${coverage.what} in ${coverage.table} carry a token and only the masked form.${status === 'fail' ? ` ${plural(having - masked, 'row')} lack it: re-curate them from raw.` : ''}`,
      scope: having,
    });
  }
  return results;
}
