// The contract's masking as SQL: which columns leave raw, under which names, and how. Card
// numbers become BIN + last four + keyed token, CVVs vanish, SSNs and emails become tokens and
// masks, free text is scanned, and every other text column is scanned too, because dirty
// exports paste card numbers into any field.

import type { ColumnSpec } from '../../core/source-tables.js';
import { SQL_TYPES } from '../../core/source-tables.js';
import { MAYBE_SENSITIVE_PATTERN } from './masking/mask-free-text.js';
import { ident, literal } from './sql-text.js';
import { MASK_TEXT_FUNCTION } from './validation-sql.js';

export const HMAC_TOKEN_MACRO = 'hmac_token';

/** Extra (drifted) columns whose name says they hold secrets we could not recognise by value. */
const SECRET_COLUMN_NAME = /cvv|cvc|cid|security.?code|pin\b|password|secret/i;

/** Masks text only where a cheap test says it might hold a card number, SSN or email. */
export function maskedText(expr: string): string {
  return (
    `CASE WHEN ${expr} IS NULL THEN NULL ` +
    `WHEN contains(${expr}, '@') OR regexp_matches(${expr}, ${literal(MAYBE_SENSITIVE_PATTERN)}) ` +
    `THEN ${MASK_TEXT_FUNCTION}(${expr}) ELSE ${expr} END`
  );
}

const digitsOf = (expr: string) => `regexp_replace(${expr}, '[^0-9]', '', 'g')`;

/** The curated column names a source column becomes. */
export function maskedColumnNames(spec: ColumnSpec): string[] {
  switch (spec.sensitivity) {
    case 'card_number':
      return ['card_bin', 'card_last4', 'card_token'];
    case 'drop':
      return [];
    case 'ssn':
      return ['ssn_last4', 'ssn_token'];
    case 'email':
      return ['email_masked', 'email_token'];
    case 'token':
      return [`${spec.name}_token`];
    case 'birth_date':
      return ['birth_year'];
    default:
      return [spec.name];
  }
}

/** How a value becomes its token in SQL: the HMAC macro itself, or a lookup of precomputed tokens. */
export type TokenSql = (input: string) => string;
export const hmacTokenSql: TokenSql = (input) => `${HMAC_TOKEN_MACRO}(${input})`;

/**
 * `expr AS name` items for one source column. `value` is the column's value: typed and
 * normalised for curated, raw text for quarantine (`asText`).
 */
export function maskedColumn(
  spec: ColumnSpec,
  value: string,
  asText: boolean,
  token: TokenSql = hmacTokenSql,
): string[] {
  const names = maskedColumnNames(spec).map(ident);
  const as = (exprs: string[]) => exprs.map((e, i) => `${e} AS ${names[i]}`);
  const text = asText || spec.type === 'string' ? value : `CAST(${value} AS VARCHAR)`;
  switch (spec.sensitivity) {
    case 'card_number': {
      const digits = digitsOf(text);
      const plausible = `length(${digits}) BETWEEN 12 AND 19`;
      return as([
        `CASE WHEN ${plausible} THEN left(${digits}, 6) END`,
        `CASE WHEN ${plausible} THEN right(${digits}, 4) END`,
        `CASE WHEN length(${digits}) > 0 THEN ${token(digits)} END`,
      ]);
    }
    case 'drop':
      return [];
    case 'ssn': {
      const digits = digitsOf(text);
      return as([
        `CASE WHEN length(${digits}) = 9 THEN right(${digits}, 4) END`,
        `CASE WHEN length(${digits}) > 0 THEN ${token(digits)} END`,
      ]);
    }
    case 'email': {
      const e = `lower(trim(${text}))`;
      const masked = `CASE WHEN ${e} IS NULL THEN NULL WHEN length(${e}) - length(replace(${e}, '@', '')) = 1 THEN left(${e}, 1) || '***@' || ${maskedText(`split_part(${e}, '@', 2)`)} ELSE '***' END`;
      return as([masked, token(e)]);
    }
    case 'token':
      return as([token(`lower(trim(${text}))`)]);
    case 'birth_date':
      return as([`CAST(year(${asText ? `TRY_CAST(trim(${text}) AS DATE)` : value}) AS INTEGER)`]);
    case 'free_text':
      return as([maskedText(text)]);
    case 'none':
      if (asText && spec.type !== 'string') {
        // A value that parses as its type is a number or a time, as in curated; anything else is scanned.
        return as([
          `CASE WHEN TRY_CAST(${text} AS ${SQL_TYPES[spec.type]}) IS NOT NULL THEN ${text} ELSE ${maskedText(text)} END`,
        ]);
      }
      if (asText || (spec.type === 'string' && !spec.enumValues && !spec.letterCode))
        return as([maskedText(text)]);
      return as([value]);
  }
}

/** The expressions a column feeds to the token function (so tokens can be computed once per distinct value). */
export function tokenInputs(spec: ColumnSpec, value: string, asText: boolean): string[] {
  const inputs: string[] = [];
  maskedColumn(spec, value, asText, (input) => {
    inputs.push(input);
    return 'NULL';
  });
  return inputs;
}

export interface ExtraColumnDecision {
  readonly kept: readonly string[];
  readonly dropped: readonly string[];
}

/**
 * Extra columns found in raw files are carried as masked text, except those whose names
 * collide with ours or say they hold secrets.
 */
export function decideExtraColumns(
  extras: readonly string[],
  reservedNames: ReadonlySet<string>,
): ExtraColumnDecision {
  const kept: string[] = [];
  const dropped: string[] = [];
  for (const name of extras) {
    const lower = name.toLowerCase();
    if (
      name.startsWith('_') ||
      reservedNames.has(lower) ||
      SECRET_COLUMN_NAME.test(name) ||
      name.length > 128
    ) {
      dropped.push(name);
    } else {
      kept.push(name);
    }
  }
  return { kept, dropped };
}
