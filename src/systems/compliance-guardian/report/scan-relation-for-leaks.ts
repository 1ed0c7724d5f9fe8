// The leak scan of scan-for-leaks.ts applied to an engine relation rather than files: the
// prod tables this system is about to publish are checked before they leave the engine.

import type { Engine } from '../../../ports/engine.js';
import { holdsSensitive, type LeakFinding } from '../../../stages/audit/scan-for-leaks.js';
import { MAYBE_SENSITIVE_PATTERN, maskFreeText } from '../../../stages/curate/masking/mask-free-text.js';
import { ident, literal } from '../../../stages/curate/sql-text.js';

/** Column names that mean clear sensitive data is stored, whatever the values. */
export const FORBIDDEN_COLUMN =
  /^(card_number|card_cvv|cvv|cvc|ssn|email|date_of_birth|first_name|last_name|phone|card_holder|ip_address)$|cvv|cvc|security.?code/i;

export async function relationColumns(
  engine: Engine,
  relation: string,
): Promise<{ name: string; type: string }[]> {
  const rows = await engine.query(`DESCRIBE SELECT * FROM ${relation}`);
  return rows.map((r) => ({ name: String(r.column_name), type: String(r.column_type) }));
}

export async function scanRelationForLeaks(
  engine: Engine,
  name: string,
  relation: string,
  limit = 20,
): Promise<LeakFinding[]> {
  const findings: LeakFinding[] = [];
  for (const column of await relationColumns(engine, relation)) {
    if (FORBIDDEN_COLUMN.test(column.name)) {
      findings.push({ file: name, column: column.name, sample: `a column named ${column.name} exists` });
      continue;
    }
    if (column.type !== 'VARCHAR') continue;
    const c = ident(column.name);
    const rows = await engine.query(
      `SELECT DISTINCT ${c} AS v FROM ${relation} WHERE contains(${c}, '@') OR regexp_matches(${c}, ${literal(MAYBE_SENSITIVE_PATTERN)})`,
    );
    for (const row of rows) {
      const value = String(row.v);
      if (holdsSensitive(value))
        findings.push({ file: name, column: column.name, sample: maskFreeText(value).slice(0, 120) });
      if (findings.length >= limit) return findings;
    }
  }
  return findings;
}
