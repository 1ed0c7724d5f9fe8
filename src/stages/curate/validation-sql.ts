// The contract's validation rules as SQL over one table's parsed columns. Each row gets the
// first error rule it breaks (or NULL) and a detail naming every check it failed; warn rules
// are counted on the rows that pass.

import type { TableSpec } from '../../core/source-tables.js';
import type { ErrorRule, WarnRule } from '../../core/validation-rules.js';
import { CONTRACT_RULES, type CurateRules } from './curate-rules.js';
import type { ParsedColumn } from './raw-column-parsing.js';
import { ident, literal } from './sql-text.js';

/** SQL function (registered by the stage) that masks card numbers, SSNs and emails in text. */
export const MASK_TEXT_FUNCTION = 'shoplake_mask_text';
export const EARLIEST_EVENT_TIME = '2000-01-01';

interface Check {
  readonly rule: ErrorRule;
  /** True when the row breaks the check. */
  readonly failing: string;
  /** Why, for `_reject_detail`. */
  readonly message: string;
}

export interface ValidationPlan {
  /** Computed over the raw row (alias r): parsed columns, `__type_problems`, `__key_missing`, `__key_problem`. */
  readonly parsedSelect: readonly string[];
  /** Computed over the parsed row: the first rule broken, or NULL. */
  readonly rejectRuleExpr: string;
  readonly rejectDetailExpr: string;
  /** Warn rules evaluated on kept rows (orphans are checked against curated separately). */
  readonly warnExprs: Partial<Record<Exclude<WarnRule, 'orphan_reference'>, string>>;
  readonly references: readonly { readonly column: string; readonly parent: TableSpec['name'] }[];
}

function keyColumn(table: TableSpec, columns: readonly ParsedColumn[]): ParsedColumn {
  const key = columns.find((c) => c.spec.name === table.primaryKey);
  if (!key) throw new Error(`table ${table.name} has no primary key column ${table.primaryKey}`);
  return key;
}

/** A value quoted for a message, masked and cut short: details must never carry card data. */
function preview(expr: string): string {
  return `'''' || left(${MASK_TEXT_FUNCTION}(CAST(${expr} AS VARCHAR)), 40) || ''''`;
}

export function validationPlan(
  table: TableSpec,
  columns: readonly ParsedColumn[],
  rules: CurateRules = CONTRACT_RULES,
): ValidationPlan {
  const delay = rules.maxEventDelayHours;
  const delayText = delay === 24 ? 'a day' : `${delay} hour${delay === 1 ? '' : 's'}`;
  const typeProblems: string[] = [];
  const checks: Check[] = [];
  for (const { spec, rawExpr, parsedExpr } of columns) {
    const name = spec.name;
    const isKey = name === table.primaryKey;
    const showValue = spec.sensitivity === 'none';
    const badValue = `${name} ${showValue ? `' || ${preview(rawExpr)} || ' ` : '(value hidden) '}does not parse as ${spec.type}`;
    if (isKey) {
      checks.push({ rule: 'primary_key', failing: '__key_missing', message: `'${name} is missing'` });
      checks.push({ rule: 'primary_key', failing: '__key_problem IS NOT NULL', message: '__key_problem' });
      continue;
    }
    if (spec.notNull) typeProblems.push(`CASE WHEN ${rawExpr} IS NULL THEN '${name} is missing' END`);
    typeProblems.push(`CASE WHEN ${rawExpr} IS NOT NULL AND ${parsedExpr} IS NULL THEN '${badValue}' END`);
  }
  checks.push({
    rule: 'required_or_type',
    failing: '__type_problems IS NOT NULL',
    message: '__type_problems',
  });

  for (const { spec } of columns) {
    const c = ident(spec.name);
    if (spec.enumValues) {
      checks.push({
        rule: 'enum_value',
        failing: `${c} NOT IN (${spec.enumValues.map(literal).join(', ')})`,
        message: `'${spec.name} ' || ${preview(c)} || ' is not one of ${spec.enumValues.join('|')}'`,
      });
    }
  }
  for (const { spec } of columns) {
    const c = ident(spec.name);
    if (spec.range === 'positive') {
      checks.push({
        rule: 'amount_range',
        failing: `${c} <= 0`,
        message: `'${spec.name} ' || ${c} || ' is not positive'`,
      });
    } else if (spec.range === 'non_negative') {
      checks.push({
        rule: 'amount_range',
        failing: `${c} < 0`,
        message: `'${spec.name} ' || ${c} || ' is negative'`,
      });
    }
  }
  for (const { spec } of columns) {
    if (!spec.letterCode) continue;
    const c = ident(spec.name);
    checks.push({
      rule: 'code_format',
      failing: `${c} IS NOT NULL AND NOT regexp_full_match(${c}, '[A-Z]{${spec.letterCode}}')`,
      message: `'${spec.name} ' || ${preview(c)} || ' is not ${spec.letterCode} letters'`,
    });
  }
  for (const { spec } of columns) {
    if (!spec.eventTime) continue;
    const c = ident(spec.name);
    checks.push({
      rule: 'event_time_range',
      failing: `${c} < TIMESTAMP '${EARLIEST_EVENT_TIME}' OR ${c} > _processed_at + INTERVAL ${delay} HOUR`,
      message: `'${spec.name} ' || strftime(${c}, '%Y-%m-%d %H:%M:%S') || ' is before ${EARLIEST_EVENT_TIME} or more than ${delayText} after processing'`,
    });
  }

  const key = keyColumn(table, columns);
  const parsedSelect = [
    ...columns.map(({ spec, parsedExpr }) => `${parsedExpr} AS ${ident(spec.name)}`),
    // NULL, not '', when all is well: most rows then store nothing for these.
    `NULLIF(concat_ws('; ', ${typeProblems.length > 0 ? typeProblems.join(', ') : "''"}), '') AS __type_problems`,
    `${key.rawExpr} IS NULL AS __key_missing`,
    `CASE WHEN ${key.rawExpr} IS NOT NULL AND ${key.parsedExpr} IS NULL THEN '${table.primaryKey} ' || ${preview(key.rawExpr)} || ' is not an integer' END AS __key_problem`,
  ];
  const rejectRuleExpr = `CASE ${checks.map((c) => `WHEN ${c.failing} THEN '${c.rule}'`).join(' ')} END`;
  const rejectDetailExpr = `concat_ws('; ', ${checks.map((c) => `CASE WHEN ${c.failing} THEN ${c.message} END`).join(', ')})`;

  const warnExprs: ValidationPlan['warnExprs'] = {};
  const email = columns.find((c) => c.spec.sensitivity === 'email');
  if (email)
    warnExprs.email_format = `NOT regexp_full_match(${ident(email.spec.name)}, '[^@]*@[^@]*\\.[^@]*')`;
  const names = new Set(columns.map((c) => c.spec.name));
  if (
    ['subtotal_amount', 'discount_amount', 'shipping_amount', 'tax_amount', 'total_amount'].every((n) =>
      names.has(n),
    )
  ) {
    warnExprs.total_mismatch =
      'abs(subtotal_amount - discount_amount + shipping_amount + tax_amount - total_amount) > 0.01';
  }
  const references = columns.flatMap(({ spec }) =>
    spec.references ? [{ column: spec.name, parent: spec.references }] : [],
  );
  return { parsedSelect, rejectRuleExpr, rejectDetailExpr, warnExprs, references };
}
