// The SQL for curating one batch of raw files of one table: parse, validate, mask, and the
// column order of the curated and quarantine outputs.

import type { TableSpec } from '../../core/source-tables.js';
import { CONTRACT_RULES, type CurateRules } from './curate-rules.js';
import {
  decideExtraColumns,
  HMAC_TOKEN_MACRO,
  maskedColumn,
  maskedColumnNames,
  maskedText,
  tokenInputs,
} from './masking-sql.js';
import { parseColumn } from './raw-column-parsing.js';
import { ident } from './sql-text.js';
import { type ValidationPlan, validationPlan } from './validation-sql.js';

export const TOKEN_DICTIONARY = 'token_dictionary';
export const META_COLUMNS = ['_source_key', '_ingested_at', '_row_hash'] as const;
export const QUARANTINE_META_COLUMNS = [
  '_reject_rule',
  '_reject_detail',
  '_source_key',
  '_rejected_at',
  '_row_hash',
] as const;

export interface CuratePlan {
  readonly validation: ValidationPlan;
  readonly extraColumns: readonly string[];
  readonly droppedColumns: readonly string[];
  /** SELECT over `read_parquet(...) r JOIN sources s`: parsed values, rule and detail per row. */
  readonly checkedSql: (rawRelation: string, groupTypes: ReadonlyMap<string, string>) => string;
  /**
   * SELECT over `checked` (alias c): curated rows of this batch, masked, with `_row_hash`;
   * `where` narrows the rows before masking; `dictionaries` names the token inputs looked up in
   * `token_dictionary_<input>` instead of hashed inline.
   */
  readonly curatedRowsSql: (where?: string, dictionaries?: ReadonlySet<number>) => string;
  /** Expressions (over `checked` c) whose values become tokens, in projection order. */
  readonly tokenInputs: readonly string[];
  /** SELECT (v, t) of the distinct values of one token input, for `token_dictionary_<input>`. */
  readonly tokenDictionarySql: (input: number) => string;
  /** Names of the masked contract columns, in contract order. */
  readonly curatedColumns: readonly string[];
  /** SELECT over raw (alias r) joined to the rejected rows of `checked` (alias c), as masked text. */
  readonly quarantineRowsSql: (rawRelation: string, groupTypes: ReadonlyMap<string, string>) => string;
}

/** `rawTypes`: column name → engine type across the batch's files (DESCRIBE of the union). */
/**
 * `rawTypes`: column name → engine type over all files of the batch (for the extra columns).
 * Files are read in groups of one schema each (`groupTypes`), so a column that drifted to text
 * in one file is parsed from text only there.
 */
export function curatePlan(
  table: TableSpec,
  rawTypes: ReadonlyMap<string, string>,
  rules: CurateRules = CONTRACT_RULES,
): CuratePlan {
  const validationFor = (types: ReadonlyMap<string, string>) =>
    validationPlan(
      table,
      table.columns.map((spec) => parseColumn(spec, types.get(spec.name))),
      rules,
    );
  const validation = validationFor(rawTypes);
  const curatedColumns = table.columns.flatMap(maskedColumnNames);
  const reserved = new Set(
    [...table.columns.map((c) => c.name), ...curatedColumns, ...META_COLUMNS, ...QUARANTINE_META_COLUMNS].map(
      (n) => n.toLowerCase(),
    ),
  );
  const contractNames = new Set(table.columns.map((c) => c.name));
  const extras = [...rawTypes.keys()].filter(
    (name) => !contractNames.has(name) && name !== 'filename' && name !== 'file_row_number',
  );
  const { kept, dropped } = decideExtraColumns(extras, reserved);
  const extraColumns = [...kept].sort();

  const rawText = (types: ReadonlyMap<string, string>, name: string) =>
    types.has(name) ? `CAST(r.${ident(name)} AS VARCHAR)` : 'CAST(NULL AS VARCHAR)';
  const checkedSql = (rawRelation: string, groupTypes: ReadonlyMap<string, string>) => {
    const group = validationFor(groupTypes);
    const inner = [
      ...group.parsedSelect,
      ...extraColumns.map((name) => `${rawText(groupTypes, name)} AS ${ident(name)}`),
      's.source_id AS __source',
      's.landed_at AS _processed_at',
      'r.file_row_number AS __row',
    ];
    return (
      `SELECT * EXCLUDE (_processed_at), CASE WHEN _reject_rule IS NOT NULL THEN ${group.rejectDetailExpr} END AS _reject_detail FROM (` +
      `SELECT *, ${group.rejectRuleExpr} AS _reject_rule FROM (` +
      `SELECT ${inner.join(', ')} FROM ${rawRelation} r JOIN sources s ON r.filename = s.path))`
    );
  };

  // HMAC costs four SHA-256 blocks per value. Where a column repeats its values (card numbers,
  // holders, devices' IPs), each distinct value is tokenized once into a dictionary the
  // projection joins; where values are nearly unique (emails), hashing inline is cheaper.
  const tokenInputList = table.columns.flatMap((spec) => tokenInputs(spec, `c.${ident(spec.name)}`, false));
  const tokenDictionarySql = (input: number) =>
    `SELECT v, ${HMAC_TOKEN_MACRO}(v) AS t FROM (SELECT DISTINCT ${tokenInputList[input]} AS v FROM checked c WHERE c._reject_rule IS NULL) WHERE v IS NOT NULL`;
  const curatedNames = [...curatedColumns, ...extraColumns];
  const curatedRowsSql = (where = 'TRUE', dictionaries: ReadonlySet<number> = new Set()) => {
    const joins: string[] = [];
    let input = 0;
    const token = (expr: string) => {
      const i = input++;
      if (!dictionaries.has(i)) return `${HMAC_TOKEN_MACRO}(${expr})`;
      joins.push(`LEFT JOIN ${TOKEN_DICTIONARY}_${i} tk${i} ON tk${i}.v = ${expr}`);
      return `tk${i}.t`;
    };
    const items = [
      ...table.columns.flatMap((spec) => maskedColumn(spec, `c.${ident(spec.name)}`, false, token)),
      ...extraColumns.map((name) => `${maskedText(`c.${ident(name)}`)} AS ${ident(name)}`),
    ];
    // Rows are narrowed before the joins and the masking, so each row is masked once.
    return (
      `SELECT *, hash(${curatedNames.map(ident).join(', ')}) AS _row_hash FROM (` +
      `SELECT ${items.join(', ')}, s.source_key AS _source_key, s.landed_at AS _ingested_at ` +
      `FROM (SELECT * FROM checked c WHERE c._reject_rule IS NULL AND (${where})) c ` +
      `JOIN sources s ON c.__source = s.source_id ${joins.join(' ')})`
    );
  };

  // Rejected rows are read again from the raw files, as text: the quarantine shows what arrived.
  const quarantineRowsSql = (rawRelation: string, groupTypes: ReadonlyMap<string, string>) => {
    const items = [
      ...table.columns.flatMap((spec) => maskedColumn(spec, rawText(groupTypes, spec.name), true)),
      ...extraColumns.map((name) => `${maskedText(rawText(groupTypes, name))} AS ${ident(name)}`),
    ];
    return (
      `SELECT *, hash(${curatedNames.map(ident).join(', ')}) AS _row_hash FROM (` +
      `SELECT ${items.join(', ')}, c._reject_rule, c._reject_detail, s.source_key AS _source_key, s.landed_at AS _rejected_at ` +
      `FROM ${rawRelation} r JOIN sources s ON r.filename = s.path ` +
      `JOIN (SELECT * FROM checked WHERE _reject_rule IS NOT NULL) c ON s.source_id = c.__source AND r.file_row_number = c.__row)`
    );
  };

  return {
    validation,
    extraColumns,
    droppedColumns: dropped,
    checkedSql,
    curatedRowsSql,
    tokenInputs: tokenInputList,
    tokenDictionarySql,
    curatedColumns,
    quarantineRowsSql,
  };
}
